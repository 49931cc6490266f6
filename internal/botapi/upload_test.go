package botapi_test

import (
	"encoding/binary"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// oggOpus is the start of an Ogg Opus recording whose last page ends at seconds.
func oggOpus(seconds int) []byte {
	head := append([]byte("OggS\x00\x02"), make([]byte, 22)...)
	head = append(head, []byte("OpusHead\x01\x01")...)
	last := []byte("OggS\x00\x04")
	last = binary.LittleEndian.AppendUint64(last, uint64(seconds*48000))
	return append(append(head, make([]byte, 100)...), append(last, make([]byte, 20)...)...)
}

var (
	mp4  = append([]byte("\x00\x00\x00\x18ftypisom"), make([]byte, 64)...)
	webp = append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 32)...)
	webm = append([]byte{0x1A, 0x45, 0xDF, 0xA3}, make([]byte, 32)...)
	tgs  = append([]byte{0x1F, 0x8B, 0x08}, make([]byte, 32)...)
)

func TestAFileCanBeSentAsAVoiceNoteAVideoNoteOrASticker(t *testing.T) {
	s, b := newClient(t)
	for _, c := range []struct {
		name, as string
		data     []byte
		check    func(t *testing.T, m *models.Message) string // the file_id
	}{
		{"memo.ogg", "voice", oggOpus(7), func(t *testing.T, m *models.Message) string {
			require.NotNil(t, m.Voice)
			assert.Equal(t, "audio/ogg", m.Voice.MimeType)
			assert.Equal(t, 7, m.Voice.Duration, "read from the recording")
			assert.Equal(t, "a caption", m.Caption, "voice notes take a caption")
			return m.Voice.FileID
		}},
		{"memo.opus", "voice", oggOpus(1), func(t *testing.T, m *models.Message) string {
			require.NotNil(t, m.Voice)
			return m.Voice.FileID
		}},
		{"round.mp4", "video_note", mp4, func(t *testing.T, m *models.Message) string {
			require.NotNil(t, m.VideoNote)
			assert.Positive(t, m.VideoNote.Length)
			return m.VideoNote.FileID
		}},
		{"cat.webp", "sticker", webp, func(t *testing.T, m *models.Message) string {
			require.NotNil(t, m.Sticker)
			assert.False(t, m.Sticker.IsVideo || m.Sticker.IsAnimated)
			return m.Sticker.FileID
		}},
		{"dance.webm", "sticker", webm, func(t *testing.T, m *models.Message) string {
			require.NotNil(t, m.Sticker)
			assert.True(t, m.Sticker.IsVideo)
			return m.Sticker.FileID
		}},
		{"duck.tgs", "sticker", tgs, func(t *testing.T, m *models.Message) string {
			require.NotNil(t, m.Sticker)
			assert.True(t, m.Sticker.IsAnimated)
			return m.Sticker.FileID
		}},
	} {
		t.Run(c.as+" from "+c.name, func(t *testing.T) {
			caption := ""
			if c.as == "voice" {
				caption = "a caption"
			}
			upd, err := s.Upload(alice, botapi.Upload{Name: c.name, Data: c.data, As: c.as, Caption: caption})
			require.NoError(t, err)
			m := upd.Message
			assert.Nil(t, m.Document, "not also a document")
			fileID := c.check(t, m)
			data, _ := download(t, b, fileID)
			assert.Equal(t, c.data, data, "the bot can download it")

			// The bot can send it back by file_id with the method of its kind.
			var sendErr error
			switch c.as {
			case "voice":
				_, sendErr = b.SendVoice(ctx(t), &bot.SendVoiceParams{ChatID: alice.ID, Voice: &models.InputFileString{Data: fileID}})
			case "video_note":
				_, sendErr = b.SendVideoNote(ctx(t), &bot.SendVideoNoteParams{ChatID: alice.ID, VideoNote: &models.InputFileString{Data: fileID}})
			case "sticker":
				_, sendErr = b.SendSticker(ctx(t), &bot.SendStickerParams{ChatID: alice.ID, Sticker: &models.InputFileString{Data: fileID}})
			}
			assert.NoError(t, sendErr)
		})
	}
}

func TestAFileThatCannotBeTheKindAskedForIsRefused(t *testing.T) {
	s := newServer(t)
	for name, c := range map[string]struct {
		up   botapi.Upload
		want error
	}{
		"a text as a voice note":             {botapi.Upload{Name: "memo.ogg", Data: []byte("not a recording"), As: "voice"}, botapi.ErrNotVoice},
		"a PNG as a voice note":              {botapi.Upload{Name: "pic.png", Data: []byte("\x89PNG\r\n\x1a\n...."), As: "voice"}, botapi.ErrNotVoice},
		"an Ogg as a video note":             {botapi.Upload{Name: "memo.ogg", Data: oggOpus(1), As: "video_note"}, botapi.ErrNotVideoNote},
		"a video note with a caption":        {botapi.Upload{Name: "round.mp4", Data: mp4, As: "video_note", Caption: "hi"}, botapi.ErrNoCaption},
		"a PNG as a sticker":                 {botapi.Upload{Name: "pic.png", Data: []byte("\x89PNG\r\n\x1a\n...."), As: "sticker"}, botapi.ErrNotSticker},
		"a gzip not named .tgs":              {botapi.Upload{Name: "a.gz", Data: tgs, As: "sticker"}, botapi.ErrNotSticker},
		"a sticker with a caption":           {botapi.Upload{Name: "cat.webp", Data: webp, As: "sticker", Caption: "hi"}, botapi.ErrNoCaption},
		"a kind Telegram's apps do not make": {botapi.Upload{Name: "a.txt", Data: []byte("x"), As: "poll"}, botapi.ErrUnknownKind},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.Upload(alice, c.up)
			assert.ErrorIs(t, err, c.want)
		})
	}
	assert.Zero(t, s.Pending(), "nothing was sent to the bot")
}
