package botapi

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-telegram/bot/models"
)

// A bot keeps file_ids in its database and sends files back by them long after: Telegram's
// file_ids never expire. KeepFilesIn gives the server the same memory across restarts, so a bot
// whose database outlives one run of the server can still send back what users sent before.

// storedFile is one line of the index: a file and where its content is.
type storedFile struct {
	ID       string         `json:"file_id"`
	Kind     string         `json:"kind"`
	UniqueID string         `json:"file_unique_id"`
	Size     int64          `json:"size"`
	Name     string         `json:"name,omitempty"`
	MIMEType string         `json:"mime_type,omitempty"`
	Media    models.Message `json:"media"`
	Blob     string         `json:"blob"` // SHA-256 of the content, in hex: its file name under blobs/
}

const indexName = "files.jsonl"

// KeepFilesIn loads the files kept in dir by an earlier run (as many as MaxStorage allows) and
// from then on writes every file with content there too: an index line and the bytes. Call it
// before the server serves.
func (s *Server) KeepFilesIn(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "blobs"), 0o700); err != nil {
		return fmt.Errorf("keep files in %s: %w", dir, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadFiles(dir); err != nil {
		return fmt.Errorf("load the files kept in %s: %w", dir, err)
	}
	s.fileDir = dir
	return nil
}

func (s *Server) loadFiles(dir string) error {
	f, err := os.Open(filepath.Join(dir, indexName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	lines.Buffer(make([]byte, 64<<10), 4<<20)
	for lines.Scan() {
		var sf storedFile
		if json.Unmarshal(lines.Bytes(), &sf) != nil || sf.ID == "" {
			continue // a line cut short by a crash
		}
		s.seq++ // new ids must not repeat the loaded ones
		if _, ok := s.files[sf.ID]; ok || s.stored+sf.Size > s.maxStore {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, "blobs", sf.Blob))
		if err != nil || int64(len(data)) != sf.Size {
			continue // content gone: the file is forgotten, as an unknown file_id is
		}
		s.files[sf.ID] = &file{kind: sf.Kind, media: sf.Media, uniqueID: sf.UniqueID, size: sf.Size,
			name: sf.Name, mimeType: sf.MIMEType, data: data}
		s.stored += sf.Size
	}
	return lines.Err()
}

// persist writes a new file with content to the file directory, if there is one; the caller
// holds s.mu.
func (s *Server) persist(id string, f *file) error {
	if s.fileDir == "" || f.data == nil {
		return nil
	}
	sum := sha256.Sum256(f.data)
	blob := hex.EncodeToString(sum[:])
	path := filepath.Join(s.fileDir, "blobs", blob)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := writeAtomically(path, f.data); err != nil {
			return err
		}
	}
	line, err := json.Marshal(storedFile{ID: id, Kind: f.kind, UniqueID: f.uniqueID, Size: f.size,
		Name: f.name, MIMEType: f.mimeType, Media: f.media, Blob: blob})
	if err != nil {
		return err
	}
	index, err := os.OpenFile(filepath.Join(s.fileDir, indexName), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := index.Write(append(line, '\n')); err != nil {
		index.Close()
		return err
	}
	return index.Close()
}

// writeAtomically writes data to path through a temporary file, so a crash leaves no half file.
func writeAtomically(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
