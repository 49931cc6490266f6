package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// CountUncategorised counts an owner's live files in no category.
func (r FileRepository) CountUncategorised(ctx context.Context, ownerID int64) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for _, f := range s.data.files {
		if f.OwnerID == ownerID && !f.Trashed() && f.CategoryID == nil {
			n++
		}
	}
	return n, nil
}

// CountTrashed counts an owner's files in the trash.
func (r FileRepository) CountTrashed(ctx context.Context, ownerID int64) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for _, f := range s.data.files {
		if f.OwnerID == ownerID && f.Trashed() {
			n++
		}
	}
	return n, nil
}

// Update stores f's Name, CategoryID and DeletedAt, or returns domain.ErrNotFound. Like the
// foreign key in Postgres, it refuses a category that does not exist.
func (r FileRepository) Update(ctx context.Context, f domain.File) error {
	s := r.store
	defer s.lock(ctx)()
	stored, ok := s.data.files[f.ID]
	if !ok || stored.OwnerID != f.OwnerID {
		return fmt.Errorf("update file %d of user %d: %w", f.ID, f.OwnerID, domain.ErrNotFound)
	}
	if err := s.checkCategoryExists(f.CategoryID); err != nil {
		return fmt.Errorf("update file %d: %w", f.ID, err)
	}
	f = copyFile(f)
	stored.Name = f.Name
	stored.CategoryID = f.CategoryID
	stored.DeletedAt = f.DeletedAt
	stored.RenamePending = f.RenamePending
	if stored.DeletedAt != nil {
		*stored.DeletedAt = storedTime(*stored.DeletedAt)
	}
	s.data.files[f.ID] = stored
	return nil
}

// ReplaceTelegramFileID records the file id of the file uploaded again under its name, unless
// the stored id is no longer oldID; it reports whether it was replaced.
func (r FileRepository) ReplaceTelegramFileID(ctx context.Context, ownerID, id int64, oldID, newID string) (bool, error) {
	s := r.store
	defer s.lock(ctx)()
	stored, ok := s.data.files[id]
	if !ok || stored.OwnerID != ownerID || stored.TelegramFileID != oldID {
		return false, nil
	}
	stored.TelegramFileID, stored.RenamePending = newID, false
	s.data.files[id] = stored
	return true, nil
}

// Delete removes the owner's file for good, or returns domain.ErrNotFound.
func (r FileRepository) Delete(ctx context.Context, ownerID, id int64) error {
	s := r.store
	defer s.lock(ctx)()
	if f, ok := s.data.files[id]; !ok || f.OwnerID != ownerID || !s.deleteFile(id) {
		return fmt.Errorf("delete file %d: %w", id, domain.ErrNotFound)
	}
	return nil
}

// PurgeTrashed deletes for good at most limit files trashed before cutoff, the longest trashed
// first, and returns how many it deleted. Units of work run one at a time here, so concurrent
// purges cannot meet.
func (r FileRepository) PurgeTrashed(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("purge trashed files: limit %d is not positive", limit)
	}
	s := r.store
	defer s.lock(ctx)()
	// Postgres compares with the cutoff cut to the microsecond, as pgx sends it.
	cutoff = storedTime(cutoff)
	var doomed []domain.File
	for _, f := range s.data.files {
		if f.Trashed() && f.DeletedAt.Before(cutoff) {
			doomed = append(doomed, f)
		}
	}
	slices.SortFunc(doomed, func(a, b domain.File) int {
		return cmp.Or(a.DeletedAt.Compare(*b.DeletedAt), cmp.Compare(a.ID, b.ID))
	})
	doomed = doomed[:min(len(doomed), limit)]
	for _, f := range doomed {
		s.deleteFile(f.ID)
	}
	return len(doomed), nil
}

// EmptyTrash deletes for good every file in the owner's trash and returns how many it deleted.
func (r FileRepository) EmptyTrash(ctx context.Context, ownerID int64) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for id, f := range s.data.files {
		if f.OwnerID == ownerID && f.Trashed() {
			s.deleteFile(id)
			n++
		}
	}
	return n, nil
}

// deleteFile removes the file with that id, and its shares, and reports whether there was one.
// The caller holds the lock.
func (s *Store) deleteFile(id int64) bool {
	f, ok := s.data.files[id]
	if !ok {
		return false
	}
	delete(s.data.files, id)
	delete(s.data.byUnique, fileKey{owner: f.OwnerID, uniqueID: f.UniqueID})
	s.deleteShares(func(sh domain.Share) bool { return sh.FileID == id })
	return true
}

// checkCategoryExists applies the foreign key of files.category_id: nil or an existing category.
// The caller holds the lock.
func (s *Store) checkCategoryExists(id *int64) error {
	if id == nil {
		return nil
	}
	if _, ok := s.data.categories[*id]; !ok {
		return fmt.Errorf("category %d does not exist", *id)
	}
	return nil
}
