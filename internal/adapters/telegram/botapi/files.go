package botapi

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// filePrefixes start a file_id the way Telegram's start, by the kind of file.
var filePrefixes = map[string]string{
	"document": "BQACAgIAAxkBAA", "photo": "AgACAgIAAxkBAA", "video": "BAACAgIAAxkBAA",
	"audio": "CQACAgIAAxkBAA", "voice": "AwACAgIAAxkBAA", "animation": "CgACAgIAAxkBAA",
	"video_note": "DQACAgIAAxkBAA", "sticker": "CAACAgIAAxkBAA",
}

// fileIDs makes a file_id, new every time, and a file_unique_id that, as in Telegram, is the same
// whenever the same content comes again (a file made from a URL, whose content is unknown, gets a
// new one).
func (s *Server) fileIDs(kind string, data []byte) (fileID, uniqueID string) {
	n := s.nextSeq()
	var seq [8]byte
	binary.BigEndian.PutUint64(seq[:], uint64(n))
	identity := seq[:]
	if data != nil {
		sum := sha256.Sum256(data)
		identity = sum[:]
	}
	prefix, ok := filePrefixes[kind]
	if !ok {
		prefix = filePrefixes["document"]
	}
	fileID = prefix + base64.RawURLEncoding.EncodeToString(append(seq[:], identity[:12]...))
	return fileID, "AgAD" + base64.RawURLEncoding.EncodeToString(identity[:9])
}

// guessMIME is the type Telegram would give a file: by its name's extension, else by its content.
func guessMIME(name string, data []byte) string {
	t := mime.TypeByExtension(strings.ToLower(path.Ext(name)))
	if t == "" && len(data) > 0 {
		t = http.DetectContentType(data)
	}
	if t == "" {
		return "application/octet-stream"
	}
	if media, _, err := mime.ParseMediaType(t); err == nil {
		return media
	}
	return t
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// FileContent is a file the server holds, with its bytes.
type FileContent struct {
	Name     string // empty for photos, voice and video notes, as in Telegram
	MIMEType string
	Data     []byte
}

// File returns the content of the file with fileID, if the server holds its bytes: files uploaded
// with Upload or by the bot. Files a test only described (SendDocument with made-up ids) have none.
func (s *Server) File(fileID string) (FileContent, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[fileID]
	if !ok || f.data == nil {
		return FileContent{}, false
	}
	return FileContent{Name: f.name, MIMEType: f.mimeType, Data: f.data}, true
}

// serveDownload answers GET /file/bot<token>/<file_path>, the download link of a getFile.
func (s *Server) serveDownload(w http.ResponseWriter, rest string) {
	token, filePath, _ := strings.Cut(rest, "/")
	if token != Token {
		writeError(w, errUnauthorized)
		return
	}
	s.mu.Lock()
	var f *file
	if id, ok := s.paths[filePath]; ok {
		f = s.files[id]
	}
	s.mu.Unlock()
	if f == nil || f.data == nil {
		writeError(w, errNotFound)
		return
	}
	contentType := f.mimeType
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(f.data)))
	_, _ = w.Write(f.data)
}
