package memory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// FileRepository implements app.FileRepository in memory.
type FileRepository struct {
	store *Store
}

// NewFileRepository returns the file repository of s.
func NewFileRepository(s *Store) FileRepository { return FileRepository{store: s} }

// Save inserts f unless its owner already keeps a file with the same UniqueID; then it refreshes
// the stored TelegramFileID. Like the Postgres schema it refuses an unknown owner or category, an
// unknown kind and a negative size. Like the foreign key, it checks only that the category exists:
// whose it is, is the use case's business.
func (r FileRepository) Save(ctx context.Context, f domain.File) (domain.File, bool, error) {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.users[f.OwnerID]; !ok {
		return domain.File{}, false, fmt.Errorf("save file: owner %d does not exist", f.OwnerID)
	}
	// Postgres checks the row's CHECK constraints before it looks for a conflict, and the
	// foreign keys only when the row is inserted.
	if err := checkFile(f); err != nil {
		return domain.File{}, false, fmt.Errorf("save file: %w", err)
	}
	key := fileKey{owner: f.OwnerID, uniqueID: f.UniqueID}
	if id, ok := s.data.byUnique[key]; ok {
		stored := s.data.files[id]
		// The new file id shows the name the file came with this time.
		stored.RenamePending = f.RenamePending || (stored.Name != f.Name && stored.RenamableInTelegram())
		stored.TelegramFileID = f.TelegramFileID
		if f.Caption != "" { // the newest caption wins; none sent keeps the old one
			stored.Caption = f.Caption
		}
		s.data.files[id] = stored
		return copyFile(stored), false, nil
	}
	if err := s.checkCategoryExists(f.CategoryID); err != nil {
		return domain.File{}, false, fmt.Errorf("save file: %w", err)
	}
	f = copyFile(f)
	s.nextFileID++
	f.ID = s.nextFileID
	f.CreatedAt = storedTime(f.CreatedAt)
	if f.DeletedAt != nil {
		*f.DeletedAt = storedTime(*f.DeletedAt)
	}
	s.data.files[f.ID] = f
	s.data.byUnique[key] = f.ID
	return copyFile(f), true, nil
}

// checkFile applies the CHECK constraints of the Postgres schema.
func checkFile(f domain.File) error {
	switch {
	case !f.Kind.Valid() || !f.Carrier.Valid():
		return fmt.Errorf("unknown kind %q or carrier %q", f.Kind, f.Carrier)
	case f.Size < 0:
		return errors.New("negative size")
	}
	return nil
}

// Get returns the owner's file with that id: domain.ErrForbidden if it is someone else's,
// domain.ErrNotFound if there is none.
func (r FileRepository) Get(ctx context.Context, ownerID, id int64) (domain.File, error) {
	s := r.store
	defer s.lock(ctx)()
	f, ok := s.data.files[id]
	if err := ownedBy(ok, f.OwnerID, ownerID); err != nil {
		return domain.File{}, fmt.Errorf("file %d of user %d: %w", id, ownerID, err)
	}
	return copyFile(f), nil
}

// ownedBy is the answer of a read by id and owner: nil when the row exists (found) and is the
// owner's, domain.ErrForbidden when it is someone else's, domain.ErrNotFound when there is none.
func ownedBy(found bool, rowOwner, owner int64) error {
	switch {
	case !found:
		return domain.ErrNotFound
	case rowOwner != owner:
		return domain.ErrForbidden
	}
	return nil
}

// List returns a page of files as app.FileQuery describes.
func (r FileRepository) List(ctx context.Context, q app.FileQuery) ([]domain.File, error) {
	if err := checkQuery(q); err != nil {
		return nil, err
	}
	s := r.store
	defer s.lock(ctx)()
	var page []domain.File
	for _, f := range s.data.files {
		if !matches(q, f) {
			continue
		}
		if (q.AfterID > 0 && f.ID >= q.AfterID) || (q.BeforeID > 0 && f.ID <= q.BeforeID) {
			continue
		}
		page = append(page, f)
	}
	if q.BeforeID > 0 {
		slices.SortFunc(page, func(a, b domain.File) int { return cmp.Compare(a.ID, b.ID) })
	} else {
		slices.SortFunc(page, func(a, b domain.File) int { return cmp.Compare(b.ID, a.ID) })
	}
	page = page[:min(len(page), q.Limit)]
	for i := range page {
		page[i] = copyFile(page[i])
	}
	return page, nil
}

// CountList counts the files q selects, its paging aside, and of them those newer than newerThan.
func (r FileRepository) CountList(ctx context.Context, q app.FileQuery, newerThan int64) (total, newer int, err error) {
	if q.CategoryID > 0 && q.Uncategorised {
		return 0, 0, errors.New("count files: both CategoryID and Uncategorised are set")
	}
	s := r.store
	defer s.lock(ctx)()
	for _, f := range s.data.files {
		if !matches(q, f) {
			continue
		}
		total++
		if f.ID > newerThan {
			newer++
		}
	}
	return total, newer, nil
}

// checkQuery refuses the queries the Postgres adapter refuses.
func checkQuery(q app.FileQuery) error {
	switch {
	case q.Limit <= 0:
		return fmt.Errorf("list files: limit %d is not positive", q.Limit)
	case q.AfterID > 0 && q.BeforeID > 0:
		return errors.New("list files: both AfterID and BeforeID are set")
	case q.CategoryID > 0 && q.Uncategorised:
		return errors.New("list files: both CategoryID and Uncategorised are set")
	}
	return nil
}

// matches reports whether f is one of the files q selects, whatever the page.
func matches(q app.FileQuery, f domain.File) bool {
	switch {
	case f.OwnerID != q.OwnerID, f.Trashed() != q.Trashed:
		return false
	case q.Kind != "" && f.Kind != q.Kind:
		return false
	case q.CategoryID > 0 && (f.CategoryID == nil || *f.CategoryID != q.CategoryID):
		return false
	case q.Uncategorised && f.CategoryID != nil:
		return false
	case q.Search != "" && (f.Trashed() || !(matchesText(f.Name, q.Search, q.SearchPrefix) || matchesText(f.Caption, q.Search, q.SearchPrefix))):
		return false
	}
	return true
}

// CountByKind counts an owner's live files per kind; kinds without files are absent.
func (r FileRepository) CountByKind(ctx context.Context, ownerID int64) (map[domain.Kind]int, error) {
	s := r.store
	defer s.lock(ctx)()
	counts := map[domain.Kind]int{}
	for _, f := range s.data.files {
		if f.OwnerID == ownerID && f.DeletedAt == nil {
			counts[f.Kind]++
		}
	}
	return counts, nil
}

// copyFile returns f with its own copies of the pointed-to fields, so callers never share the
// store's values.
func copyFile(f domain.File) domain.File {
	if f.CategoryID != nil {
		id := *f.CategoryID
		f.CategoryID = &id
	}
	if f.DeletedAt != nil {
		at := *f.DeletedAt
		f.DeletedAt = &at
	}
	return f
}
