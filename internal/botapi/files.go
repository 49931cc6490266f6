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
	identity := sha256.Sum256(seq[:])
	if data != nil {
		identity = sha256.Sum256(data)
	}
	prefix, ok := filePrefixes[kind]
	if !ok {
		prefix = filePrefixes["document"]
	}
	fileID = prefix + base64.RawURLEncoding.EncodeToString(append(seq[:], identity[:12]...))
	return fileID, "AgAD" + base64.RawURLEncoding.EncodeToString(identity[:9])
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
	s.mu.Lock()
	if token != s.token {
		s.mu.Unlock()
		writeError(w, errUnauthorized)
		return
	}
	var f *file
	if id, ok := s.paths[filePath]; ok {
		f = s.files[id]
	}
	s.mu.Unlock()
	if f == nil || f.data == nil {
		writeError(w, errNotFound)
		return
	}
	// A browser may open this path too (the sandbox serves it on the page's origin): the content
	// is never given a type a browser would run, such as text/html.
	w.Header().Set("Content-Type", SafeContentType(f.mimeType))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": path.Base(filePath)}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.data)))
	_, _ = w.Write(f.data)
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
