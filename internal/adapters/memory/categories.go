package memory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// CategoryRepository implements app.CategoryRepository in memory. Names are unique per owner
// ignoring case, compared as strings.ToLower makes them, like the lower(name) index of Postgres.
type CategoryRepository struct {
	store *Store
}

// NewCategoryRepository returns the category repository of s.
func NewCategoryRepository(s *Store) CategoryRepository { return CategoryRepository{store: s} }

// Create stores c and returns it with its id, or domain.ErrDuplicate when the owner has a
// category of that name ignoring case. Like the Postgres schema it refuses an unknown owner and a
// name Postgres would not store (empty, over domain.MaxCategoryNameLen runes, not UTF-8, NUL).
func (r CategoryRepository) Create(ctx context.Context, c domain.Category) (domain.Category, error) {
	s := r.store
	defer s.lock(ctx)()
	// Postgres checks the row first, then the unique index, then (for a row it inserts) the owner.
	if err := checkCategoryName(c.Name); err != nil {
		return domain.Category{}, fmt.Errorf("create category of user %d: %w", c.OwnerID, err)
	}
	key := newNameKey(c.OwnerID, c.Name)
	if _, ok := s.data.byName[key]; ok {
		return domain.Category{}, fmt.Errorf("create category %q of user %d: %w", c.Name, c.OwnerID, domain.ErrDuplicate)
	}
	if _, ok := s.data.users[c.OwnerID]; !ok {
		return domain.Category{}, fmt.Errorf("create category %q: owner %d does not exist", c.Name, c.OwnerID)
	}
	s.nextCategoryID++
	c.ID = s.nextCategoryID
	c.CreatedAt = storedTime(c.CreatedAt)
	s.data.categories[c.ID] = c
	s.data.byName[key] = c.ID
	return c, nil
}

// Get returns the owner's category with that id: domain.ErrForbidden if it is someone else's,
// domain.ErrNotFound if there is none.
func (r CategoryRepository) Get(ctx context.Context, ownerID, id int64) (domain.Category, error) {
	s := r.store
	defer s.lock(ctx)()
	c, ok := s.data.categories[id]
	if err := ownedBy(ok, c.OwnerID, ownerID); err != nil {
		return domain.Category{}, fmt.Errorf("get category %d of user %d: %w", id, ownerID, err)
	}
	return c, nil
}

// Rename changes the category's name: domain.ErrNotFound if the owner has no such category,
// domain.ErrDuplicate if another category of the owner has the name ignoring case.
func (r CategoryRepository) Rename(ctx context.Context, ownerID, id int64, name string) error {
	s := r.store
	defer s.lock(ctx)()
	c, ok := s.data.categories[id]
	if !ok || c.OwnerID != ownerID {
		return fmt.Errorf("rename category %d: %w", id, domain.ErrNotFound)
	}
	key := newNameKey(c.OwnerID, name)
	if other, ok := s.data.byName[key]; ok && other != id {
		return fmt.Errorf("rename category %d to %q: %w", id, name, domain.ErrDuplicate)
	}
	if err := checkCategoryName(name); err != nil {
		return fmt.Errorf("rename category %d: %w", id, err)
	}
	delete(s.data.byName, newNameKey(c.OwnerID, c.Name))
	c.Name = name
	s.data.categories[id] = c
	s.data.byName[key] = id
	return nil
}

// Delete removes the owner's category and returns how many live files it held; its files, live or
// trashed, become uncategorised and the users whose default it was have none (ON DELETE SET NULL
// in Postgres), its shares are deleted (ON DELETE CASCADE). domain.ErrNotFound if there is none.
func (r CategoryRepository) Delete(ctx context.Context, ownerID, id int64) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	c, ok := s.data.categories[id]
	if !ok || c.OwnerID != ownerID {
		return 0, fmt.Errorf("delete category %d: %w", id, domain.ErrNotFound)
	}
	live := 0
	for fileID, f := range s.data.files {
		if f.CategoryID == nil || *f.CategoryID != id {
			continue
		}
		if !f.Trashed() {
			live++
		}
		f.CategoryID = nil
		s.data.files[fileID] = f
	}
	for userID, u := range s.data.users {
		if u.DefaultCategoryID != nil && *u.DefaultCategoryID == id {
			u.DefaultCategoryID = nil
			s.data.users[userID] = u
		}
	}
	s.deleteShares(func(sh domain.Share) bool { return sh.CategoryID == id })
	delete(s.data.categories, id)
	delete(s.data.byName, newNameKey(c.OwnerID, c.Name))
	return live, nil
}

// List returns the owner's categories with the number of the owner's live files in each, ordered
// by the lowercased name (byte by byte, as the Postgres query orders with COLLATE "C"), then id.
func (r CategoryRepository) List(ctx context.Context, ownerID int64) ([]domain.CategorySummary, error) {
	s := r.store
	defer s.lock(ctx)()
	// Only the owner's files count, as in the Postgres query.
	live := map[int64]int{}
	for _, f := range s.data.files {
		if f.OwnerID == ownerID && f.CategoryID != nil && !f.Trashed() {
			live[*f.CategoryID]++
		}
	}
	var out []domain.CategorySummary
	for _, c := range s.data.categories {
		if c.OwnerID == ownerID {
			out = append(out, domain.CategorySummary{Category: c, Files: live[c.ID]})
		}
	}
	slices.SortFunc(out, func(a, b domain.CategorySummary) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Count counts the owner's categories.
func (r CategoryRepository) Count(ctx context.Context, ownerID int64) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for _, c := range s.data.categories {
		if c.OwnerID == ownerID {
			n++
		}
	}
	return n, nil
}

// checkCategoryName refuses the names the categories table cannot hold: its CHECK asks for 1 to
// 64 characters, and a text value is valid UTF-8 without NUL.
func checkCategoryName(name string) error {
	switch n := utf8.RuneCountInString(name); {
	case n < 1 || n > domain.MaxCategoryNameLen:
		return fmt.Errorf("category name of %d characters", n)
	case !utf8.ValidString(name) || strings.ContainsRune(name, 0):
		return errors.New("category name is not valid text")
	}
	return nil
}
