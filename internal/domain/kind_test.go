package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestDetectKind(t *testing.T) {
	tests := []struct {
		name    string
		carrier domain.Kind
		mime    string
		want    domain.Kind
	}{
		{"a pdf document stays a document", domain.KindDocument, "application/pdf", domain.KindDocument},
		{"a png sent as a document is a photo", domain.KindDocument, "image/png", domain.KindPhoto},
		{"a jpeg sent as a document is a photo", domain.KindDocument, "image/jpeg", domain.KindPhoto},
		{"a gif sent as a document is an animation", domain.KindDocument, "image/gif", domain.KindAnimation},
		{"an upper-case gif type is an animation", domain.KindDocument, "IMAGE/GIF", domain.KindAnimation},
		{"an mp4 sent as a document is a video", domain.KindDocument, "video/mp4", domain.KindVideo},
		{"a quicktime document is a video", domain.KindDocument, "video/quicktime", domain.KindVideo},
		{"an mp3 sent as a document is audio", domain.KindDocument, "audio/mpeg", domain.KindAudio},
		{"parameters do not hide an audio type", domain.KindDocument, "audio/ogg; codecs=opus", domain.KindAudio},
		{"parameters do not hide a gif", domain.KindDocument, "image/gif; name=cat.gif", domain.KindAnimation},
		{"a malformed parameter does not hide a gif", domain.KindDocument, "image/gif; foo", domain.KindAnimation},
		{"a malformed parameter does not hide a video", domain.KindDocument, "video/mp4;;", domain.KindVideo},
		{"surrounding space is ignored", domain.KindDocument, "  video/webm  ", domain.KindVideo},
		{"a document without a MIME type stays a document", domain.KindDocument, "", domain.KindDocument},
		{"a garbage MIME type leaves a document a document", domain.KindDocument, "%%% not a type", domain.KindDocument},
		{"a half MIME type leaves a document a document", domain.KindDocument, "application/", domain.KindDocument},
		{"a photo stays a photo", domain.KindPhoto, "image/jpeg", domain.KindPhoto},
		{"a voice message stays a voice message despite its audio type", domain.KindVoice, "audio/ogg", domain.KindVoice},
		{"an animation stays an animation despite its video type", domain.KindAnimation, "video/mp4", domain.KindAnimation},
		{"a video note stays a video note", domain.KindVideoNote, "video/mp4", domain.KindVideoNote},
		{"an audio file stays audio whatever its type says", domain.KindAudio, "application/octet-stream", domain.KindAudio},
		{"a video stays a video with a garbage type", domain.KindVideo, "garbage", domain.KindVideo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, domain.DetectKind(tt.carrier, tt.mime))
		})
	}
}

func TestKindValid(t *testing.T) {
	for _, k := range domain.Kinds {
		t.Run("kind "+string(k)+" is valid", func(t *testing.T) {
			assert.True(t, k.Valid())
		})
	}
	tests := []struct {
		name string
		kind domain.Kind
	}{
		{"the empty kind is not valid", ""},
		{"an unknown kind is not valid", "sticker"},
		{"kinds are case-sensitive", "Photo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.False(t, tt.kind.Valid())
		})
	}
}
