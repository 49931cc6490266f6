package sandbox

import (
	"net/http"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// maxAlbumFiles is the most files one album holds.
const maxAlbumFiles = 10

// sendAlbum takes the files of the page's composer as one album (multipart: file, repeated;
// caption, for the first; as_file): each file is a message of its own, all of one media group,
// as a Telegram app sends them.
func (s *Server) sendAlbum(w http.ResponseWriter, r *http.Request) {
	user, ok := s.user(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxAlbumFiles*botapi.MaxUploadSize+maxFormField*4)
	ups, err := readUploads(r, maxAlbumFiles)
	if err == nil {
		var group string
		if group, _, err = s.api.UploadAlbum(user, ups); err == nil {
			writeJSON(w, http.StatusOK, map[string]any{"media_group_id": group, "files": len(ups)})
			return
		}
	}
	s.uploadFailed(w, user, err)
}
