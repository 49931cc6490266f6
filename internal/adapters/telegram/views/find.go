package views

import (
	"strconv"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// InlineResult is the cached inline result that sends f as the media type it came as; nil for
// video notes, which inline mode cannot send.
func InlineResult(f domain.File) models.InlineQueryResult {
	id, fid, title, caption := strconv.FormatInt(f.ID, 36), f.TelegramFileID, f.Name, TruncateRunes(f.Caption, MaxCaptionRunes)
	switch f.Carrier {
	case domain.KindPhoto:
		return &models.InlineQueryResultCachedPhoto{ID: id, PhotoFileID: fid, Title: title, Caption: caption}
	case domain.KindVideo:
		return &models.InlineQueryResultCachedVideo{ID: id, VideoFileID: fid, Title: title, Caption: caption}
	case domain.KindAudio:
		return &models.InlineQueryResultCachedAudio{ID: id, AudioFileID: fid, Caption: caption}
	case domain.KindVoice:
		return &models.InlineQueryResultCachedVoice{ID: id, VoiceFileID: fid, Title: title, Caption: caption}
	case domain.KindAnimation:
		if f.MIMEType == "image/gif" {
			return &models.InlineQueryResultCachedGif{ID: id, GifFileID: fid, Title: title, Caption: caption}
		}
		return &models.InlineQueryResultCachedMpeg4Gif{ID: id, Mpeg4FileID: fid, Title: title, Caption: caption}
	case domain.KindVideoNote:
		return nil
	}
	return &models.InlineQueryResultCachedDocument{ID: id, DocumentFileID: fid, Title: title, Caption: caption}
}
