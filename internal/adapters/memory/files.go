package memory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

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
		if f.BotID != 0 { // saved with no bot, the one recorded stays (COALESCE in Postgres)
			stored.BotID = f.BotID
		}
		if f.Caption != "" { // the newest caption wins; none sent keeps the old one
			stored.Caption = f.Caption
		}
		if !stored.Origin.Forwarded() { // the first forward's origin is kept
			stored.Origin = storedOrigin(f.Origin)
		}
		s.data.files[id] = stored
		return copyFile(stored), false, nil
	}
	if err := s.checkCategoryExists(f.CategoryID); err != nil {
		return domain.File{}, false, fmt.Errorf("save file: %w", err)
	}
	f = copyFile(f)
	f.AlbumID = nil               // a file joins an album through the album repository only
	f.Copy = domain.StorageCopy{} // and gets its copy through the storage repository only
	s.nextFileID++
	f.ID = s.nextFileID
	f.CreatedAt = storedTime(f.CreatedAt)
	if f.DeletedAt != nil {
		*f.DeletedAt = storedTime(*f.DeletedAt)
	}
	f.Origin = storedOrigin(f.Origin)
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
	case f.Origin.Kind != "" && !f.Origin.Kind.Valid():
		return fmt.Errorf("unknown origin kind %q", f.Origin.Kind)
	}
	return nil
}

// storedOrigin is an origin as Postgres gives it back: no date (NULL) for a file not forwarded,
// the date to the microsecond in UTC.
func storedOrigin(o domain.Origin) domain.Origin {
	if !o.Forwarded() {
		return domain.Origin{}
	}
	o.Date = storedTime(o.Date).UTC()
	return o
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

// GetForUpdate is Get: the memory store's units of work run one at a time.
func (r FileRepository) GetForUpdate(ctx context.Context, ownerID, id int64) (domain.File, error) {
	return r.Get(ctx, ownerID, id)
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

// List returns a page of files as app.FileQuery describes: those after (or before) the cursor
// file in the order, by the order's rules (domain.SortOrder.Before).
func (r FileRepository) List(ctx context.Context, q app.FileQuery) ([]domain.File, error) {
	if err := checkQuery(q); err != nil {
		return nil, err
	}
	s := r.store
	defer s.lock(ctx)()
	order := q.Sort.Or(domain.SortNewest)
	cursorID := max(q.AfterID, q.BeforeID)
	cursor, found := s.data.files[cursorID]
	if cursorID > 0 && (!found || cursor.OwnerID != q.OwnerID) {
		return nil, nil // as the subquery that reads the cursor's key finds none
	}
	var page []domain.File
	for _, f := range s.data.files {
		if !s.matches(q, f) || s.shownAsNewer(q, f) {
			continue
		}
		if (q.AfterID > 0 && !order.Before(cursor, f)) || (q.BeforeID > 0 && !order.Before(f, cursor)) {
			continue
		}
		page = append(page, f)
	}
	slices.SortFunc(page, func(a, b domain.File) int {
		if order.Before(a, b) == (q.BeforeID == 0) {
			return -1
		}
		return 1
	})
	page = page[:min(len(page), q.Limit)]
	for i := range page {
		page[i] = copyFile(page[i])
	}
	return page, nil
}

// CountList counts the files q selects, its paging aside, and of them those newer than newerThan
// (none for a tag's list, as in Postgres).
func (r FileRepository) CountList(ctx context.Context, q app.FileQuery, newerThan int64) (total, newer int, err error) {
	if err := checkCount(q); err != nil {
		return 0, 0, err
	}
	s := r.store
	defer s.lock(ctx)()
	for _, f := range s.data.files {
		if !s.matches(q, f) || s.shownAsNewer(q, f) {
			continue
		}
		total++
		if newerThan > 0 && f.ID > newerThan && q.TagID == 0 { // a tag's list counts no newer ones
			newer++
		}
	}
	return total, newer, nil
}

// checkCount refuses the counts the Postgres adapter refuses.
func checkCount(q app.FileQuery) error {
	switch {
	case q.CategoryID > 0 && q.Uncategorised:
		return errors.New("count files: both CategoryID and Uncategorised are set")
	case q.Search != "":
		return errors.New("count files: a search is not counted")
	}
	return nil
}

// checkQuery refuses the queries the Postgres adapter refuses.
func checkQuery(q app.FileQuery) error {
	switch {
	case q.Limit <= 0:
		return fmt.Errorf("list files: limit %d is not positive", q.Limit)
	case q.AfterID > 0 && q.BeforeID > 0:
		return errors.New("list files: both AfterID and BeforeID are set")
	case q.Sort != "" && !q.Sort.Valid():
		return fmt.Errorf("list files: unknown order %q", q.Sort)
	case q.CategoryID > 0 && q.Uncategorised:
		return errors.New("list files: both CategoryID and Uncategorised are set")
	}
	return nil
}

// matches reports whether f is one of the files q selects, whatever the page. The caller holds
// the lock.
func (s *Store) matches(q app.FileQuery, f domain.File) bool {
	switch {
	case q.TagID > 0 && (f.Trashed() || !s.data.fileTags[fileTagKey{tag: q.TagID, file: f.ID}]):
		return false
	case f.OwnerID != q.OwnerID, f.Trashed() != q.Trashed:
		return false
	case q.Kind != "" && f.Kind != q.Kind:
		return false
	case q.CategoryID > 0 && (f.CategoryID == nil || *f.CategoryID != q.CategoryID):
		return false
	case q.Uncategorised && f.CategoryID != nil:
		return false
	case q.Search != "" && (f.Trashed() || !(matchesText(f.Name, q.Search, q.SearchPrefix) || matchesText(f.Caption, q.Search, q.SearchPrefix) ||
		matchesText(f.Origin.Name, q.Search, q.SearchPrefix))):
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
	if f.AlbumID != nil {
		id := *f.AlbumID
		f.AlbumID = &id
	}
	return f
}

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

// SetCaption stores the caption of the owner's file, or returns domain.ErrNotFound.
func (r FileRepository) SetCaption(ctx context.Context, ownerID, id int64, caption string) error {
	s := r.store
	defer s.lock(ctx)()
	stored, ok := s.data.files[id]
	if !ok || stored.OwnerID != ownerID {
		return fmt.Errorf("set caption of file %d of user %d: %w", id, ownerID, domain.ErrNotFound)
	}
	stored.Caption = caption
	s.data.files[id] = stored
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
	delete(s.data.claims, id) // ON DELETE CASCADE in Postgres
	delete(s.data.byUnique, fileKey{owner: f.OwnerID, uniqueID: f.UniqueID})
	if f.Copy.Exists() && !slices.Contains(s.data.deletions, f.Copy) { // the trigger of files in Postgres
		s.data.deletions = append(s.data.deletions, f.Copy)
	}
	s.deleteShares(func(sh domain.Share) bool { return sh.FileID == id })
	for k := range s.data.fileTags {
		if k.file == id {
			delete(s.data.fileTags, k)
		}
	}
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

// matchesText is the search rule of the Postgres adapter (lower(text) LIKE lower(pattern) with
// every wildcard of the query escaped): text contains query ignoring case (or, with prefix, starts
// with it). strings.ToLower folds case as lower() does in a UTF-8 database, except for a few letters
// whose lowercase is longer or shorter (İ).
func matchesText(text, query string, prefix bool) bool {
	text, query = strings.ToLower(text), strings.ToLower(query)
	if prefix {
		return strings.HasPrefix(text, query)
	}
	return strings.Contains(text, query)
}

// ByUniqueID returns the owner's file with that file_unique_id, or domain.ErrNotFound.
func (r FileRepository) ByUniqueID(ctx context.Context, ownerID int64, uniqueID string) (domain.File, error) {
	s := r.store
	defer s.lock(ctx)()
	id, ok := s.data.byUnique[fileKey{owner: ownerID, uniqueID: uniqueID}]
	if !ok {
		return domain.File{}, fmt.Errorf("file %q of user %d: %w", uniqueID, ownerID, domain.ErrNotFound)
	}
	return copyFile(s.data.files[id]), nil
}

// Usage counts what the owner keeps: all files for the totals, live ones per kind.
func (r FileRepository) Usage(ctx context.Context, ownerID int64) (domain.Usage, error) {
	s := r.store
	defer s.lock(ctx)()
	u := domain.Usage{ByKind: map[domain.Kind]domain.KindUsage{}}
	for _, f := range s.data.files {
		if f.OwnerID != ownerID {
			continue
		}
		u.Files++
		u.Bytes += f.Size
		if !f.Trashed() {
			k := u.ByKind[f.Kind]
			k.Files++
			k.Bytes += f.Size
			u.ByKind[f.Kind] = k
		}
	}
	return u, nil
}
