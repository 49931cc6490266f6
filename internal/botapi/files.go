package botapi

import (
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/filekeeper/filekeeper/internal/botapi/files"
)

// KeepFilesIn loads the files kept in dir by an earlier run (as many as MaxStorage allows) and
// from then on writes every file with content there too, so that file_ids outlive the server as
// Telegram's do. Call it before the server serves.
func (s *Server) KeepFilesIn(dir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files.Load(dir, BotID, func() { s.seq++ }) // new ids must not repeat the loaded ones
}

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
	f, ok := s.files.Get(fileID)
	if !ok || f.Data == nil {
		return FileContent{}, false
	}
	return FileContent{Name: f.Name, MIMEType: f.MIMEType, Data: f.Data}, true
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
	f := s.files.ByPath(filePath)
	s.mu.Unlock()
	if f == nil || f.Data == nil {
		writeError(w, errNotFound)
		return
	}
	// A browser may open this path too (the sandbox serves it on the page's origin): the content
	// is never given a type a browser would run, such as text/html.
	w.Header().Set("Content-Type", SafeContentType(f.MIMEType))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": path.Base(filePath)}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	_, _ = w.Write(f.Data)
}

// SafeContentType is the Content-Type to serve a file of mimeType with: the type itself when it
// is a safe media type, otherwise application/octet-stream, so that a file someone sent (an HTML
// page, an SVG, a script) is downloaded, not run on the origin that serves it.
func SafeContentType(mimeType string) string { return files.SafeContentType(mimeType) }
