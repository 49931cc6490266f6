package botapi_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

func TestKeptFilesOutliveARestart(t *testing.T) {
	dir := t.TempDir()
	first := newServer(t)
	require.NoError(t, first.KeepFilesIn(dir))
	doc, err := first.Upload(alice, botapi.Upload{Name: "report.pdf", Data: []byte("%PDF report")})
	require.NoError(t, err)
	photo, err := first.Upload(alice, botapi.Upload{Name: "p.png", Data: pngOf(t, 400, 300)})
	require.NoError(t, err)
	_, b := newClientOf(t, first)
	sentByBot, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID,
		Document: &models.InputFileUpload{Filename: "bot.txt", Data: strings.NewReader("from the bot")}})
	require.NoError(t, err)
	first.Close()

	again, b := newClientOf(t, newServer(t))
	require.NoError(t, again.KeepFilesIn(dir))
	sent, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: doc.Message.Document.FileID}})
	require.NoError(t, err, "a file_id from before the restart still works")
	assert.Equal(t, "report.pdf", sent.Document.FileName)
	largest := photo.Message.Photo[len(photo.Message.Photo)-1]
	sentPhoto, err := b.SendPhoto(ctx(t), &bot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: largest.FileID}})
	require.NoError(t, err)
	assert.Equal(t, photo.Message.Photo, sentPhoto.Photo)
	data, _ := download(t, b, sentByBot.Document.FileID)
	assert.Equal(t, "from the bot", string(data))

	fresh, err := again.Upload(alice, botapi.Upload{Name: "report.pdf", Data: []byte("%PDF report")})
	require.NoError(t, err)
	assert.NotEqual(t, doc.Message.Document.FileID, fresh.Message.Document.FileID, "new file_ids never repeat old ones")
	assert.Equal(t, doc.Message.Document.FileUniqueID, fresh.Message.Document.FileUniqueID)
}

func TestDamagedKeptFilesAreForgotten(t *testing.T) {
	dir := t.TempDir()
	first := newServer(t)
	require.NoError(t, first.KeepFilesIn(dir))
	gone, err := first.Upload(alice, botapi.Upload{Name: "gone.txt", Data: []byte("gone")})
	require.NoError(t, err)
	kept, err := first.Upload(alice, botapi.Upload{Name: "kept.txt", Data: []byte("kept")})
	require.NoError(t, err)
	blobs, err := filepath.Glob(filepath.Join(dir, "blobs", "*"))
	require.NoError(t, err)
	require.Len(t, blobs, 2)
	for _, blob := range blobs {
		if data, _ := os.ReadFile(blob); string(data) == "gone" {
			require.NoError(t, os.Remove(blob))
		}
	}
	index, err := os.OpenFile(filepath.Join(dir, "files.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = index.WriteString(`{"file_id":"cut sh`)
	require.NoError(t, err)
	require.NoError(t, index.Close())

	again := newServer(t)
	require.NoError(t, again.KeepFilesIn(dir))
	_, ok := again.File(gone.Message.Document.FileID)
	assert.False(t, ok, "its content is missing")
	content, ok := again.File(kept.Message.Document.FileID)
	require.True(t, ok)
	assert.Equal(t, "kept", string(content.Data))
}

func TestUpdateIDsCanStartHigh(t *testing.T) {
	s := newServerWith(t, botapi.Options{FirstUpdateID: 1_795_000_000_000})
	assert.Equal(t, int64(1_795_000_000_000), s.SendText(alice, "x").ID)
	assert.Equal(t, int64(1_795_000_000_001), s.SendText(alice, "y").ID)
}
