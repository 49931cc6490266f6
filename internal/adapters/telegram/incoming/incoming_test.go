package incoming

import (
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestCommand(t *testing.T) {
	cases := []struct {
		text, name, args string
		ok               bool
	}{
		{"/start", "start", "", true},
		{"/Start payload", "start", "payload", true},
		{"/help@filekeeper_bot", "help", "", true},
		{"/help@FileKeeper_Bot", "help", "", true},
		{"/help@other_bot", "", "", false},
		{"hello", "", "", false},
		{"/", "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			name, args, ok := Command(tc.text, "filekeeper_bot")
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.name, name)
			assert.Equal(t, tc.args, args)
		})
	}
}

func TestIncomingFile(t *testing.T) {
	t.Run("the largest photo size is kept", func(t *testing.T) {
		in, ok := File(&models.Message{Photo: []models.PhotoSize{
			{FileID: "s", FileUniqueID: "us", Width: 90, Height: 90},
			{FileID: "l", FileUniqueID: "ul", Width: 1280, Height: 720, FileSize: 99},
			{FileID: "m", FileUniqueID: "um", Width: 320, Height: 180},
		}, Caption: "hi"})
		assert.True(t, ok)
		assert.Equal(t, domain.IncomingFile{TelegramFileID: "l", UniqueID: "ul", MIMEType: "image/jpeg", Size: 99, Carrier: domain.KindPhoto, Caption: "hi"}, in)
	})
	t.Run("audio without a file name is named after performer and title", func(t *testing.T) {
		in, _ := File(&models.Message{Audio: &models.Audio{FileID: "a", FileUniqueID: "ua", Performer: "Nina", Title: "Song"}})
		assert.Equal(t, "Nina – Song", in.Name)
	})
	t.Run("a text carries no file", func(t *testing.T) {
		_, ok := File(&models.Message{Text: "hi"})
		assert.False(t, ok)
	})
	t.Run("each media type has its carrier kind", func(t *testing.T) {
		for want, m := range map[domain.Kind]*models.Message{
			domain.KindDocument:  {Document: &models.Document{FileID: "x"}},
			domain.KindVideo:     {Video: &models.Video{FileID: "x"}},
			domain.KindVoice:     {Voice: &models.Voice{FileID: "x"}},
			domain.KindAnimation: {Animation: &models.Animation{FileID: "x"}},
			domain.KindVideoNote: {VideoNote: &models.VideoNote{FileID: "x"}},
		} {
			in, ok := File(m)
			assert.True(t, ok)
			assert.Equal(t, want, in.Carrier)
		}
	})
}
