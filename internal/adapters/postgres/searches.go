package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// SearchRepository implements app.SearchRepository over PostgreSQL.
type SearchRepository struct {
	q *sqlcgen.Queries
	// s is the unit of work's session: the searches it saved are read back from it.
	s *session
}

// Save stores the query and returns it with its id. An unknown owner is refused by the foreign
// key.
func (r SearchRepository) Save(ctx context.Context, s domain.Search) (domain.Search, error) {
	row, err := r.q.SaveSearch(ctx, sqlcgen.SaveSearchParams{OwnerID: s.OwnerID, Text: s.Text})
	if err != nil {
		return domain.Search{}, fmt.Errorf("save search of user %d: %w", s.OwnerID, interpretError(err))
	}
	saved := toDomainSearch(row)
	if r.s != nil {
		// Its own insert, which no other transaction sees: read back, it is this row.
		r.s.saved = append(r.s.saved, saved)
	}
	return saved, nil
}

// Get returns the owner's saved query: domain.ErrForbidden if someone else ran it,
// domain.ErrNotFound if there is none.
func (r SearchRepository) Get(ctx context.Context, ownerID, id int64) (domain.Search, error) {
	if r.s != nil {
		for _, s := range r.s.saved {
			if s.ID == id && s.OwnerID == ownerID {
				return s, nil
			}
		}
	}
	row, err := r.q.GetSearch(ctx, sqlcgen.GetSearchParams{ID: id, OwnerID: ownerID})
	if errors.Is(err, pgx.ErrNoRows) {
		err = notOwned(ctx, r.q.SearchExists, id)
	}
	if err != nil {
		return domain.Search{}, fmt.Errorf("get search %d of user %d: %w", id, ownerID, interpretError(err))
	}
	return toDomainSearch(row), nil
}

// Prune keeps the owner's keep newest queries and deletes the others: a batch statement, sent
// with the unit of work's next read or its COMMIT, whose failure fails that.
func (r SearchRepository) Prune(ctx context.Context, ownerID int64, keep int) error {
	if r.s != nil {
		r.s.saved = nil // what it deletes is not known here
	}
	r.q.PruneSearches(ctx, []sqlcgen.PruneSearchesParams{{OwnerID: ownerID, Keep: clampInt32(max(keep, 0))}})
	return nil
}

func toDomainSearch(row sqlcgen.Search) domain.Search {
	return domain.Search{ID: row.ID, OwnerID: row.OwnerID, Text: row.Text}
}
