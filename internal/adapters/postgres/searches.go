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
}

// Save stores the query and returns it with its id. An unknown owner is refused by the foreign
// key.
func (r SearchRepository) Save(ctx context.Context, s domain.Search) (domain.Search, error) {
	row, err := r.q.SaveSearch(ctx, sqlcgen.SaveSearchParams{OwnerID: s.OwnerID, Text: s.Text})
	if err != nil {
		return domain.Search{}, fmt.Errorf("save search of user %d: %w", s.OwnerID, interpretError(err))
	}
	return toDomainSearch(row), nil
}

// Get returns the owner's saved query: domain.ErrForbidden if someone else ran it,
// domain.ErrNotFound if there is none.
func (r SearchRepository) Get(ctx context.Context, ownerID, id int64) (domain.Search, error) {
	row, err := r.q.GetSearch(ctx, sqlcgen.GetSearchParams{ID: id, OwnerID: ownerID})
	if errors.Is(err, pgx.ErrNoRows) {
		err = notOwned(ctx, r.q.SearchExists, id)
	}
	if err != nil {
		return domain.Search{}, fmt.Errorf("get search %d of user %d: %w", id, ownerID, interpretError(err))
	}
	return toDomainSearch(row), nil
}

// Prune keeps the owner's keep newest queries, deletes the others and returns how many.
func (r SearchRepository) Prune(ctx context.Context, ownerID int64, keep int) (int, error) {
	n, err := r.q.PruneSearches(ctx, sqlcgen.PruneSearchesParams{OwnerID: ownerID, Keep: clampInt32(max(keep, 0))})
	if err != nil {
		return 0, fmt.Errorf("prune searches of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

func toDomainSearch(row sqlcgen.Search) domain.Search {
	return domain.Search{ID: row.ID, OwnerID: row.OwnerID, Text: row.Text}
}
