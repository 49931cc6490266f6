package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// albumFile is a message of the media group group carrying a new photo or video.
func (h *harness) albumFile(group, kind, caption string) models.Message {
	id, unique := h.api.NewFileIDs()
	m := models.Message{MediaGroupID: group, Caption: caption}
	if kind == "video" {
		m.Video = &models.Video{FileID: id, FileUniqueID: unique, FileName: "waves.mp4", MimeType: "video/mp4", FileSize: 3 << 20}
	} else {
		m.Photo = []models.PhotoSize{{FileID: id, FileUniqueID: unique, Width: 1280, Height: 960, FileSize: 200 << 10}}
	}
	return m
}

func confirmations(c tgtest.Call) bool {
	return c.Method == "sendMessage" && strings.Contains(c.Params["text"], "Saved album")
}

// TestAnAlbumSplitAcrossTwoBatchesAndARestartStaysOneAlbum: two files of an album come in one
// getUpdates batch, the bot restarts, and the third comes in another: it joins the same album
// (kept in PostgreSQL), edits the same one confirmation, and the album is one entry, sent back
// as one album; the same album sent again is recognised.
func TestAnAlbumSplitAcrossTwoBatchesAndARestartStaysOneAlbum(t *testing.T) {
	h := newHarness(t)
	group := h.api.NewMediaGroupID()
	first := h.albumFile(group, "photo", "Sea, day one")
	second := h.albumFile(group, "photo", "")
	third := h.albumFile(group, "video", "")

	h.mark = h.api.LastSeq()
	h.api.Send(alice, first)
	h.api.Send(alice, second)
	h.waitMessage(alice.ID, "✅ Saved album “Sea, day one”: 1 file: 1 photo (200 KB).")
	h.waitEdit(alice.ID, "✅ Saved album “Sea, day one”: 2 files: 2 photos (400 KB).")

	h.stop()
	h.start()
	h.mark = h.api.LastSeq()
	h.api.Send(alice, third)
	edit := h.waitEdit(alice.ID, "✅ Saved album “Sea, day one”: 3 files: 2 photos, 1 video (3.4 MB).")
	var shown []models.Message
	for _, m := range h.api.Messages(alice.ID) {
		if strings.HasPrefix(m.Text, "✅ Saved album") {
			shown = append(shown, m)
		}
	}
	require.Len(t, shown, 1, "one confirmation for the album in the chat")
	assert.Equal(t, fmt.Sprint(shown[0].ID), edit.Params["message_id"], "the same confirmation, edited after the restart")
	assert.Equal(t, 1, h.count(confirmations), "one confirmation sent for the album")

	h.say(alice, "/files")
	h.waitMessage(alice.ID, "📂 Your files")
	h.press(alice, "🗂 All")
	list := h.waitEdit(alice.ID, "")
	assert.Contains(t, list.Params["reply_markup"], `"text":"📚 Sea, day one · 3 files"`, "one entry for the album")

	h.press(alice, "📚 Sea, day one")
	h.waitEdit(alice.ID, "📚 Album “Sea, day one”\n3 files: 2 photos, 1 video · 3.4 MB")
	h.press(alice, "📤 Send all")
	back := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return c.Method == "sendMediaGroup" }))
	var media []struct{ Type string }
	require.NoError(t, json.Unmarshal([]byte(back.Params["media"]), &media))
	assert.Len(t, media, 3, "sent back as one album")

	again := h.api.NewMediaGroupID()
	h.mark = h.api.LastSeq()
	for _, m := range []models.Message{first, second, third} {
		m.MediaGroupID = again
		h.api.Send(alice, m)
	}
	h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool {
		return strings.HasPrefix(c.Method, "editMessage") && c.Params["text"] == "☑️ Already saved: all 3 files of this album."
	}))
}
