package botapi_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// pngOf is a w×h PNG picture, for uploads.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 200, A: 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// download fetches a getFile's file through the download link, as a bot would.
func download(t *testing.T, b *bot.Bot, fileID string) ([]byte, string) {
	t.Helper()
	f, err := b.GetFile(ctx(t), &bot.GetFileParams{FileID: fileID})
	require.NoError(t, err)
	resp, err := http.Get(b.FileDownloadLink(f))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return data, resp.Header.Get("Content-Type")
}

func TestAnUploadedDocumentCanBeSentBackAndDownloaded(t *testing.T) {
	s, b := newClient(t)
	content := []byte("%PDF-1.4 a report")
	upd, err := s.Upload(alice, botapi.Upload{Name: "report.pdf", Data: content, Caption: "Q3"})
	require.NoError(t, err)

	m := upd.Message
	require.NotNil(t, m)
	require.NotNil(t, m.Document)
	assert.Equal(t, "report.pdf", m.Document.FileName)
	assert.Equal(t, "application/pdf", m.Document.MimeType)
	assert.Equal(t, int64(len(content)), m.Document.FileSize)
	assert.True(t, strings.HasPrefix(m.Document.FileID, "BQACAgIAAxkBAA"), m.Document.FileID)
	assert.Equal(t, "Q3", m.Caption)
	assert.Equal(t, alice, *m.From)

	sent, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: m.Document.FileID}})
	require.NoError(t, err)
	assert.Equal(t, m.Document.FileUniqueID, sent.Document.FileUniqueID)

	data, contentType := download(t, b, m.Document.FileID)
	assert.Equal(t, content, data)
	assert.Equal(t, "application/octet-stream", contentType, "as from Telegram: only pictures, sound and video keep their type")
	kept, ok := s.File(m.Document.FileID)
	require.True(t, ok)
	assert.Equal(t, content, kept.Data)
}

func TestTheSameContentKeepsItsFileUniqueID(t *testing.T) {
	s, _ := newClient(t)
	first, err := s.Upload(alice, botapi.Upload{Name: "a.txt", Data: []byte("same")})
	require.NoError(t, err)
	again, err := s.Upload(bob, botapi.Upload{Name: "b.txt", Data: []byte("same")})
	require.NoError(t, err)
	other, err := s.Upload(alice, botapi.Upload{Name: "a.txt", Data: []byte("other")})
	require.NoError(t, err)

	assert.NotEqual(t, first.Message.Document.FileID, again.Message.Document.FileID, "a file_id is new every time")
	assert.Equal(t, first.Message.Document.FileUniqueID, again.Message.Document.FileUniqueID)
	assert.NotEqual(t, first.Message.Document.FileUniqueID, other.Message.Document.FileUniqueID)
	assert.Equal(t, "text/plain", first.Message.Document.MimeType)
}

func TestAPictureIsSentAsAPhotoInSizes(t *testing.T) {
	s, b := newClient(t)
	upd, err := s.Upload(alice, botapi.Upload{Name: "beach.png", Data: pngOf(t, 1000, 500)})
	require.NoError(t, err)

	m := upd.Message
	assert.Nil(t, m.Document)
	require.Len(t, m.Photo, 4, "90, 320, 800 and the picture itself")
	var sides [][2]int
	for _, p := range m.Photo {
		sides = append(sides, [2]int{p.Width, p.Height})
		assert.NotZero(t, p.FileSize)
	}
	assert.Equal(t, [][2]int{{90, 45}, {320, 160}, {800, 400}, {1000, 500}}, sides)
	largest := m.Photo[len(m.Photo)-1]

	data, contentType := download(t, b, largest.FileID)
	assert.Equal(t, "image/jpeg", contentType, "Telegram re-encodes photos as JPEG")
	img, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, image.Pt(1000, 500), img.Bounds().Size())

	sent, err := b.SendPhoto(ctx(t), &bot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: largest.FileID}})
	require.NoError(t, err)
	assert.Equal(t, m.Photo, sent.Photo)
}

func TestUploadsAreSentAsTelegramsAppsSendThem(t *testing.T) {
	s, _ := newClient(t)
	cases := []struct {
		name string
		up   botapi.Upload
		kind func(*models.Message) bool
	}{
		{"a small picture is one size", botapi.Upload{Name: "dot.png", Data: pngOf(t, 50, 40)}, func(m *models.Message) bool {
			return len(m.Photo) == 1 && m.Photo[0].Width == 50 && m.Photo[0].Height == 40
		}},
		{"a picture sent as a file stays a document", botapi.Upload{Name: "dot.png", Data: pngOf(t, 50, 40), AsFile: true}, func(m *models.Message) bool {
			return m.Document != nil && m.Document.MimeType == "image/png" && m.Photo == nil
		}},
		{"a broken picture is sent as a file", botapi.Upload{Name: "broken.jpg", Data: []byte("not a jpeg")}, func(m *models.Message) bool {
			return m.Document != nil && m.Document.FileName == "broken.jpg"
		}},
		{"a GIF is an animation with its document", botapi.Upload{Name: "cat.gif", Data: []byte("GIF89a....")}, func(m *models.Message) bool {
			return m.Animation != nil && m.Document != nil && m.Animation.FileID == m.Document.FileID
		}},
		{"an MP4 is a video", botapi.Upload{Name: "clip.mp4", Data: []byte("....ftypisom")}, func(m *models.Message) bool {
			return m.Video != nil && m.Video.FileName == "clip.mp4" && m.Video.MimeType == "video/mp4"
		}},
		{"an MP3 is music", botapi.Upload{Name: "song.mp3", Data: []byte("ID3....")}, func(m *models.Message) bool {
			return m.Audio != nil && m.Audio.FileName == "song.mp3"
		}},
		{"a file without an extension gets a type from its content", botapi.Upload{Name: "README", Data: []byte("plain words")}, func(m *models.Message) bool {
			return m.Document != nil && m.Document.MimeType == "text/plain"
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			upd, err := s.Upload(alice, tc.up)
			require.NoError(t, err)
			assert.True(t, tc.kind(upd.Message), "%+v", *upd.Message)
		})
	}
}

func TestUploadsTelegramWouldRefuse(t *testing.T) {
	s := newServerWith(t, botapi.Options{MaxStorage: 1 << 20})
	_, err := s.Upload(alice, botapi.Upload{Name: "empty.txt"})
	assert.ErrorIs(t, err, botapi.ErrEmptyFile)
	_, err = s.Upload(alice, botapi.Upload{Name: "big.bin", Data: make([]byte, botapi.MaxUploadSize+1)})
	assert.ErrorIs(t, err, botapi.ErrTooLarge)
	_, err = s.Upload(alice, botapi.Upload{Name: "a.txt", Data: []byte("x"), Caption: strings.Repeat("c", 1025)})
	assert.ErrorIs(t, err, botapi.ErrCaptionTooLong)

	_, err = s.Upload(alice, botapi.Upload{Name: "half.bin", Data: make([]byte, 600<<10)})
	require.NoError(t, err)
	_, err = s.Upload(alice, botapi.Upload{Name: "more.bin", Data: make([]byte, 600<<10)})
	assert.ErrorIs(t, err, botapi.ErrStorageFull)
	assert.Equal(t, 1, s.Pending(), "refused uploads send nothing")
}

func TestTheBotsUploadsAreKept(t *testing.T) {
	s, b := newClient(t)
	sent, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID,
		Document: &models.InputFileUpload{Filename: "notes.txt", Data: strings.NewReader("kept by the server")}})
	require.NoError(t, err)
	require.NotNil(t, sent.Document)
	assert.Equal(t, "notes.txt", sent.Document.FileName)
	assert.Equal(t, int64(18), sent.Document.FileSize)
	assert.Equal(t, "attach://notes.txt", s.CallsTo("sendDocument")[0].Params["document"])

	data, _ := download(t, b, sent.Document.FileID)
	assert.Equal(t, "kept by the server", string(data))

	photo, err := b.SendPhoto(ctx(t), &bot.SendPhotoParams{ChatID: alice.ID,
		Photo: &models.InputFileUpload{Filename: "p.png", Data: bytes.NewReader(pngOf(t, 400, 300))}})
	require.NoError(t, err)
	require.Len(t, photo.Photo, 3)
	assert.Equal(t, 400, photo.Photo[2].Width)
}

func TestDownloadsNeedTheTokenAndAKnownPath(t *testing.T) {
	s, b := newClient(t)
	fileID, unique := s.NewFileIDs()
	s.SendDocument(alice, models.Document{FileID: fileID, FileUniqueID: unique, FileName: "made-up.pdf", FileSize: 10}, "")
	f, err := b.GetFile(ctx(t), &bot.GetFileParams{FileID: fileID})
	require.NoError(t, err)

	for name, tc := range map[string]struct {
		path string
		want int
	}{
		"a wrong token":                  {"/file/bot987654321:AAwrong/" + f.FilePath, http.StatusUnauthorized},
		"an unknown path":                {"/file/bot" + botapi.Token + "/documents/file_999.pdf", http.StatusNotFound},
		"a file whose bytes are unknown": {"/file/bot" + botapi.Token + "/" + f.FilePath, http.StatusNotFound},
	} {
		t.Run(name, func(t *testing.T) {
			resp, err := http.Get(s.URL() + tc.path)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tc.want, resp.StatusCode)
		})
	}
	_, ok := s.File(fileID)
	assert.False(t, ok)
}

func TestGetFileRefusesFilesOver20MB(t *testing.T) {
	s, b := newClient(t)
	fileID, unique := s.NewFileIDs()
	s.SendVideo(alice, models.Video{FileID: fileID, FileUniqueID: unique, FileSize: 21 << 20}, "")
	_, err := b.GetFile(ctx(t), &bot.GetFileParams{FileID: fileID})
	require.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "file is too big")
}
