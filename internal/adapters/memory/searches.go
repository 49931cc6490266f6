package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/filekeeper/filekeeper/internal/domain"
)

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
func (r SearchRepository) Prune(ctx context.Context, ownerID int64, keep int) error {
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
		return nil
	}
	for _, id := range ids[max(keep, 0):] {
		delete(s.data.searches, id)
	}
	return nil
}
