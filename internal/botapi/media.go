package botapi

import (
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/files"
)

// registerFiles remembers the files a message carries, for the running bot; the caller holds s.mu.
func (s *Server) registerFiles(m *models.Message) { s.files.Register(m, s.bot.ID) }

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
		m := f.Media
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
func (s *Server) inputFile(kind string, p params, accepts []string) (*files.File, *APIError) {
	value := p[kind]
	if name, data, ok := p.upload(kind); ok {
		if len(data) > maxBotUpload || !s.files.Fits(int64(len(data))) {
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
	f, ok := s.files.Get(value)
	switch {
	case value == "":
		return nil, badRequest("there is no " + kind + " in the request")
	case !ok || !s.ours(f):
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	case !slices.Contains(accepts, f.Kind):
		return nil, badRequest("type of file mismatch")
	}
	return f, nil
}

// newFile makes the file Telegram would make of an upload or a URL (data nil: content unknown)
// and keeps it as the running bot's; the caller holds s.mu and checked there is room.
func (s *Server) newFile(kind, name, mimeType string, data []byte) (*files.File, error) {
	return s.files.New(kind, name, mimeType, data, s.bot.ID, s.nextSeq)
}

// maxDownload is the largest file a bot may getFile.
const maxDownload = 20 << 20

func getFile(s *Server, p params) (any, *APIError) {
	id := p["file_id"]
	f, ok := s.files.Get(id)
	switch {
	case id == "" || !ok || !s.ours(f):
		return nil, badRequest("invalid file_id")
	case f.Size > maxDownload:
		return nil, badRequest("file is too big")
	}
	filePath := s.files.PathOf(id, f, s.nextSeq)
	return models.File{FileID: id, FileUniqueID: f.UniqueID, FileSize: f.Size, FilePath: filePath}, nil
}
