package files_test

import (
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi/files"
)

func TestTheSameContentKeepsItsUniqueIDUnderANewFileID(t *testing.T) {
	first, firstUnique := files.IDs("document", []byte("report"), 1)
	again, againUnique := files.IDs("document", []byte("report"), 2)
	assert.NotEqual(t, first, again)
	assert.Equal(t, firstUnique, againUnique)
	_, unknown := files.IDs("document", nil, 3)
	assert.NotEqual(t, firstUnique, unknown, "a file of unknown content is a new one")
}

func TestAnotherBotGetsAFileIDOfItsOwn(t *testing.T) {
	store := files.NewStore(1 << 20)
	seq := int64(0)
	next := func() int64 { seq++; return seq }
	f, err := store.New("document", "a.pdf", "", []byte("%PDF-1.4"), 1, next)
	require.NoError(t, err)
	id := f.Media.Document.FileID
	assert.Equal(t, "application/pdf", f.MIMEType)

	same := store.ForBot(f.Media, 1, next)
	assert.Equal(t, id, same.Document.FileID, "the bot that received it keeps its file_id")
	other := store.ForBot(models.Message{Document: f.Media.Document}, 2, next)
	require.NotEqual(t, id, other.Document.FileID)
	kept, ok := store.Get(other.Document.FileID)
	require.True(t, ok)
	assert.Equal(t, int64(2), kept.Bot)
	assert.Equal(t, f.UniqueID, kept.UniqueID)
	filePath := store.PathOf(other.Document.FileID, kept, next)
	assert.Equal(t, "documents/file_3.pdf", filePath, "ids 1 and 2 went to the file_ids")
	assert.Equal(t, filePath, store.PathOf(other.Document.FileID, kept, next), "a path is given once")
	assert.Same(t, kept, store.ByPath(filePath))
}
