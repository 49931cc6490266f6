package files

import (
	"fmt"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/disk"
)

// Store is every file Telegram knows, by file_id: the ones users sent and the bots uploaded,
// with their bytes when known, bounded to a number of bytes of content kept. It is not safe for
// concurrent use: the server's lock guards it.
type Store struct {
	files  map[string]*File  // by file_id
	paths  map[string]string // file_path -> file_id, once getFile assigned one
	stored int64             // bytes of file content kept
	max    int64
	disk   *disk.Store // where files are kept on disk too (Load); nil: memory only
}

// NewStore is an empty store keeping at most maxBytes of file content.
func NewStore(maxBytes int64) *Store {
	return &Store{files: map[string]*File{}, paths: map[string]string{}, max: maxBytes}
}

// Get is the file known by id.
func (s *Store) Get(id string) (*File, bool) {
	f, ok := s.files[id]
	return f, ok
}

// Fits tells whether need more bytes of content may be kept.
func (s *Store) Fits(need int64) bool { return s.stored+need <= s.max }

// keep stores f under id (on disk too, after Load) and counts its content; the caller checked
// that it Fits.
func (s *Store) keep(id string, f *File) error {
	if err := s.persist(id, f); err != nil {
		return fmt.Errorf("keep file: %w", err)
	}
	s.files[id] = f
	s.stored += int64(len(f.Data))
	return nil
}

// Register remembers the files a message carries, received by the bot bot, so they can be sent
// back by file_id. A file the store holds already (an upload) keeps its content. An animation
// comes with a document of the same file; it stays an animation.
func (s *Store) Register(m *models.Message, bot int64) {
	add := func(kind, id, unique string, size int64, name, mimeType string, media models.Message) {
		if id == "" {
			return
		}
		if f, ok := s.files[id]; ok && f.Data != nil {
			return
		}
		s.files[id] = &File{Kind: kind, Bot: bot, Media: media, UniqueID: unique, Size: size, Name: name, MIMEType: mimeType}
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

// A bot keeps file_ids in its database and sends files back by them long after: Telegram's
// file_ids never expire. Load gives the store the same memory across restarts, so a bot whose
// database outlives one run of the server can still send back what users sent before.

// Load loads the files kept in dir by an earlier run (as many as the store's bound allows) and
// from then on writes every file with content there too: an index line and the bytes. loaded is
// told of each file found, kept or not (the server's ids must not repeat theirs); a file kept
// before file_ids had a bot is firstBot's. Call it before the server serves.
func (s *Store) Load(dir string, firstBot int64, loaded func()) error {
	store, err := disk.Open(dir)
	if err != nil {
		return err
	}
	err = store.Each(func(r disk.Record, content func() ([]byte, bool)) {
		loaded()
		if _, ok := s.files[r.ID]; ok || !s.Fits(r.Size) {
			return
		}
		data, ok := content()
		if !ok {
			return
		}
		if r.Bot == 0 {
			r.Bot = firstBot // kept before file_ids had a bot: there was only the first
		}
		s.files[r.ID] = &File{Kind: r.Kind, Bot: r.Bot, Media: r.Media, UniqueID: r.UniqueID, Size: r.Size,
			Name: r.Name, MIMEType: r.MIMEType, Data: data}
		s.stored += r.Size
	})
	if err != nil {
		return err
	}
	s.disk = store
	return nil
}

// persist writes a new file with content to the file directory, if there is one.
func (s *Store) persist(id string, f *File) error {
	if s.disk == nil || f.Data == nil {
		return nil
	}
	return s.disk.Add(disk.Record{ID: id, Bot: f.Bot, Kind: f.Kind, UniqueID: f.UniqueID, Size: f.Size,
		Name: f.Name, MIMEType: f.MIMEType, Media: f.Media}, f.Data)
}
