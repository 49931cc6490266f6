package telegram_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// sendTrip has ann send two photos and a video as one album, and returns the updates.
func sendTrip(t *testing.T, api *tgtest.Server) []models.Update {
	t.Helper()
	var items []models.Message
	for i, kind := range []string{"photo", "photo", "video"} {
		id, unique := api.NewFileIDs()
		m := models.Message{}
		if kind == "photo" {
			m.Photo = []models.PhotoSize{{FileID: id, FileUniqueID: unique, Width: 800, Height: 600, FileSize: 100}}
		} else {
			m.Video = &models.Video{FileID: id, FileUniqueID: unique, FileName: "clip.mp4", MimeType: "video/mp4", FileSize: 300}
		}
		if i == 0 {
			m.Caption = "Trip to the sea"
		}
		items = append(items, m)
	}
	_, upds, err := api.SendAlbum(ann, items)
	require.NoError(t, err)
	return upds
}

func TestAnAlbumGetsOneConfirmationEditedAsItsFilesArrive(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	startPoller(t, api, memory.NewStore().UnitOfWork())

	upds := sendTrip(t, api)
	sent := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })
	assert.Equal(t, "✅ Saved album “Trip to the sea”: 1 file: 1 photo (100 B).", sent.Params["text"])
	assert.Contains(t, sent.Params["reply_parameters"], `"message_id":`+strconv.Itoa(upds[0].Message.ID), "it answers the album's first file")
	edits := api.WaitForCalls(t, wait, 2, func(c tgtest.Call) bool { return c.Method == "editMessageText" })
	last := edits[1]
	assert.Equal(t, "✅ Saved album “Trip to the sea”: 3 files: 2 photos, 1 video (500 B).", last.Params["text"])
	msg, ok := api.LastMessage(ann.ID)
	require.True(t, ok)
	assert.Equal(t, strconv.Itoa(msg.ID), last.Params["message_id"], "the first confirmation is the one edited")
	assert.Len(t, api.CallsTo("sendMessage"), 1, "one confirmation for the album, not one per file")
	assert.JSONEq(t, `{"inline_keyboard":[[{"text":"📚 Open album","callback_data":"1|ao|1|a|n0"}],[{"text":"📂 My files","callback_data":"1|k"}]]}`,
		stripCopyText(t, last.Params["reply_markup"]))
}

func TestAnAlbumIsSentBackTogetherAndOpensToItsFiles(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	startPoller(t, api, memory.NewStore().UnitOfWork())
	sendTrip(t, api)
	confirmed := api.WaitForCalls(t, wait, 2, func(c tgtest.Call) bool { return c.Method == "editMessageText" })[1]

	msg, _ := api.LastMessage(ann.ID)
	mark := api.LastSeq()
	api.PressButton(ann, msg, buttonData(t, confirmed, "📚 Open album"))
	card := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.Equal(t, "📚 Album “Trip to the sea”\n3 files: 2 photos, 1 video · 500 B\nSaved: 23 Nov 2026, 14:05 UTC", card.Params["text"])
	for _, label := range []string{"📤 Send all", "✏ Rename", "🗂 Move", "🗑 Delete", "🎬 clip.mp4 · 300 B"} {
		assert.Contains(t, card.Params["reply_markup"], `"text":"`+label+`"`)
	}

	msg, _ = api.LastMessage(ann.ID)
	mark = api.LastSeq()
	api.PressButton(ann, msg, buttonData(t, card, "📤 Send all"))
	group := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMediaGroup" })
	var media []struct{ Type, Media, Caption string }
	require.NoError(t, json.Unmarshal([]byte(group.Params["media"]), &media))
	require.Len(t, media, 3)
	assert.Equal(t, []string{"photo", "photo", "video"}, []string{media[0].Type, media[1].Type, media[2].Type})
	assert.Equal(t, "Trip to the sea", media[0].Caption)
	all := api.Messages(ann.ID)
	back := all[len(all)-3:]
	assert.NotEmpty(t, back[0].MediaGroupID)
	assert.Equal(t, back[0].MediaGroupID, back[2].MediaGroupID, "the user gets one album back")
}
