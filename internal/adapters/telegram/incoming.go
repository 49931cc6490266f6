package telegram

import (
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// profileOf is what Telegram tells about the sender.
func profileOf(u *models.User) domain.Profile {
	return domain.Profile{
		TelegramID:   u.ID,
		Username:     u.Username,
		FirstName:    u.FirstName,
		LastName:     u.LastName,
		LanguageCode: u.LanguageCode,
	}
}

// incomingFile extracts the file a message carries, if any, with where a forwarded one came
// from. A photo comes in several sizes: the largest is kept.
func incomingFile(m *models.Message) (domain.IncomingFile, bool) {
	in, ok := carriedFile(m)
	in.Origin = originOf(m)
	return in, ok
}

func carriedFile(m *models.Message) (domain.IncomingFile, bool) {
	c := m.Caption
	switch {
	// Telegram sets document alongside animation on a GIF message: the animation wins.
	case m.Animation != nil:
		a := m.Animation
		return domain.IncomingFile{TelegramFileID: a.FileID, UniqueID: a.FileUniqueID, Name: a.FileName, MIMEType: a.MimeType, Size: a.FileSize, Carrier: domain.KindAnimation, Caption: c}, true
	case m.Document != nil:
		d := m.Document
		return domain.IncomingFile{TelegramFileID: d.FileID, UniqueID: d.FileUniqueID, Name: d.FileName, MIMEType: d.MimeType, Size: d.FileSize, Carrier: domain.KindDocument, Caption: c}, true
	case len(m.Photo) > 0:
		p := largestPhoto(m.Photo)
		return domain.IncomingFile{TelegramFileID: p.FileID, UniqueID: p.FileUniqueID, MIMEType: "image/jpeg", Size: int64(p.FileSize), Carrier: domain.KindPhoto, Caption: c}, true
	case m.Video != nil:
		v := m.Video
		return domain.IncomingFile{TelegramFileID: v.FileID, UniqueID: v.FileUniqueID, Name: v.FileName, MIMEType: v.MimeType, Size: v.FileSize, Carrier: domain.KindVideo, Caption: c}, true
	case m.Audio != nil:
		a := m.Audio
		return domain.IncomingFile{TelegramFileID: a.FileID, UniqueID: a.FileUniqueID, Name: audioName(a), MIMEType: a.MimeType, Size: a.FileSize, Carrier: domain.KindAudio, Caption: c}, true
	case m.Voice != nil:
		v := m.Voice
		return domain.IncomingFile{TelegramFileID: v.FileID, UniqueID: v.FileUniqueID, MIMEType: v.MimeType, Size: v.FileSize, Carrier: domain.KindVoice, Caption: c}, true
	case m.VideoNote != nil:
		v := m.VideoNote
		return domain.IncomingFile{TelegramFileID: v.FileID, UniqueID: v.FileUniqueID, MIMEType: "video/mp4", Size: int64(v.FileSize), Carrier: domain.KindVideoNote, Caption: c}, true
	}
	return domain.IncomingFile{}, false
}

func largestPhoto(sizes []models.PhotoSize) models.PhotoSize {
	best := sizes[0]
	for _, p := range sizes[1:] {
		if p.Width*p.Height > best.Width*best.Height || (p.Width*p.Height == best.Width*best.Height && p.FileSize > best.FileSize) {
			best = p
		}
	}
	return best
}

// audioName falls back to "Performer – Title" when the audio has no file name.
func audioName(a *models.Audio) string {
	if a.FileName != "" {
		return a.FileName
	}
	parts := make([]string, 0, 2)
	for _, s := range []string{a.Performer, a.Title} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " – ")
}

// command splits "/start@filekeeper_bot args" into "start" and "args". It reports false for a
// text that is not a command, or a command addressed to another bot.
func command(text, botUsername string) (name, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, args, _ := strings.Cut(text[1:], " ")
	name, target, addressed := strings.Cut(head, "@")
	if addressed && !strings.EqualFold(target, botUsername) {
		return "", "", false
	}
	return strings.ToLower(name), strings.TrimSpace(args), name != ""
}
