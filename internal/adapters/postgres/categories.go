package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// CategoryRepository implements app.CategoryRepository over PostgreSQL. Names are unique per
// owner through the unique index on (owner_id, lower(name)).
type CategoryRepository struct {
	q *sqlcgen.Queries
	s *session
}

// Create stores c and returns it with its id, or domain.ErrDuplicate when the owner has a
// category of that name ignoring case. The duplicate is found by ON CONFLICT DO NOTHING, never by
// a unique violation, so the transaction stays usable.
func (r CategoryRepository) Create(ctx context.Context, c domain.Category) (domain.Category, error) {
	row, err := r.q.CreateCategory(ctx, sqlcgen.CreateCategoryParams{OwnerID: c.OwnerID, Name: c.Name, CreatedAt: c.CreatedAt})
	if errors.Is(err, pgx.ErrNoRows) {
		// No row returned: the insert did nothing because of the name.
		err = domain.ErrDuplicate
	}
	if err != nil {
		return domain.Category{}, fmt.Errorf("create category %q of user %d: %w", c.Name, c.OwnerID, interpretError(err))
	}
	return toDomainCategory(row), nil
}

// Get returns the owner's category: domain.ErrForbidden if it is someone else's,
// domain.ErrNotFound if there is none.
func (r CategoryRepository) Get(ctx context.Context, ownerID, id int64) (domain.Category, error) {
	if v, ok := r.s.findAhead(func(key, v any) bool {
		c, isCategory := v.(sqlcgen.Category)
		_, ofFile := key.(categoryOf)
		return ofFile && isCategory && c.ID == id && c.OwnerID == ownerID
	}); ok {
		return toDomainCategory(v.(sqlcgen.Category)), nil // read with the file it holds
	}
	row, err := r.q.GetCategory(ctx, sqlcgen.GetCategoryParams{ID: id, OwnerID: ownerID})
	if errors.Is(err, pgx.ErrNoRows) {
		err = notOwned(ctx, r.q.CategoryExists, id)
	}
	if err != nil {
		return domain.Category{}, fmt.Errorf("get category %d of user %d: %w", id, ownerID, interpretError(err))
	}
	return toDomainCategory(row), nil
}

// Rename changes the category's name: domain.ErrNotFound if the owner has no such category,
// domain.ErrDuplicate if another category of the owner has the name ignoring case. Both are
// found by the query itself, so the transaction stays usable. (Only a category of that name
// created concurrently, between the query's check and its update, still meets the unique index.)
func (r CategoryRepository) Rename(ctx context.Context, ownerID, id int64, name string) error {
	row, err := r.q.RenameCategory(ctx, sqlcgen.RenameCategoryParams{ID: id, OwnerID: ownerID, Name: name})
	switch {
	case err != nil:
	case !row.Found:
		err = domain.ErrNotFound
	case !row.Renamed:
		err = domain.ErrDuplicate
	}
	if err != nil {
		return fmt.Errorf("rename category %d to %q: %w", id, name, interpretError(err))
	}
	return nil
}

// Delete removes the owner's category and returns how many live files it held; its files, live
// or trashed, become uncategorised (ON DELETE SET NULL). domain.ErrNotFound if there is none.
func (r CategoryRepository) Delete(ctx context.Context, ownerID, id int64) (int, error) {
	row, err := r.q.DeleteCategory(ctx, sqlcgen.DeleteCategoryParams{ID: id, OwnerID: ownerID})
	if err != nil {
		return 0, fmt.Errorf("delete category %d: %w", id, interpretError(err))
	}
	return int(row.LiveFiles), nil
}

// List returns the owner's categories with the number of the owner's live files in each, ordered
// by name ignoring case (the lowercased names compared byte by byte), then id.
func (r CategoryRepository) List(ctx context.Context, ownerID int64) ([]domain.CategorySummary, error) {
	if r.s != nil {
		res := r.q.CountUncategorisedFiles(ctx, []int64{ownerID})
		r.s.readingAhead(uncategorisedOf{ownerID}, func() (any, error) { return readCount(res.QueryRow) })
	}
	rows, err := r.q.ListCategoriesWithCounts(ctx, ownerID)
	r.s.sealAhead()
	if err != nil {
		return nil, fmt.Errorf("list categories of user %d: %w", ownerID, interpretError(err))
	}
	out := make([]domain.CategorySummary, len(rows))
	for i, row := range rows {
		out[i] = domain.CategorySummary{Category: toDomainCategory(row.Category), Files: int(row.LiveFiles)}
	}
	return out, nil
}

// Count counts the owner's categories.
func (r CategoryRepository) Count(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.CountCategories(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("count categories of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

func toDomainCategory(row sqlcgen.Category) domain.Category {
	return domain.Category{
		ID:        row.ID,
		OwnerID:   row.OwnerID,
		Name:      row.Name,
		CreatedAt: row.CreatedAt,
	}
}
