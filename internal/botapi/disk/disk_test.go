package disk_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi/disk"
)

type loaded struct {
	rec  disk.Record
	data string
	ok   bool
}

func load(t *testing.T, s *disk.Store) []loaded {
	t.Helper()
	var out []loaded
	require.NoError(t, s.Each(func(r disk.Record, content func() ([]byte, bool)) {
		data, ok := content()
		out = append(out, loaded{r, string(data), ok})
	}))
	return out
}

func TestRecordsComeBackInOrderWithTheirContent(t *testing.T) {
	dir := t.TempDir()
	s, err := disk.Open(dir)
	require.NoError(t, err)
	require.NoError(t, s.Add(disk.Record{ID: "a", Kind: "document", Size: 3, Bot: 42}, []byte("one")))
	require.NoError(t, s.Add(disk.Record{ID: "b", Kind: "document", Size: 3}, []byte("one")))

	again, err := disk.Open(dir)
	require.NoError(t, err)
	got := load(t, again)
	require.Len(t, got, 2)
	assert.Equal(t, "a", got[0].rec.ID)
	assert.Equal(t, int64(42), got[0].rec.Bot)
	assert.Equal(t, loaded{got[1].rec, "one", true}, got[1])
	assert.Equal(t, got[0].rec.Blob, got[1].rec.Blob, "the same content is kept once")
	blobs, _ := filepath.Glob(filepath.Join(dir, "blobs", "*"))
	assert.Len(t, blobs, 1)
}

func TestADamagedIndexOrAMissingBlobIsSkipped(t *testing.T) {
	dir := t.TempDir()
	s, err := disk.Open(dir)
	require.NoError(t, err)
	require.NoError(t, s.Add(disk.Record{ID: "short", Size: 99}, []byte("not 99 bytes")))
	index, err := os.OpenFile(filepath.Join(dir, "files.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = index.WriteString(`{"file_id":"cut sh`)
	require.NoError(t, err)
	require.NoError(t, index.Close())

	got := load(t, s)
	require.Len(t, got, 1, "the line cut short is skipped")
	assert.False(t, got[0].ok, "content of another size than recorded is refused")
}

func TestAnEmptyDirectoryHoldsNothing(t *testing.T) {
	s, err := disk.Open(filepath.Join(t.TempDir(), "new"))
	require.NoError(t, err)
	assert.Empty(t, load(t, s))
}
