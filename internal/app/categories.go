package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Categories lets a user make, rename and delete their categories; ListCategories reads them.
type Categories struct {
	uow    UnitOfWork
	clock  Clock
	limits Limits
}

// NewCategories builds the category commands.
func NewCategories(uow UnitOfWork, clock Clock, limits Limits) Categories {
	return Categories{uow: uow, clock: clock, limits: limits}
}

// Create makes a category: domain.ErrInvalidName (a *domain.NameError) for a bad name,
// domain.ErrDuplicate when the user has one of that name ignoring case, and a
// *domain.CategoryLimitError past the limit.
func (h Categories) Create(ctx context.Context, owner int64, name string) (domain.Category, error) {
	c, err := domain.NewCategory(owner, name, h.clock.Now())
	if err != nil {
		return domain.Category{}, fmt.Errorf("create category: %w", err)
	}
	return inTx(ctx, h.uow, fmt.Sprintf("create category %q", name), func(ctx context.Context, r Repos) (domain.Category, error) {
		n, err := r.Categories.Count(ctx, owner)
		if err != nil {
			return domain.Category{}, err
		}
		if h.limits.MaxCategories > 0 && n >= h.limits.MaxCategories {
			return domain.Category{}, &domain.CategoryLimitError{Limit: h.limits.MaxCategories}
		}
		return r.Categories.Create(ctx, c)
	})
}

// Rename renames one of the user's categories, with Create's rules for the name, and returns it
// renamed with its live file count (what its menu shows).
func (h Categories) Rename(ctx context.Context, owner, id int64, name string) (domain.CategorySummary, error) {
	name, err := domain.ValidateName(name, domain.MaxCategoryNameLen)
	if err != nil {
		return domain.CategorySummary{}, fmt.Errorf("rename category %d: %w", id, err)
	}
	return inTx(ctx, h.uow, fmt.Sprintf("rename category %d to %q", id, name), func(ctx context.Context, r Repos) (domain.CategorySummary, error) {
		// Renamed first, read after: the rename finds the owner's category itself, and only when
		// it finds none is the category read, to tell someone else's (forbidden) from none.
		if err := r.Categories.Rename(ctx, owner, id, name); err != nil {
			if errors.Is(err, domain.ErrNotFound) {
				if _, oerr := ownedCategory(ctx, r, owner, id); oerr != nil {
					return domain.CategorySummary{}, oerr
				}
			}
			return domain.CategorySummary{}, err
		}
		return categorySummary(ctx, r, owner, id)
	})
}

// Delete deletes one of the user's categories; its files are kept, uncategorised. It returns
// the category and how many files that affected.
func (h Categories) Delete(ctx context.Context, owner, id int64) (domain.Category, int, error) {
	type deleted struct {
		c        domain.Category
		affected int
	}
	d, err := inTx(ctx, h.uow, fmt.Sprintf("delete category %d", id), func(ctx context.Context, r Repos) (deleted, error) {
		c, err := ownedCategory(ctx, r, owner, id)
		if err != nil {
			return deleted{}, err
		}
		affected, err := r.Categories.Delete(ctx, owner, id)
		return deleted{c: c, affected: affected}, err
	})
	return d.c, d.affected, err
}

// ListCategories reads a user's categories: one, a page of them, one with its file count.
type ListCategories struct {
	uow UnitOfWork
}

// NewListCategories builds the category queries.
func NewListCategories(uow UnitOfWork) ListCategories { return ListCategories{uow: uow} }

// Get returns one of the user's categories.
func (h ListCategories) Get(ctx context.Context, owner, id int64) (domain.Category, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("get category %d", id), func(ctx context.Context, r Repos) (domain.Category, error) {
		return ownedCategory(ctx, r, owner, id)
	})
}

// CategoryList is a page of the user's categories, with the count of uncategorised files.
type CategoryList struct {
	Page          domain.Page[domain.CategorySummary]
	Uncategorised int
	Total         int // categories in all
}

// List returns the page of the user's categories (by name) that cursor points to. Categories are
// few (a configured limit), so the page is cut from the whole ordered list, keyed by id.
func (h ListCategories) List(ctx context.Context, owner int64, cursor domain.Cursor, pageSize int) (CategoryList, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("list categories of user %d", owner), func(ctx context.Context, r Repos) (CategoryList, error) {
		all, err := r.Categories.List(ctx, owner)
		if err != nil {
			return CategoryList{}, err
		}
		res := CategoryList{Total: len(all)}
		if res.Uncategorised, err = r.Files.CountUncategorised(ctx, owner); err != nil {
			return CategoryList{}, err
		}
		res.Page = pageOf(all, func(c domain.CategorySummary) int64 { return c.ID }, cursor, clampPageSize(pageSize))
		return res, nil
	})
}

// pageOf cuts the page cursor points to out of an ordered list: forward starts after the item
// with the cursor's id, backward ends before it. A cursor whose item is gone gives the first page.
func pageOf[T any](all []T, id func(T) int64, cursor domain.Cursor, size int) domain.Page[T] {
	start := 0
	if !cursor.IsFirst() {
		at := -1
		for i, item := range all {
			if id(item) == cursor.ID {
				at = i
				break
			}
		}
		switch {
		case at < 0:
			start = 0
		case cursor.Backward:
			start = max(at-size, 0)
		default:
			start = at + 1
		}
		if start >= len(all) {
			start = 0 // past the end (the items after the cursor were deleted): the first page
		}
	}
	end := min(start+size, len(all))
	page := domain.Page[T]{Items: all[start:end]}
	if start > 0 && end > start {
		page.Prev = &domain.Cursor{ID: id(all[start]), Backward: true}
	}
	if end < len(all) && end > start {
		page.Next = &domain.Cursor{ID: id(all[end-1])}
	}
	return page
}

// Summary returns one of the user's categories with its live file count.
func (h ListCategories) Summary(ctx context.Context, owner, id int64) (domain.CategorySummary, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("summarise category %d", id), func(ctx context.Context, r Repos) (domain.CategorySummary, error) {
		return categorySummary(ctx, r, owner, id)
	})
}

// categorySummary is the owner's category with its live file count.
// The owner's list holds the category with its count: one read, and the category read apart only
// when the list lacks it (to tell someone else's from none).
func categorySummary(ctx context.Context, r Repos, owner, id int64) (domain.CategorySummary, error) {
	all, err := r.Categories.List(ctx, owner)
	if err != nil {
		return domain.CategorySummary{}, err
	}
	for _, sum := range all {
		if sum.ID == id && sum.OwnerID == owner {
			return sum, nil
		}
	}
	c, err := ownedCategory(ctx, r, owner, id)
	if err != nil {
		return domain.CategorySummary{}, err
	}
	return domain.CategorySummary{Category: c}, nil
}
