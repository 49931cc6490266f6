package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// StorageRepository implements app.StorageRepository over a Store.
type StorageRepository struct{ store *Store }

// NewStorageRepository returns the storage repository of s.
func NewStorageRepository(s *Store) StorageRepository { return StorageRepository{store: s} }

// Rebind stores newID as the file's file id, of bot botID, unless its file id is no longer oldID.
func (r StorageRepository) Rebind(ctx context.Context, fileID int64, oldID, newID string, botID int64) (bool, error) {
	s := r.store
	defer s.lock(ctx)()
	f, ok := s.data.files[fileID]
	if !ok || f.TelegramFileID != oldID {
		return false, nil
	}
	f.TelegramFileID, f.BotID = newID, botID
	s.data.files[fileID] = f
	return true, nil
}

// AdoptUnbound records botID as the bot of every file with none.
func (r StorageRepository) AdoptUnbound(ctx context.Context, botID int64) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for id, f := range s.data.files {
		if f.BotID == 0 {
			f.BotID = botID
			s.data.files[id] = f
			n++
		}
	}
	return n, nil
}

// SetCopy records the file's copy unless it has one.
func (r StorageRepository) SetCopy(ctx context.Context, fileID int64, c domain.StorageCopy) (bool, error) {
	if !c.Exists() {
		return false, fmt.Errorf("set the copy of file %d: no chat or message", fileID)
	}
	s := r.store
	defer s.lock(ctx)()
	f, ok := s.data.files[fileID]
	if !ok || f.Copy.Exists() {
		return false, nil
	}
	f.Copy = c
	s.data.files[fileID] = f
	return true, nil
}

// ToRebind lists the files of another bot than botID that have a copy.
func (r StorageRepository) ToRebind(ctx context.Context, botID, afterID int64, limit int) ([]domain.File, error) {
	return r.list(ctx, afterID, limit, func(f domain.File) bool { return !f.KeptBy(botID) && f.Copy.Exists() })
}

// Unreachable lists the files of another bot than botID with no copy.
func (r StorageRepository) Unreachable(ctx context.Context, botID, afterID int64, limit int) ([]domain.File, error) {
	return r.list(ctx, afterID, limit, func(f domain.File) bool { return f.Unreachable(botID) })
}

// Uncopied lists the files with no copy.
func (r StorageRepository) Uncopied(ctx context.Context, afterID int64, limit int) ([]domain.File, error) {
	return r.list(ctx, afterID, limit, func(f domain.File) bool { return !f.Copy.Exists() })
}

func (r StorageRepository) list(ctx context.Context, afterID int64, limit int, keep func(domain.File) bool) ([]domain.File, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("list files: limit %d is not positive", limit)
	}
	s := r.store
	defer s.lock(ctx)()
	var out []domain.File
	for _, f := range s.data.files {
		if f.ID > afterID && keep(f) {
			out = append(out, copyFile(f))
		}
	}
	slices.SortFunc(out, func(a, b domain.File) int { return cmp.Compare(a.ID, b.ID) })
	return out[:min(len(out), limit)], nil
}

// Count counts the owner's files (0: everyone's) with a copy, and those botID cannot send.
func (r StorageRepository) Count(ctx context.Context, ownerID, botID int64) (domain.StorageCounts, error) {
	s := r.store
	defer s.lock(ctx)()
	var c domain.StorageCounts
	for _, f := range s.data.files {
		if ownerID != 0 && f.OwnerID != ownerID {
			continue
		}
		if f.Copy.Exists() {
			c.Copied++
		}
		if f.Unreachable(botID) {
			c.Unreachable++
		}
	}
	return c, nil
}

// Deleted lists the copies of files deleted for good, oldest first.
func (r StorageRepository) Deleted(ctx context.Context, limit int) ([]domain.StorageCopy, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("list deleted copies: limit %d is not positive", limit)
	}
	s := r.store
	defer s.lock(ctx)()
	return slices.Clone(s.data.deletions[:min(len(s.data.deletions), limit)]), nil
}

// ForgetDeleted forgets a copy Deleted listed.
func (r StorageRepository) ForgetDeleted(ctx context.Context, c domain.StorageCopy) error {
	s := r.store
	defer s.lock(ctx)()
	s.data.deletions = slices.DeleteFunc(s.data.deletions, func(d domain.StorageCopy) bool { return d == c })
	return nil
}

// File returns the file with that id, whoever's it is.
func (r StorageRepository) File(ctx context.Context, id int64) (domain.File, error) {
	s := r.store
	defer s.lock(ctx)()
	f, ok := s.data.files[id]
	if !ok {
		return domain.File{}, fmt.Errorf("file %d: %w", id, domain.ErrNotFound)
	}
	return copyFile(f), nil
}
