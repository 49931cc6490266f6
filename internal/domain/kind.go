package domain

import "strings"

// Kind is the sort of a kept file, detected from the Telegram message type and the MIME type.
type Kind string

// The kinds of files, in the order menus show them.
const (
	KindDocument  Kind = "document"
	KindPhoto     Kind = "photo"
	KindVideo     Kind = "video"
	KindAudio     Kind = "audio"
	KindVoice     Kind = "voice"
	KindAnimation Kind = "animation"
	KindVideoNote Kind = "video_note"
)

// Kinds lists every kind in menu order.
var Kinds = []Kind{KindDocument, KindPhoto, KindVideo, KindAudio, KindVoice, KindAnimation, KindVideoNote}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// DetectKind decides the kind of a file from the kind of message that carried it and its MIME type.
// Only documents are re-sorted by MIME type: an image sent "as a file" is still a photo to the user.
func DetectKind(carrier Kind, mimeType string) Kind {
	if carrier != KindDocument {
		return carrier
	}
	media := mediaType(mimeType)
	switch {
	case media == "image/gif":
		return KindAnimation
	case strings.HasPrefix(media, "image/"):
		return KindPhoto
	case strings.HasPrefix(media, "video/"):
		return KindVideo
	case strings.HasPrefix(media, "audio/"):
		return KindAudio
	default:
		return KindDocument
	}
}

// mediaType is the lower-case type/subtype of a MIME type without its parameters; unlike
// mime.ParseMediaType it still gives it when a parameter is malformed ("image/gif; foo").
func mediaType(mimeType string) string {
	media, _, _ := strings.Cut(mimeType, ";")
	return strings.ToLower(strings.TrimSpace(media))
}
