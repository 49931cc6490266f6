// Package disk keeps the stand-in's files on disk, so that a Bot API server restarted in front
// of the same bot database still knows the file_ids it gave out: Telegram's file_ids never
// expire. A directory holds an index of JSON lines (files.jsonl), one record a file, and the
// contents under blobs/, named by their SHA-256, each written once.
package disk

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

// Record is one file of the index and where its content is.
type Record struct {
	ID       string         `json:"file_id"`
	Bot      int64          `json:"bot,omitempty"` // the bot the file_id belongs to; 0: the stand-in's first bot
	Kind     string         `json:"kind"`
	UniqueID string         `json:"file_unique_id"`
	Size     int64          `json:"size"`
	Name     string         `json:"name,omitempty"`
	MIMEType string         `json:"mime_type,omitempty"`
	Media    models.Message `json:"media"`
	Blob     string         `json:"blob"` // SHA-256 of the content, in hex: its file name under blobs/
}

const indexName = "files.jsonl"

// Store is a directory of kept files.
type Store struct{ dir string }

// Open makes the directory (and its blobs/) if needed.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "blobs"), 0o700); err != nil {
		return nil, fmt.Errorf("keep files in %s: %w", dir, err)
	}
	return &Store{dir: dir}, nil
}

// Each calls fn with every well-formed record of the index, in the order they were added, and a
// function reading its content: false when the content is gone or not of the record's size (the
// file is then to be forgotten, as an unknown file_id is). A line cut short by a crash is skipped.
func (s *Store) Each(fn func(r Record, content func() ([]byte, bool))) error {
	f, err := os.Open(filepath.Join(s.dir, indexName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load the files kept in %s: %w", s.dir, err)
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	lines.Buffer(make([]byte, 64<<10), 4<<20)
	for lines.Scan() {
		var r Record
		if json.Unmarshal(lines.Bytes(), &r) != nil || r.ID == "" {
			continue
		}
		fn(r, func() ([]byte, bool) {
			data, err := os.ReadFile(filepath.Join(s.dir, "blobs", r.Blob))
			return data, err == nil && int64(len(data)) == r.Size
		})
	}
	if err := lines.Err(); err != nil {
		return fmt.Errorf("load the files kept in %s: %w", s.dir, err)
	}
	return nil
}

// Add writes data (once per content) and appends r to the index; r.Blob is filled in.
func (s *Store) Add(r Record, data []byte) error {
	sum := sha256.Sum256(data)
	r.Blob = hex.EncodeToString(sum[:])
	path := filepath.Join(s.dir, "blobs", r.Blob)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := writeAtomically(path, data); err != nil {
			return err
		}
	}
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	index, err := os.OpenFile(filepath.Join(s.dir, indexName), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
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
