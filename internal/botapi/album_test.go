package botapi_test

import (
	"bytes"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// userFiles has alice send a photo, a video and two documents, and returns their file ids.
func userFiles(t *testing.T, s *testServer) (photo, video string, docs [2]string) {
	t.Helper()
	photo, pu := s.NewFileIDs()
	s.SendPhoto(alice, []models.PhotoSize{{FileID: photo, FileUniqueID: pu, Width: 800, Height: 600}}, "")
	video, vu := s.NewFileIDs()
	s.SendVideo(alice, models.Video{FileID: video, FileUniqueID: vu, FileName: "clip.mp4", MimeType: "video/mp4"}, "")
	for i := range docs {
		id, u := s.NewFileIDs()
		s.SendDocument(alice, models.Document{FileID: id, FileUniqueID: u, FileName: "a.pdf", MimeType: "application/pdf"}, "")
		docs[i] = id
	}
	return photo, video, docs
}

func TestAUserAlbumIsOneUpdateAMessageWithOneMediaGroupID(t *testing.T) {
	s := newServer(t)
	p, pu := s.NewFileIDs()
	v, vu := s.NewFileIDs()
	group, upds, err := s.SendAlbum(alice, []models.Message{
		{Photo: []models.PhotoSize{{FileID: p, FileUniqueID: pu, Width: 10, Height: 10}}, Caption: "Trip"},
		{Video: &models.Video{FileID: v, FileUniqueID: vu}},
	})
	require.NoError(t, err)
	require.Len(t, upds, 2)
	assert.NotEmpty(t, group)
	for _, u := range upds {
		assert.Equal(t, group, u.Message.MediaGroupID)
	}
	assert.Equal(t, "Trip", upds[0].Message.Caption)
	assert.Less(t, upds[0].ID, upds[1].ID)
	assert.NotEqual(t, group, s.NewMediaGroupID())
}

func TestAUserAlbumKeepsTelegramsRules(t *testing.T) {
	s := newServer(t)
	p, pu := s.NewFileIDs()
	d, du := s.NewFileIDs()
	photo := models.Message{Photo: []models.PhotoSize{{FileID: p, FileUniqueID: pu}}}
	doc := models.Message{Document: &models.Document{FileID: d, FileUniqueID: du}}
	_, _, err := s.SendAlbum(alice, []models.Message{photo})
	assert.Error(t, err, "one file is no album")
	_, _, err = s.SendAlbum(alice, []models.Message{photo, doc})
	assert.EqualError(t, err, "Bad Request: document can't be mixed with other media types")
	_, _, err = s.SendAlbum(alice, make([]models.Message, 11))
	assert.Error(t, err)
}

func TestSendMediaGroupSendsPhotosAndVideosAsOneAlbum(t *testing.T) {
	s, b := newClient(t)
	photo, video, _ := userFiles(t, s)
	before := len(s.Messages(alice.ID))

	sent, err := b.SendMediaGroup(ctx(t), &bot.SendMediaGroupParams{ChatID: alice.ID, Media: []models.InputMedia{
		&models.InputMediaPhoto{Media: photo, Caption: "Trip"},
		&models.InputMediaVideo{Media: video},
	}})
	require.NoError(t, err)
	require.Len(t, sent, 2)
	assert.NotEmpty(t, sent[0].MediaGroupID)
	assert.Equal(t, sent[0].MediaGroupID, sent[1].MediaGroupID)
	assert.Equal(t, "Trip", sent[0].Caption)
	require.NotNil(t, sent[1].Video)
	assert.Equal(t, video, sent[1].Video.FileID)
	assert.Len(t, s.Messages(alice.ID), before+2)
}

func TestSendMediaGroupTakesDocumentsTogetherAndUploads(t *testing.T) {
	s, b := newClient(t)
	_, _, docs := userFiles(t, s)
	sent, err := b.SendMediaGroup(ctx(t), &bot.SendMediaGroupParams{ChatID: alice.ID, Media: []models.InputMedia{
		&models.InputMediaDocument{Media: docs[0]},
		&models.InputMediaDocument{Media: "attach://notes.txt", MediaAttachment: bytes.NewReader([]byte("hello"))},
	}})
	require.NoError(t, err)
	require.Len(t, sent, 2)
	require.NotNil(t, sent[1].Document)
	assert.Equal(t, "notes.txt", sent[1].Document.FileName)
	assert.Equal(t, int64(5), sent[1].Document.FileSize)
}

func TestSendMediaGroupOfOneIsAMessageOutsideAnyAlbum(t *testing.T) {
	s, b := newClient(t)
	photo, _, _ := userFiles(t, s)
	sent, err := b.SendMediaGroup(ctx(t), &bot.SendMediaGroupParams{ChatID: alice.ID, Media: []models.InputMedia{
		&models.InputMediaPhoto{Media: photo},
	}})
	require.NoError(t, err)
	require.Len(t, sent, 1)
	assert.Empty(t, sent[0].MediaGroupID)
}

func TestSendMediaGroupRefusesWhatTelegramRefuses(t *testing.T) {
	s, b := newClient(t)
	photo, video, docs := userFiles(t, s)
	eleven := make([]models.InputMedia, 11)
	for i := range eleven {
		eleven[i] = &models.InputMediaPhoto{Media: photo}
	}
	cases := []struct {
		name  string
		media []models.InputMedia
		want  string
	}{
		{"no items", []models.InputMedia{}, "there are no messages to send"},
		{"eleven items", eleven, "too many messages to send as an album"},
		{"a document with a photo", []models.InputMedia{&models.InputMediaPhoto{Media: photo}, &models.InputMediaDocument{Media: docs[0]}}, "document can't be mixed with other media types"},
		{"an audio with a video", []models.InputMedia{&models.InputMediaAudio{Media: "x"}, &models.InputMediaVideo{Media: video}}, "audio can't be mixed with other media types"},
		{"an unknown file", []models.InputMedia{&models.InputMediaPhoto{Media: "nope"}, &models.InputMediaPhoto{Media: photo}}, "wrong file identifier/HTTP URL specified"},
		{"a video's file id as a photo", []models.InputMedia{&models.InputMediaPhoto{Media: video}, &models.InputMediaPhoto{Media: photo}}, "type of file mismatch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(s.Messages(alice.ID))
			_, err := b.SendMediaGroup(ctx(t), &bot.SendMediaGroupParams{ChatID: alice.ID, Media: c.media})
			require.ErrorIs(t, err, bot.ErrorBadRequest)
			assert.Contains(t, err.Error(), c.want)
			assert.Len(t, s.Messages(alice.ID), before, "a refused album sends nothing")
		})
	}
}
