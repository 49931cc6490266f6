package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Categories lets a user make, rename, delete and list their categories.
type Categories struct {
	uow    UnitOfWork
	clock  Clock
	limits Limits
}

// NewCategories builds the category use cases.
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
	err = h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		n, err := r.Categories.Count(ctx, owner)
		if err != nil {
			return err
		}
		if h.limits.MaxCategories > 0 && n >= h.limits.MaxCategories {
			return &domain.CategoryLimitError{Limit: h.limits.MaxCategories}
		}
		c, err = r.Categories.Create(ctx, c)
		return err
	})
	if err != nil {
		return domain.Category{}, fmt.Errorf("create category %q: %w", name, err)
	}
	return c, nil
}

// Get returns one of the user's categories.
func (h Categories) Get(ctx context.Context, owner, id int64) (domain.Category, error) {
	var c domain.Category
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		var err error
		c, err = ownedCategory(ctx, r, owner, id)
		return err
	})
	if err != nil {
		return domain.Category{}, fmt.Errorf("get category %d: %w", id, err)
	}
	return c, nil
}

// Rename renames one of the user's categories, with Create's rules for the name.
func (h Categories) Rename(ctx context.Context, owner, id int64, name string) (domain.Category, error) {
	name, err := domain.ValidateName(name, domain.MaxCategoryNameLen)
	if err != nil {
		return domain.Category{}, fmt.Errorf("rename category %d: %w", id, err)
	}
	var c domain.Category
	err = h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		if c, err = ownedCategory(ctx, r, owner, id); err != nil {
			return err
		}
		c.Name = name
		return r.Categories.Rename(ctx, owner, id, name)
	})
	if err != nil {
		return domain.Category{}, fmt.Errorf("rename category %d to %q: %w", id, name, err)
	}
	return c, nil
}

// Delete deletes one of the user's categories; its files are kept, uncategorised. It returns
// the category and how many files that affected.
func (h Categories) Delete(ctx context.Context, owner, id int64) (domain.Category, int, error) {
	var c domain.Category
	var affected int
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		var err error
		if c, err = ownedCategory(ctx, r, owner, id); err != nil {
			return err
		}
		affected, err = r.Categories.Delete(ctx, owner, id)
		return err
	})
	if err != nil {
		return domain.Category{}, 0, fmt.Errorf("delete category %d: %w", id, err)
	}
	return c, affected, nil
}

// CategoryList is a page of the user's categories, with the count of uncategorised files.
type CategoryList struct {
	Page          domain.Page[domain.CategorySummary]
	Uncategorised int
	Total         int // categories in all
}

// List returns the page of the user's categories (by name) that cursor points to. Categories are
// few (a configured limit), so the page is cut from the whole ordered list, keyed by id.
func (h Categories) List(ctx context.Context, owner int64, cursor domain.Cursor, pageSize int) (CategoryList, error) {
	var all []domain.CategorySummary
	var res CategoryList
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		var err error
		if all, err = r.Categories.List(ctx, owner); err != nil {
			return err
		}
		res.Uncategorised, err = r.Files.CountUncategorised(ctx, owner)
		return err
	})
	if err != nil {
		return CategoryList{}, fmt.Errorf("list categories of user %d: %w", owner, err)
	}
	res.Total = len(all)
	res.Page = pageOf(all, func(c domain.CategorySummary) int64 { return c.ID }, cursor, clampPageSize(pageSize))
	return res, nil
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
func (h Categories) Summary(ctx context.Context, owner, id int64) (domain.CategorySummary, error) {
	var s domain.CategorySummary
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		c, err := ownedCategory(ctx, r, owner, id)
		if err != nil {
			return err
		}
		all, err := r.Categories.List(ctx, owner)
		if err != nil {
			return err
		}
		s.Category = c
		for _, sum := range all {
			if sum.ID == id {
				s.Files = sum.Files
			}
		}
		return nil
	})
	if err != nil {
		return domain.CategorySummary{}, fmt.Errorf("summarise category %d: %w", id, err)
	}
	return s, nil
}
