package telegram

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestAnAlbumGoesBackInTheGroupsTelegramAllows(t *testing.T) {
	var files []domain.File
	add := func(k domain.Kind, n int) {
		for range n {
			files = append(files, domain.File{ID: int64(len(files) + 1), Carrier: k})
		}
	}
	add(domain.KindDocument, 1)
	add(domain.KindPhoto, 7)
	add(domain.KindVoice, 1)
	add(domain.KindVideo, 5)
	add(domain.KindDocument, 1)
	add(domain.KindAudio, 1)
	files = append(files, domain.File{ID: 17, Carrier: domain.KindPhoto, BotID: 8}) // another bot's file id

	var got [][]int64
	for _, b := range albumBatches(files, 7) {
		var ids []int64
		for _, f := range b {
			ids = append(ids, f.ID)
		}
		got = append(got, ids)
	}
	assert.Equal(t, [][]int64{
		{1, 15},                           // documents together, where the first is
		{2, 3, 4, 5, 6, 7, 8, 10, 11, 12}, // photos with videos, ten at most
		{13, 14},
		{9},  // a voice note goes alone: no album holds one
		{16}, // a lone audio goes as a file of its own
		{17}, // and a file of another bot, sent from its storage copy
	}, got)

	var r Reply
	r.SendAlbum(42, files, 7)
	var names []string
	for _, a := range r.actions {
		names = append(names, a.name())
	}
	assert.Equal(t, []string{"sendMediaGroup", "sendMediaGroup", "sendMediaGroup", "send_voice", "send_audio", "send_photo"}, names)
}
