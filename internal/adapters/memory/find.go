package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/filekeeper/filekeeper/internal/domain"
)

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

// SearchRepository implements app.SearchRepository in memory.
type SearchRepository struct{ store *Store }

// NewSearchRepository returns the searches of s.
func NewSearchRepository(s *Store) SearchRepository { return SearchRepository{store: s} }

// Save stores a query and returns it with its id.
func (r SearchRepository) Save(ctx context.Context, q domain.Search) (domain.Search, error) {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.users[q.OwnerID]; !ok {
		return domain.Search{}, fmt.Errorf("search of unknown user %d", q.OwnerID)
	}
	s.nextSearchID++
	q.ID = s.nextSearchID
	s.data.searches[q.ID] = q
	return q, nil
}

// Get returns the owner's saved query: domain.ErrForbidden if someone else ran it,
// domain.ErrNotFound if there is none.
func (r SearchRepository) Get(ctx context.Context, ownerID, id int64) (domain.Search, error) {
	s := r.store
	defer s.lock(ctx)()
	q, ok := s.data.searches[id]
	if err := ownedBy(ok, q.OwnerID, ownerID); err != nil {
		return domain.Search{}, fmt.Errorf("search %d of user %d: %w", id, ownerID, err)
	}
	return q, nil
}

// Prune keeps the owner's keep newest (highest id) queries and deletes the others.
func (r SearchRepository) Prune(ctx context.Context, ownerID int64, keep int) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	var ids []int64
	for id, q := range s.data.searches {
		if q.OwnerID == ownerID {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b int64) int { return cmp.Compare(b, a) })
	if len(ids) <= keep {
		return 0, nil
	}
	for _, id := range ids[max(keep, 0):] {
		delete(s.data.searches, id)
	}
	return len(ids) - max(keep, 0), nil
}
