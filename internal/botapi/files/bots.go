package files

import "github.com/go-telegram/bot/models"

// A file_id is for the bot that received it alone: another bot that meets the same file (a
// forward or a copy out of a shared channel, a bot token changed) gets a file_id of its own.

// ForBot is m as the bot bot sees it: each file another bot received gets a new file_id for
// this one, made from next() (the same content and file_unique_id), kept like any file.
func (s *Store) ForBot(m models.Message, bot int64, next func() int64) models.Message {
	fresh := map[string]string{}
	withFileIDs(m, func(old string) string {
		if f, ok := s.files[old]; ok && f.Bot != bot && fresh[old] == "" {
			fresh[old], _ = IDs(f.Kind, nil, next())
		}
		return old
	})
	if len(fresh) == 0 {
		return m
	}
	rename := func(id string) string {
		if n, ok := fresh[id]; ok {
			return n
		}
		return id
	}
	for old, id := range fresh {
		f := *s.files[old]
		f.Bot, f.Path, f.Media = bot, "", withFileIDs(f.Media, rename)
		s.files[id] = &f
		_ = s.persist(id, &f) // on a full disk the new id lives in memory only, as files without content do
	}
	return withFileIDs(m, rename)
}

// withFileIDs is m with each file's file_id replaced by rename(file_id); m itself is not changed.
func withFileIDs(m models.Message, rename func(string) string) models.Message {
	if d := m.Document; d != nil {
		c := *d
		c.FileID = rename(c.FileID)
		m.Document = &c
	}
	if len(m.Photo) > 0 {
		photo := make([]models.PhotoSize, len(m.Photo))
		for i, p := range m.Photo {
			p.FileID = rename(p.FileID)
			photo[i] = p
		}
		m.Photo = photo
	}
	if v := m.Video; v != nil {
		c := *v
		c.FileID = rename(c.FileID)
		m.Video = &c
	}
	if a := m.Audio; a != nil {
		c := *a
		c.FileID = rename(c.FileID)
		m.Audio = &c
	}
	if v := m.Voice; v != nil {
		c := *v
		c.FileID = rename(c.FileID)
		m.Voice = &c
	}
	if a := m.Animation; a != nil {
		c := *a
		c.FileID = rename(c.FileID)
		m.Animation = &c
	}
	if v := m.VideoNote; v != nil {
		c := *v
		c.FileID = rename(c.FileID)
		m.VideoNote = &c
	}
	if st := m.Sticker; st != nil {
		c := *st
		c.FileID = rename(c.FileID)
		m.Sticker = &c
	}
	return m
}
