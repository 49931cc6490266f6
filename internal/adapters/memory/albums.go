package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// groupKey is a media group of one owner.
type groupKey struct {
	owner int64
	group string
}

// AlbumRepository implements app.AlbumRepository in memory.
type AlbumRepository struct {
	store *Store
}

// NewAlbumRepository returns the album repository of s.
func NewAlbumRepository(s *Store) AlbumRepository { return AlbumRepository{store: s} }

var _ app.AlbumRepository = AlbumRepository{}

// Arrive counts a file of the owner's media group, making the group's album with its first file.
func (r AlbumRepository) Arrive(ctx context.Context, ownerID int64, group string, isNew bool, at time.Time) (domain.Album, error) {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.users[ownerID]; !ok {
		return domain.Album{}, fmt.Errorf("arrive in album: owner %d does not exist", ownerID)
	}
	at = storedTime(at)
	added := 0
	if isNew {
		added = 1
	}
	key := groupKey{owner: ownerID, group: group}
	id, ok := s.data.byGroup[key]
	if !ok {
		s.nextAlbumID++
		a := domain.Album{ID: s.nextAlbumID, OwnerID: ownerID, MediaGroupID: group, CreatedAt: at, Received: 1, Added: added, LastFileAt: at}
		s.data.albums[a.ID], s.data.byGroup[key] = a, a.ID
		return a, nil
	}
	a := s.data.albums[id]
	prev := a.LastFileAt
	a.Received++
	a.Added += added
	a.PrevFileAt = &prev
	if at.After(prev) {
		a.LastFileAt = at
	}
	s.data.albums[id] = a
	return copyAlbum(a), nil
}

func copyAlbum(a domain.Album) domain.Album {
	if a.PrevFileAt != nil {
		at := *a.PrevFileAt
		a.PrevFileAt = &at
	}
	return a
}

// AddFile puts the owner's file into the album unless it is in one already.
func (r AlbumRepository) AddFile(ctx context.Context, ownerID, albumID, fileID int64) (bool, error) {
	s := r.store
	defer s.lock(ctx)()
	a, found := s.data.albums[albumID]
	f, ok := s.data.files[fileID]
	if !found || a.OwnerID != ownerID || !ok || f.OwnerID != ownerID || f.AlbumID != nil {
		return false, nil
	}
	f.AlbumID = &albumID
	s.data.files[fileID] = f
	return true, nil
}

// SetConfirmation records the message confirming the album's group.
func (r AlbumRepository) SetConfirmation(ctx context.Context, ownerID, albumID, chatID int64, messageID int) error {
	s := r.store
	defer s.lock(ctx)()
	a, ok := s.data.albums[albumID]
	if !ok || a.OwnerID != ownerID {
		return fmt.Errorf("confirm album %d: %w", albumID, domain.ErrNotFound)
	}
	a.ChatID, a.MessageID = chatID, messageID
	s.data.albums[albumID] = a
	return nil
}

// Get returns the owner's album.
func (r AlbumRepository) Get(ctx context.Context, ownerID, id int64) (domain.Album, error) {
	s := r.store
	defer s.lock(ctx)()
	a, ok := s.data.albums[id]
	if err := ownedBy(ok, a.OwnerID, ownerID); err != nil {
		return domain.Album{}, fmt.Errorf("album %d of user %d: %w", id, ownerID, err)
	}
	return copyAlbum(a), nil
}

// Rename stores the album's name; like the schema it refuses one longer than the longest.
func (r AlbumRepository) Rename(ctx context.Context, ownerID, id int64, name string) error {
	s := r.store
	defer s.lock(ctx)()
	a, ok := s.data.albums[id]
	if !ok || a.OwnerID != ownerID {
		return fmt.Errorf("rename album %d: %w", id, domain.ErrNotFound)
	}
	if len([]rune(name)) > domain.MaxAlbumNameLen {
		return fmt.Errorf("rename album %d: name longer than %d", id, domain.MaxAlbumNameLen)
	}
	a.Name = name
	s.data.albums[id] = a
	return nil
}

// Files returns every file of the owner's album, oldest first.
func (r AlbumRepository) Files(ctx context.Context, ownerID, albumID int64) ([]domain.File, error) {
	s := r.store
	defer s.lock(ctx)()
	var out []domain.File
	for _, f := range s.data.files {
		if f.OwnerID == ownerID && f.AlbumID != nil && *f.AlbumID == albumID {
			out = append(out, copyFile(f))
		}
	}
	slices.SortFunc(out, func(a, b domain.File) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// Summaries returns the owner's albums among ids holding live (or trashed) files, with them.
func (r AlbumRepository) Summaries(ctx context.Context, ownerID int64, ids []int64, trashed bool) (map[int64]domain.AlbumSummary, error) {
	s := r.store
	defer s.lock(ctx)()
	files := make([]domain.File, 0, len(s.data.files))
	for _, f := range s.data.files {
		files = append(files, f)
	}
	slices.SortFunc(files, func(a, b domain.File) int { return cmp.Compare(a.ID, b.ID) })
	out := map[int64]domain.AlbumSummary{}
	for _, id := range ids {
		a, ok := s.data.albums[id]
		if !ok || a.OwnerID != ownerID {
			continue
		}
		sum := domain.AlbumSummary{ID: a.ID, Name: a.Name, CreatedAt: a.CreatedAt}
		for _, f := range files {
			if f.AlbumID == nil || *f.AlbumID != id || f.Trashed() != trashed {
				continue
			}
			sum.Files++
			sum.Bytes += f.Size
			sum.Kinds = append(sum.Kinds, f.Kind)
			if sum.Caption == "" {
				sum.Caption = f.Caption
			}
		}
		if sum.Files > 0 {
			out[id] = sum
		}
	}
	return out, nil
}

// shownAsNewer reports whether f is an album's file that a list q shows as a newer file of its
// album (a list shows an album once, as its newest file it holds; a search and a tag's list show
// files one by one). The caller holds the lock.
func (s *Store) shownAsNewer(q app.FileQuery, f domain.File) bool {
	if f.AlbumID == nil || q.Search != "" || q.TagID > 0 {
		return false
	}
	for _, g := range s.data.files {
		if g.AlbumID != nil && *g.AlbumID == *f.AlbumID && g.ID > f.ID && s.matches(q, g) {
			return true
		}
	}
	return false
}
