package sandbox_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// uploadAlbum posts files (name → content) as one album, as the page does when "as one album" is
// ticked.
func (e *env) uploadAlbum(t *testing.T, caption string, names []string, data [][]byte) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	require.NoError(t, w.WriteField("caption", caption))
	for i, name := range names {
		part, err := w.CreateFormFile("file", name)
		require.NoError(t, err)
		_, err = part.Write(data[i])
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return e.post(t, fmt.Sprintf("/api/chats/%d/albums", e.user.ID), w.FormDataContentType(), &body)
}

func TestFilesFromThePageCanGoAsOneAlbum(t *testing.T) {
	e := newEnv(t)
	status, out := e.uploadAlbum(t, "minutes", []string{"a.txt", "b.txt", "c.txt"}, [][]byte{[]byte("one"), []byte("two"), []byte("three")})
	require.Equal(t, http.StatusOK, status, out)
	assert.Equal(t, float64(3), out["files"])

	ups := e.pendingUpdates(t)
	require.Len(t, ups, 3, "each file is a message of its own")
	for i, u := range ups {
		require.NotNil(t, u.Message.Document)
		assert.Equal(t, out["media_group_id"], u.Message.MediaGroupID, "file %d", i)
	}
	assert.Equal(t, "minutes", ups[0].Message.Caption, "the caption goes with the first")
	assert.Empty(t, ups[1].Message.Caption)
}

func TestAnAlbumTheAppsWouldNotMakeIsRefused(t *testing.T) {
	e := newEnv(t)
	for name, files := range map[string][]string{
		"one file":                {"a.txt"},
		"documents with an audio": {"a.txt", "song.mp3"},
		"eleven files":            {"1.txt", "2.txt", "3.txt", "4.txt", "5.txt", "6.txt", "7.txt", "8.txt", "9.txt", "10.txt", "11.txt"},
	} {
		t.Run(name, func(t *testing.T) {
			data := make([][]byte, len(files))
			for i := range data {
				data[i] = []byte("content")
			}
			status, out := e.uploadAlbum(t, "", files, data)
			assert.Equal(t, http.StatusBadRequest, status)
			assert.NotEmpty(t, out["error"])
			assert.Empty(t, e.pendingUpdates(t), "nothing is sent")
		})
	}
}
