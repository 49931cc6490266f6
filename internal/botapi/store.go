package botapi

import (
	"github.com/filekeeper/filekeeper/internal/botapi/disk"
)

// A bot keeps file_ids in its database and sends files back by them long after: Telegram's
// file_ids never expire. KeepFilesIn gives the server the same memory across restarts, so a bot
// whose database outlives one run of the server can still send back what users sent before.

// KeepFilesIn loads the files kept in dir by an earlier run (as many as MaxStorage allows) and
// from then on writes every file with content there too: an index line and the bytes. Call it
// before the server serves.
func (s *Server) KeepFilesIn(dir string) error {
	store, err := disk.Open(dir)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err = store.Each(func(r disk.Record, content func() ([]byte, bool)) {
		s.seq++ // new ids must not repeat the loaded ones
		if _, ok := s.files[r.ID]; ok || s.stored+r.Size > s.maxStore {
			return
		}
		data, ok := content()
		if !ok {
			return
		}
		if r.Bot == 0 {
			r.Bot = BotID // kept before file_ids had a bot: there was only the first
		}
		s.files[r.ID] = &file{kind: r.Kind, bot: r.Bot, media: r.Media, uniqueID: r.UniqueID, size: r.Size,
			name: r.Name, mimeType: r.MIMEType, data: data}
		s.stored += r.Size
	})
	if err != nil {
		return err
	}
	s.disk = store
	return nil
}

// persist writes a new file with content to the file directory, if there is one; the caller
// holds s.mu.
func (s *Server) persist(id string, f *file) error {
	if s.disk == nil || f.data == nil {
		return nil
	}
	return s.disk.Add(disk.Record{ID: id, Bot: f.bot, Kind: f.kind, UniqueID: f.uniqueID, Size: f.size,
		Name: f.name, MIMEType: f.mimeType, Media: f.media}, f.data)
}
