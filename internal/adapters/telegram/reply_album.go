package telegram

import (
	"context"
	"errors"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// maxMediaGroup is the most items Telegram sends as one album.
const maxMediaGroup = domain.MaxMediaGroup

// SendAlbum sends an album's files back as albums (sendMediaGroup), grouped the way Telegram
// allows: photos with videos, documents together, audio together, at most ten in each. A kind
// no album holds (voice, GIF, video note), a group of one, or a file whose file id is not the bot
// botID's (sent from its storage copy) goes as a file of its own.
func (r *Reply) SendAlbum(chatID int64, files []domain.File, botID int64) {
	r.SendAlbumProtected(chatID, files, botID, false)
}

// SendAlbumProtected is SendAlbum, with protect_content on every message when protect is set
// (what a protected link gives).
func (r *Reply) SendAlbumProtected(chatID int64, files []domain.File, botID int64, protect bool) {
	for _, batch := range albumBatches(files, botID) {
		if len(batch) == 1 {
			r.actions = append(r.actions, sendFile{chatID: chatID, file: batch[0], protect: protect})
			continue
		}
		r.actions = append(r.actions, sendAlbum{chatID: chatID, files: batch, protect: protect})
	}
}

// albumGroup is the album a file can go back in: files of one group share one; "" none.
func albumGroup(k domain.Kind) string { return k.MediaGroup() }

// albumBatches splits files into what goes back together, in the order the files come: a group
// where its first file is, cut into tens.
func albumBatches(files []domain.File, botID int64) [][]domain.File {
	var slots []string // a group's name, or "" for a file that goes alone
	var alone []domain.File
	groups := map[string][]domain.File{}
	for _, f := range files {
		g := albumGroup(f.Carrier)
		if g == "" || !f.KeptBy(botID) {
			slots, alone = append(slots, ""), append(alone, f)
			continue
		}
		if _, ok := groups[g]; !ok {
			slots = append(slots, g)
		}
		groups[g] = append(groups[g], f)
	}
	var out [][]domain.File
	for _, g := range slots {
		if g == "" {
			out, alone = append(out, alone[:1]), alone[1:]
			continue
		}
		for fs := groups[g]; len(fs) > 0; fs = fs[min(len(fs), maxMediaGroup):] {
			out = append(out, fs[:min(len(fs), maxMediaGroup)])
		}
	}
	return out
}

type sendAlbum struct {
	chatID  int64
	files   []domain.File
	protect bool // protect_content
}

func (a sendAlbum) name() string { return "sendMediaGroup" }

func (a sendAlbum) chat() int64 { return a.chatID }

func (a sendAlbum) deliver(ctx context.Context, b *bot.Bot) error {
	media := make([]models.InputMedia, len(a.files))
	for i, f := range a.files {
		media[i] = inputMedia(f)
		if media[i] == nil {
			return errors.New("send album: a file of a kind no album holds")
		}
	}
	_, err := b.SendMediaGroup(ctx, &bot.SendMediaGroupParams{ChatID: a.chatID, Media: media, ProtectContent: a.protect})
	return err
}

// inputMedia is f as an album item, by its file id, with its own caption (an album shows each
// file's name already where the kind has one); nil for a kind no album holds.
func inputMedia(f domain.File) models.InputMedia {
	caption := views.TruncateRunes(f.Caption, views.MaxCaptionRunes)
	switch f.Carrier {
	case domain.KindPhoto:
		return &models.InputMediaPhoto{Media: f.TelegramFileID, Caption: caption}
	case domain.KindVideo:
		return &models.InputMediaVideo{Media: f.TelegramFileID, Caption: caption}
	case domain.KindDocument:
		return &models.InputMediaDocument{Media: f.TelegramFileID, Caption: caption}
	case domain.KindAudio:
		return &models.InputMediaAudio{Media: f.TelegramFileID, Caption: caption}
	}
	return nil
}
