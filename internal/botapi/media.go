package botapi

import (
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/content"
)

// file is a file Telegram knows: one users sent or the bot uploaded.
type file struct {
	kind     string         // "document", "photo", "video" … as the message field is named
	bot      int64          // the bot that received it: its file_id is for that bot alone
	media    models.Message // the message fields that carry the file, to echo in a sent message
	uniqueID string
	size     int64
	name     string // as sent, for the download's type; photos have none
	mimeType string
	data     []byte // nil when only the file's description is known (a test's made-up file)
	path     string // assigned by the first getFile
}

// registerFiles remembers the files a message carries, so they can be sent back by file_id. A
// file the server holds already (an Upload) keeps its content. An animation comes with a
// document of the same file; it stays an animation.
func (s *Server) registerFiles(m *models.Message) {
	add := func(kind, id, unique string, size int64, name, mimeType string, media models.Message) {
		if id == "" {
			return
		}
		if f, ok := s.files[id]; ok && f.data != nil {
			return
		}
		s.files[id] = &file{kind: kind, bot: s.bot.ID, media: media, uniqueID: unique, size: size, name: name, mimeType: mimeType}
	}
	if d := m.Document; d != nil {
		add("document", d.FileID, d.FileUniqueID, d.FileSize, d.FileName, d.MimeType, models.Message{Document: d})
	}
	for _, ps := range m.Photo {
		add("photo", ps.FileID, ps.FileUniqueID, int64(ps.FileSize), "", "image/jpeg", models.Message{Photo: m.Photo})
	}
	if v := m.Video; v != nil {
		add("video", v.FileID, v.FileUniqueID, v.FileSize, v.FileName, v.MimeType, models.Message{Video: v})
	}
	if a := m.Audio; a != nil {
		add("audio", a.FileID, a.FileUniqueID, a.FileSize, a.FileName, a.MimeType, models.Message{Audio: a})
	}
	if v := m.Voice; v != nil {
		add("voice", v.FileID, v.FileUniqueID, v.FileSize, "", v.MimeType, models.Message{Voice: v})
	}
	if a := m.Animation; a != nil {
		add("animation", a.FileID, a.FileUniqueID, a.FileSize, a.FileName, a.MimeType, models.Message{Animation: a, Document: m.Document})
	}
	if v := m.VideoNote; v != nil {
		add("video_note", v.FileID, v.FileUniqueID, int64(v.FileSize), "", "video/mp4", models.Message{VideoNote: v})
	}
	if st := m.Sticker; st != nil {
		add("sticker", st.FileID, st.FileUniqueID, int64(st.FileSize), "", "image/webp", models.Message{Sticker: st})
	}
}

// sendFile is the handler of a send method whose field (named like the kind) takes a file:
// a known file_id, an upload or an HTTP URL. accepts lists the kinds of file_id it takes.
func sendFile(kind string, accepts ...string) handler {
	accepts = append(accepts, kind)
	return func(s *Server, p params) (any, *APIError) {
		c, apiErr := s.chatParam(p)
		if apiErr != nil {
			return nil, apiErr
		}
		caption := format(p, "caption", "caption_entities")
		if caption.length() > maxCaptionLen {
			return nil, badRequest("message caption is too long")
		}
		kb, apiErr := parseMarkup(p["reply_markup"])
		if apiErr != nil {
			return nil, apiErr
		}
		f, apiErr := s.inputFile(kind, p, accepts)
		if apiErr != nil {
			return nil, apiErr
		}
		m := f.media
		m.Caption, m.ReplyMarkup, m.HasProtectedContent = caption.visible, kb, p["protect_content"] == "true"
		if kind == "video_note" || kind == "sticker" {
			m.Caption = "" // they take none
		}
		if apiErr := s.replyTo(c, p, &m); apiErr != nil {
			return nil, apiErr
		}
		return s.sendAsBot(c, m, caption.source), nil
	}
}

// maxBotUpload is the largest file a bot may upload.
const maxBotUpload = 50 << 20

var errEntityTooLarge = APIError{Code: http.StatusRequestEntityTooLarge, Description: "Request Entity Too Large"}

// inputFile resolves the file field of a send method.
func (s *Server) inputFile(kind string, p params, accepts []string) (*file, *APIError) {
	value := p[kind]
	if name, data, ok := p.upload(kind); ok {
		if len(data) > maxBotUpload || s.stored+int64(len(data)) > s.maxStore {
			return nil, &errEntityTooLarge
		}
		f, err := s.newFile(kind, name, "", data)
		if err != nil {
			return nil, &APIError{Code: http.StatusInternalServerError, Description: "Internal Server Error: " + err.Error()}
		}
		return f, nil
	}
	if strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://") {
		f, _ := s.newFile(kind, path.Base(value), "", nil) // no content: nothing to write, no error
		return f, nil
	}
	f, ok := s.files[value]
	switch {
	case value == "":
		return nil, badRequest("there is no " + kind + " in the request")
	case !ok || !s.ours(f):
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	case !slices.Contains(accepts, f.kind):
		return nil, badRequest("type of file mismatch")
	}
	return f, nil
}

// newFile makes the file Telegram would make of an upload or a URL (data nil: content unknown)
// and keeps it.
func (s *Server) newFile(kind, name, mimeType string, data []byte) (*file, error) {
	if mimeType == "" {
		mimeType = content.MIME(name, data)
	}
	if kind == "photo" && data != nil {
		if sizes, err := content.PhotoSizes(data); err == nil {
			photo, err := s.newPhoto(sizes)
			if err != nil {
				return nil, err
			}
			return s.files[photo[len(photo)-1].FileID], nil
		}
	}
	id, unique := s.fileIDs(kind, data)
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
	return s.keep(id, &file{kind: kind, media: m, uniqueID: unique, size: size, name: name, mimeType: mimeType, data: data})
}

// keep stores f under id (on disk too, with KeepFilesIn) and counts its content; the caller
// checked there is room.
func (s *Server) keep(id string, f *file) (*file, error) {
	f.bot = s.bot.ID
	if err := s.persist(id, f); err != nil {
		return nil, fmt.Errorf("keep file: %w", err)
	}
	s.files[id] = f
	s.stored += int64(len(f.data))
	return f, nil
}

// maxDownload is the largest file a bot may getFile.
const maxDownload = 20 << 20

// folders are where Telegram's file paths put each kind.
var folders = map[string]string{
	"document": "documents", "photo": "photos", "video": "videos", "audio": "music", "voice": "voice",
	"animation": "animations", "video_note": "video_notes", "sticker": "stickers",
}

func getFile(s *Server, p params) (any, *APIError) {
	id := p["file_id"]
	f, ok := s.files[id]
	switch {
	case id == "" || !ok || !s.ours(f):
		return nil, badRequest("invalid file_id")
	case f.size > maxDownload:
		return nil, badRequest("file is too big")
	}
	if f.path == "" {
		f.path = folders[f.kind] + "/file_" + itoa(s.nextSeq()) + extension(f)
		s.paths[f.path] = id
	}
	return models.File{FileID: id, FileUniqueID: f.uniqueID, FileSize: f.size, FilePath: f.path}, nil
}

func extension(f *file) string {
	switch {
	case f.kind == "photo":
		return ".jpg"
	case path.Ext(f.name) != "":
		return path.Ext(f.name)
	case f.kind == "voice":
		return ".oga"
	case f.kind == "sticker":
		return ".webp"
	case f.kind == "video_note":
		return ".mp4"
	}
	return ""
}
