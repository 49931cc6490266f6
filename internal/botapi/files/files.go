// Package files is what Telegram keeps of files: each file by its file_id (for the one bot that
// received it), with a file_unique_id that is the same whenever the same content comes again, the
// message fields that carry it, the file_path getFile gives it, and its bytes when known, kept in
// memory within a bound and, optionally, on disk across restarts.
package files

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"mime"
	"path"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/content"
)

// File is a file Telegram knows: one users sent or a bot uploaded.
type File struct {
	Kind     string         // "document", "photo", "video" … as the message field is named
	Bot      int64          // the bot that received it: its file_id is for that bot alone
	Media    models.Message // the message fields that carry the file, to echo in a sent message
	UniqueID string
	Size     int64
	Name     string // as sent, for the download's type; photos have none
	MIMEType string
	Data     []byte // nil when only the file's description is known (a test's made-up file)
	Path     string // assigned by the first getFile
}

// prefixes start a file_id the way Telegram's start, by the kind of file.
var prefixes = map[string]string{
	"document": "BQACAgIAAxkBAA", "photo": "AgACAgIAAxkBAA", "video": "BAACAgIAAxkBAA",
	"audio": "CQACAgIAAxkBAA", "voice": "AwACAgIAAxkBAA", "animation": "CgACAgIAAxkBAA",
	"video_note": "DQACAgIAAxkBAA", "sticker": "CAACAgIAAxkBAA",
}

// IDs makes the file_id of a file of kind from seq, a number never used before, and a
// file_unique_id that, as in Telegram, is the same whenever the same content comes again (a file
// whose content is unknown, data nil, gets a new one).
func IDs(kind string, data []byte, seq int64) (fileID, uniqueID string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(seq))
	identity := sha256.Sum256(n[:])
	if data != nil {
		identity = sha256.Sum256(data)
	}
	prefix, ok := prefixes[kind]
	if !ok {
		prefix = prefixes["document"]
	}
	fileID = prefix + base64.RawURLEncoding.EncodeToString(append(n[:], identity[:12]...))
	return fileID, "AgAD" + base64.RawURLEncoding.EncodeToString(identity[:9])
}

// Carrier is the message fields Telegram fills for a file of kind (a photo of unknown size,
// a document for a kind it does not know), and the file's MIME type as Telegram settles it.
func Carrier(kind, id, unique, name, mimeType string, data []byte) (models.Message, string) {
	size := int64(len(data))
	var m models.Message
	switch kind {
	case "photo":
		m.Photo = []models.PhotoSize{{FileID: id, FileUniqueID: unique, Width: 800, Height: 600, FileSize: int(size)}}
	case "video":
		m.Video = &models.Video{FileID: id, FileUniqueID: unique, FileName: name, MimeType: mimeType, FileSize: size}
	case "audio":
		m.Audio = &models.Audio{FileID: id, FileUniqueID: unique, FileName: name, MimeType: mimeType, FileSize: size}
	case "voice":
		mimeType = content.VoiceMIME(data, mimeType)
		m.Voice = &models.Voice{FileID: id, FileUniqueID: unique, Duration: content.OggOpusSeconds(data), MimeType: mimeType, FileSize: size}
	case "animation":
		m.Animation = &models.Animation{FileID: id, FileUniqueID: unique, FileName: name, MimeType: mimeType, FileSize: size}
		m.Document = &models.Document{FileID: id, FileUniqueID: unique, FileName: name, MimeType: mimeType, FileSize: size}
	case "video_note":
		m.VideoNote = &models.VideoNote{FileID: id, FileUniqueID: unique, Length: 240, FileSize: int(size)}
	case "sticker":
		format := content.StickerFormat(name, data)
		if t, ok := content.StickerMIME[format]; ok {
			mimeType = t
		}
		m.Sticker = &models.Sticker{FileID: id, FileUniqueID: unique, Type: "regular", Width: 512, Height: 512,
			IsAnimated: format == "animated", IsVideo: format == "video", FileSize: int(size)}
	default:
		m.Document = &models.Document{FileID: id, FileUniqueID: unique, FileName: name, MimeType: mimeType, FileSize: size}
	}
	return m, mimeType
}

// folders are where Telegram's file paths put each kind.
var folders = map[string]string{
	"document": "documents", "photo": "photos", "video": "videos", "audio": "music", "voice": "voice",
	"animation": "animations", "video_note": "video_notes", "sticker": "stickers",
}

// PathOf is the file_path of the file id, f: the one it was given, or a new one made from
// next(), a number never used before, as getFile gives it.
func (s *Store) PathOf(id string, f *File, next func() int64) string {
	if f.Path == "" {
		f.Path = folders[f.Kind] + "/file_" + strconv.FormatInt(next(), 10) + extension(f)
		s.paths[f.Path] = id
	}
	return f.Path
}

// ByPath is the file a file_path names, nil for none.
func (s *Store) ByPath(filePath string) *File {
	if id, ok := s.paths[filePath]; ok {
		return s.files[id]
	}
	return nil
}

func extension(f *File) string {
	switch {
	case f.Kind == "photo":
		return ".jpg"
	case path.Ext(f.Name) != "":
		return path.Ext(f.Name)
	case f.Kind == "voice":
		return ".oga"
	case f.Kind == "sticker":
		return ".webp"
	case f.Kind == "video_note":
		return ".mp4"
	}
	return ""
}

// safeTypes are the media types a browser only ever shows or plays — pictures, sound, video — and
// never runs as a page or a script (SVG, which can carry scripts, is not one of them).
var safeTypes = map[string]bool{
	"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true,
	"audio/ogg": true, "audio/opus": true, "audio/mpeg": true, "audio/mp4": true, "audio/x-m4a": true,
	"audio/aac": true, "audio/flac": true, "audio/wav": true, "audio/x-wav": true, "audio/webm": true,
	"video/mp4": true, "video/webm": true, "video/ogg": true, "video/quicktime": true,
}

// SafeContentType is the Content-Type to serve a file of mimeType with: the type itself when it
// is a safe media type, otherwise application/octet-stream, so that a file someone sent (an HTML
// page, an SVG, a script) is downloaded, not run on the origin that serves it.
func SafeContentType(mimeType string) string {
	if media, _, err := mime.ParseMediaType(mimeType); err == nil && safeTypes[strings.ToLower(media)] {
		return media
	}
	return "application/octet-stream"
}
