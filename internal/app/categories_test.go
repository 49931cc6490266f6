package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// categoryNames lists the names of the owner's categories, in the order the list shows them.
func categoryNames(t *testing.T, f fixture, owner int64) []string {
	t.Helper()
	list, err := f.app.Queries.Categories.List(context.Background(), owner, domain.Cursor{}, domain.MaxPageSize)
	require.NoError(t, err)
	var names []string
	for _, c := range list.Page.Items {
		names = append(names, c.Name)
	}
	return names
}

func TestCategoriesCreate(t *testing.T) {
	tests := []struct {
		name     string
		existing []string // the user's categories before
		in       string
		want     string          // the name kept, when the category is made
		rule     domain.NameRule // the rule broken, for a refused name
		wantErr  error
	}{
		{"a category is made with its trimmed name", nil, "  Receipts \t", "Receipts", "", nil},
		{"a name of 64 runes is accepted", nil, strings.Repeat("ж", 64), strings.Repeat("ж", 64), "", nil},
		{"an empty name is refused", nil, "", "", domain.NameEmpty, domain.ErrInvalidName},
		{"a name of spaces only is refused", nil, "  \t ", "", domain.NameEmpty, domain.ErrInvalidName},
		{"a name of 65 runes is refused as too long", nil, strings.Repeat("ж", 65), "", domain.NameTooLong, domain.ErrInvalidName},
		{"a name with a newline is refused", nil, "Rec\neipts", "", domain.NameControlChar, domain.ErrInvalidName},
		{"a name with a NUL is refused", nil, "Rec\x00eipts", "", domain.NameControlChar, domain.ErrInvalidName},
		{"a name the user already has is a duplicate", []string{"Receipts"}, "Receipts", "", "", domain.ErrDuplicate},
		{"a name differing only in case is a duplicate", []string{"Receipts"}, "rECEIPTS", "", "", domain.ErrDuplicate},
		{"a non-ASCII name differing only in case is a duplicate", []string{"Чеки"}, "чеКИ", "", "", domain.ErrDuplicate},
		{"a duplicate is found after trimming", []string{"Receipts"}, "  receipts ", "", "", domain.ErrDuplicate},
		{"a name that only starts like another is not a duplicate", []string{"Receipts"}, "Receipts 2026", "Receipts 2026", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(app.Limits{MaxCategories: 10})
			ann := f.register(t, 42)
			for _, name := range tt.existing {
				f.category(t, ann.ID, name)
			}

			c, err := f.app.Commands.Categories.Create(context.Background(), ann.ID, tt.in)

			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, c)
				if tt.rule != "" {
					var nameErr *domain.NameError
					require.ErrorAs(t, err, &nameErr)
					assert.Equal(t, tt.rule, nameErr.Reason)
					assert.Equal(t, domain.MaxCategoryNameLen, nameErr.Max)
				}
				assert.Equal(t, nilIfNoNames(tt.existing), categoryNames(t, f, ann.ID), "nothing is made")
				return
			}
			require.NoError(t, err)
			assert.NotZero(t, c.ID)
			assert.Equal(t, domain.Category{ID: c.ID, OwnerID: ann.ID, Name: tt.want, CreatedAt: start}, c)
			got, err := f.app.Queries.Categories.Get(context.Background(), ann.ID, c.ID)
			require.NoError(t, err)
			assert.Equal(t, c, got)
		})
	}
}

func nilIfNoNames(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	return names
}

func TestCategoriesCreateTwoUsersMayUseTheSameName(t *testing.T) {
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	annsCategory := f.category(t, ann.ID, "Receipts")

	bobsCategory, err := f.app.Commands.Categories.Create(context.Background(), bob.ID, "receipts")
	require.NoError(t, err)

	assert.NotEqual(t, annsCategory.ID, bobsCategory.ID)
	assert.Equal(t, []string{"Receipts"}, categoryNames(t, f, ann.ID))
	assert.Equal(t, []string{"receipts"}, categoryNames(t, f, bob.ID))
}

func TestCategoriesCreateLimit(t *testing.T) {
	tests := []struct {
		name      string
		limit     int
		existing  int // categories the user has
		others    int // categories another user has
		deleted   int // of the user's categories, deleted since
		wantLimit bool
	}{
		{"the last category under the limit is made", 3, 2, 0, 0, false},
		{"a category past the limit is refused", 3, 3, 0, 0, true},
		{"a limit of one allows the first category", 1, 0, 0, 0, false},
		{"a limit of one refuses the second category", 1, 1, 0, 0, true},
		{"another user's categories do not count", 3, 2, 3, 0, false},
		{"a deleted category frees its place", 3, 3, 0, 1, false},
		{"no limit allows many categories", 0, 25, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(app.Limits{MaxCategories: tt.limit})
			ann, bob := f.register(t, 42), f.register(t, 43)
			var made []domain.Category
			for i := range tt.existing {
				made = append(made, f.category(t, ann.ID, fmt.Sprintf("Category %d", i)))
			}
			for i := range tt.others {
				f.category(t, bob.ID, fmt.Sprintf("Bob's %d", i))
			}
			for _, c := range made[:tt.deleted] {
				_, _, err := f.app.Commands.Categories.Delete(ctx, ann.ID, c.ID)
				require.NoError(t, err)
			}

			c, err := f.app.Commands.Categories.Create(ctx, ann.ID, "One more")

			list, listErr := f.app.Queries.Categories.List(ctx, ann.ID, domain.Cursor{}, 0)
			require.NoError(t, listErr)
			if !tt.wantLimit {
				require.NoError(t, err)
				assert.Equal(t, "One more", c.Name)
				assert.Equal(t, tt.existing-tt.deleted+1, list.Total)
				return
			}
			assert.ErrorIs(t, err, domain.ErrQuotaExceeded)
			var limitErr *domain.CategoryLimitError
			require.ErrorAs(t, err, &limitErr)
			assert.Equal(t, tt.limit, limitErr.Limit)
			assert.Zero(t, c)
			assert.Equal(t, tt.existing-tt.deleted, list.Total)
		})
	}
}

func TestCategoriesGet(t *testing.T) {
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	receipts := f.category(t, ann.ID, "Receipts")
	bobs := f.category(t, bob.ID, "Bob's")

	tests := []struct {
		name    string
		id      int64
		want    domain.Category
		wantErr error
	}{
		{"a user gets their own category", receipts.ID, receipts, nil},
		{"another user's category is forbidden", bobs.ID, domain.Category{}, domain.ErrForbidden},
		{"an unknown category is not found", 999, domain.Category{}, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.app.Queries.Categories.Get(context.Background(), ann.ID, tt.id)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCategoriesRename(t *testing.T) {
	tests := []struct {
		name    string
		id      func(receipts, taxes, bobs domain.Category) int64
		in      string
		want    string // the name after a rename
		rule    domain.NameRule
		wantErr error
	}{
		{"a category takes its new trimmed name", receiptsID, "  Bills ", "Bills", "", nil},
		{"a category may change only the case of its name", receiptsID, "RECEIPTS", "RECEIPTS", "", nil},
		{"a category may keep its name", receiptsID, "Receipts", "Receipts", "", nil},
		{"another user's category name is free to take", receiptsID, "Bob's", "Bob's", "", nil},
		{"the name of another of the user's categories is a duplicate", receiptsID, "taxes", "", "", domain.ErrDuplicate},
		{"an empty name is refused", receiptsID, " ", "", domain.NameEmpty, domain.ErrInvalidName},
		{"a name of 65 runes is refused", receiptsID, strings.Repeat("a", 65), "", domain.NameTooLong, domain.ErrInvalidName},
		{"a name with a control character is refused", receiptsID, "Bi\x07lls", "", domain.NameControlChar, domain.ErrInvalidName},
		{"another user's category is forbidden", func(_, _, bobs domain.Category) int64 { return bobs.ID }, "Mine", "", "", domain.ErrForbidden},
		{"an unknown category is not found", func(domain.Category, domain.Category, domain.Category) int64 { return 999 }, "Mine", "", "", domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(app.Limits{})
			ann, bob := f.register(t, 42), f.register(t, 43)
			receipts, taxes := f.category(t, ann.ID, "Receipts"), f.category(t, ann.ID, "Taxes")
			bobs := f.category(t, bob.ID, "Bob's")
			id := tt.id(receipts, taxes, bobs)

			c, err := f.app.Commands.Categories.Rename(ctx, ann.ID, id, tt.in)

			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, c)
				if tt.rule != "" {
					var nameErr *domain.NameError
					require.ErrorAs(t, err, &nameErr)
					assert.Equal(t, tt.rule, nameErr.Reason)
				}
				assert.Equal(t, []string{"Receipts", "Taxes"}, categoryNames(t, f, ann.ID), "no name changed")
				assert.Equal(t, []string{"Bob's"}, categoryNames(t, f, bob.ID), "no name changed")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, domain.CategorySummary{Category: domain.Category{ID: id, OwnerID: ann.ID, Name: tt.want, CreatedAt: start}}, c)
			got, err := f.app.Queries.Categories.Get(ctx, ann.ID, id)
			require.NoError(t, err)
			assert.Equal(t, c.Category, got)
		})
	}
}

func TestCategoriesRenameReturnsWhatTheCategoryMenuShows(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	receipts := f.category(t, ann.ID, "Receipts")
	for _, id := range []string{"a", "b", "gone"} {
		f.move(t, ann.ID, f.save(t, ann.ID, document(id)).ID, receipts.ID)
	}
	f.trash(t, ann.ID, f.listAll(t, ann.ID, domain.FileFilter{CategoryID: receipts.ID})[0])

	c, err := f.app.Commands.Categories.Rename(ctx, ann.ID, receipts.ID, "Bills")
	require.NoError(t, err)

	want, err := f.app.Queries.Categories.Summary(ctx, ann.ID, receipts.ID)
	require.NoError(t, err)
	assert.Equal(t, want, c, "the renamed category with its live files, as its menu shows it")
	assert.Equal(t, "Bills", c.Name)
	assert.Equal(t, 2, c.Files, "the trashed file is not counted")
}

func receiptsID(receipts, _, _ domain.Category) int64 { return receipts.ID }

func TestCategoriesDelete(t *testing.T) {
	ctx := context.Background()

	t.Run("deleting a category keeps its files, uncategorised, and counts the live ones", func(t *testing.T) {
		f := newFixture(app.Limits{})
		ann := f.register(t, 42)
		receipts, taxes := f.category(t, ann.ID, "Receipts"), f.category(t, ann.ID, "Taxes")
		a := f.move(t, ann.ID, f.save(t, ann.ID, document("a")).ID, receipts.ID)
		b := f.move(t, ann.ID, f.save(t, ann.ID, photo("b")).ID, receipts.ID)
		trashed := f.move(t, ann.ID, f.save(t, ann.ID, document("trashed")).ID, receipts.ID)
		f.trash(t, ann.ID, trashed.ID)
		elsewhere := f.move(t, ann.ID, f.save(t, ann.ID, document("elsewhere")).ID, taxes.ID)

		deleted, affected, err := f.app.Commands.Categories.Delete(ctx, ann.ID, receipts.ID)
		require.NoError(t, err)

		assert.Equal(t, receipts, deleted)
		assert.Equal(t, 2, affected)
		for _, id := range []int64{a.ID, b.ID, trashed.ID} {
			assert.Nil(t, f.file(t, ann.ID, id).CategoryID, "file %d is uncategorised", id)
		}
		assert.Equal(t, &taxes.ID, f.file(t, ann.ID, elsewhere.ID).CategoryID, "other categories keep their files")
		assert.ElementsMatch(t, []int64{a.ID, b.ID}, f.listAll(t, ann.ID, domain.FileFilter{Uncategorised: true}))
		assert.Equal(t, 3, f.counts(t, ann.ID).Total)
		assert.Equal(t, []string{"Taxes"}, categoryNames(t, f, ann.ID))
		_, err = f.app.Queries.Categories.Get(ctx, ann.ID, receipts.ID)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})

	t.Run("deleting an empty category affects no files", func(t *testing.T) {
		f := newFixture(app.Limits{})
		ann := f.register(t, 42)
		empty := f.category(t, ann.ID, "Empty")
		f.save(t, ann.ID, document("a"))

		_, affected, err := f.app.Commands.Categories.Delete(ctx, ann.ID, empty.ID)
		require.NoError(t, err)
		assert.Zero(t, affected)
	})

	tests := []struct {
		name    string
		id      func(annsCategory, bobsCategory domain.Category) int64
		wantErr error
	}{
		{"another user's category is forbidden", func(_, bobs domain.Category) int64 { return bobs.ID }, domain.ErrForbidden},
		{"an unknown category is not found", func(domain.Category, domain.Category) int64 { return 999 }, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(app.Limits{})
			ann, bob := f.register(t, 42), f.register(t, 43)
			anns, bobs := f.category(t, ann.ID, "Receipts"), f.category(t, bob.ID, "Receipts")
			file := f.move(t, bob.ID, f.save(t, bob.ID, document("a")).ID, bobs.ID)

			c, affected, err := f.app.Commands.Categories.Delete(ctx, ann.ID, tt.id(anns, bobs))

			assert.ErrorIs(t, err, tt.wantErr)
			assert.Zero(t, c)
			assert.Zero(t, affected)
			assert.Equal(t, []string{"Receipts"}, categoryNames(t, f, bob.ID), "the category is still there")
			assert.Equal(t, &bobs.ID, f.file(t, bob.ID, file.ID).CategoryID, "its file is still in it")
		})
	}
}

func TestCategoriesListPages(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	// Made out of order and in mixed case: the list orders by name ignoring case, not by id.
	var sorted []string
	for i := range 12 {
		sorted = append(sorted, fmt.Sprintf("%c category", 'a'+i))
	}
	byName := map[string]domain.Category{}
	for _, i := range []int{7, 2, 11, 0, 5, 9, 1, 10, 3, 6, 8, 4} {
		name := sorted[i]
		if i%2 == 1 {
			name = strings.ToUpper(name[:1]) + name[1:]
			sorted[i] = name
		}
		byName[name] = f.category(t, ann.ID, name)
	}
	f.category(t, bob.ID, "a bob's category")
	gone := f.category(t, ann.ID, "zz gone")
	_, _, err := f.app.Commands.Categories.Delete(ctx, ann.ID, gone.ID)
	require.NoError(t, err)
	id := func(i int) int64 { return byName[sorted[i]].ID }

	tests := []struct {
		name     string
		cursor   domain.Cursor
		pageSize int
		want     []string
		prev     *domain.Cursor
		next     *domain.Cursor
	}{
		{"the first page shows the first names", domain.Cursor{}, 5, sorted[:5], nil, &domain.Cursor{ID: id(4)}},
		{"the next page starts after the cursor", domain.Cursor{ID: id(4)}, 5, sorted[5:10],
			&domain.Cursor{ID: id(5), Backward: true}, &domain.Cursor{ID: id(9)}},
		{"the last page is short and has no next page", domain.Cursor{ID: id(9)}, 5, sorted[10:],
			&domain.Cursor{ID: id(10), Backward: true}, nil},
		{"going back from the last page shows the page before it", domain.Cursor{ID: id(10), Backward: true}, 5, sorted[5:10],
			&domain.Cursor{ID: id(5), Backward: true}, &domain.Cursor{ID: id(9)}},
		{"going back from the second page shows the first", domain.Cursor{ID: id(5), Backward: true}, 5, sorted[:5],
			nil, &domain.Cursor{ID: id(4)}},
		{"going back near the start shows a full first page", domain.Cursor{ID: id(2), Backward: true}, 5, sorted[:5],
			nil, &domain.Cursor{ID: id(4)}},
		{"a cursor whose category was deleted shows the first page", domain.Cursor{ID: gone.ID}, 5, sorted[:5],
			nil, &domain.Cursor{ID: id(4)}},
		{"a backward cursor whose category was deleted shows the first page", domain.Cursor{ID: gone.ID, Backward: true}, 5, sorted[:5],
			nil, &domain.Cursor{ID: id(4)}},
		{"a cursor at the last category shows the first page", domain.Cursor{ID: id(11)}, 5, sorted[:5],
			nil, &domain.Cursor{ID: id(4)}},
		{"no page size means the default", domain.Cursor{}, 0, sorted[:domain.DefaultPageSize],
			nil, &domain.Cursor{ID: id(domain.DefaultPageSize - 1)}},
		{"a page size below the minimum is raised to it", domain.Cursor{}, 2, sorted[:domain.MinPageSize],
			nil, &domain.Cursor{ID: id(domain.MinPageSize - 1)}},
		{"a page size above the maximum is lowered to it, here showing all", domain.Cursor{}, 99, sorted, nil, nil},
		{"a page of exactly every category has no next page", domain.Cursor{}, 12, sorted, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := f.app.Queries.Categories.List(ctx, ann.ID, tt.cursor, tt.pageSize)
			require.NoError(t, err)
			var names []string
			for _, c := range list.Page.Items {
				names = append(names, c.Name)
				assert.Equal(t, ann.ID, c.OwnerID)
			}
			assert.Equal(t, tt.want, names)
			assert.Equal(t, tt.prev, list.Page.Prev, "previous page")
			assert.Equal(t, tt.next, list.Page.Next, "next page")
			assert.Equal(t, 12, list.Total)
		})
	}

	t.Run("following Next then Prev walks every category and back", func(t *testing.T) {
		var forward [][]string
		cursor := domain.Cursor{}
		for range 10 {
			list, err := f.app.Queries.Categories.List(ctx, ann.ID, cursor, 5)
			require.NoError(t, err)
			var names []string
			for _, c := range list.Page.Items {
				names = append(names, c.Name)
			}
			forward = append(forward, names)
			if list.Page.Next == nil {
				break
			}
			cursor = *list.Page.Next
		}
		assert.Equal(t, [][]string{sorted[:5], sorted[5:10], sorted[10:]}, forward)
	})
}

func TestCategoriesListCounts(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob, carol := f.register(t, 42), f.register(t, 43), f.register(t, 44)
	receipts, taxes := f.category(t, ann.ID, "Receipts"), f.category(t, ann.ID, "taxes")
	empty := f.category(t, ann.ID, "Empty")
	for _, in := range []domain.IncomingFile{document("r1"), photo("r2"), document("r3")} {
		f.move(t, ann.ID, f.save(t, ann.ID, in).ID, receipts.ID)
	}
	f.trash(t, ann.ID, f.move(t, ann.ID, f.save(t, ann.ID, document("r-trashed")).ID, receipts.ID).ID)
	f.move(t, ann.ID, f.save(t, ann.ID, document("t1")).ID, taxes.ID)
	f.save(t, ann.ID, document("u1"))
	f.save(t, ann.ID, photo("u2"))
	f.trash(t, ann.ID, f.save(t, ann.ID, document("u-trashed")).ID)
	f.save(t, bob.ID, document("bob's"))

	t.Run("the list counts each category's live files and the uncategorised ones", func(t *testing.T) {
		list, err := f.app.Queries.Categories.List(ctx, ann.ID, domain.Cursor{}, 0)
		require.NoError(t, err)
		assert.Equal(t, []domain.CategorySummary{
			{Category: empty, Files: 0},
			{Category: receipts, Files: 3},
			{Category: taxes, Files: 1},
		}, list.Page.Items)
		assert.Equal(t, 2, list.Uncategorised)
		assert.Equal(t, 3, list.Total)
	})

	t.Run("a user without categories sees an empty list and their uncategorised files", func(t *testing.T) {
		list, err := f.app.Queries.Categories.List(ctx, bob.ID, domain.Cursor{}, 0)
		require.NoError(t, err)
		assert.Empty(t, list.Page.Items)
		assert.Nil(t, list.Page.Prev)
		assert.Nil(t, list.Page.Next)
		assert.Zero(t, list.Total)
		assert.Equal(t, 1, list.Uncategorised)
	})

	t.Run("a new user has nothing at all", func(t *testing.T) {
		list, err := f.app.Queries.Categories.List(ctx, carol.ID, domain.Cursor{ID: receipts.ID}, 0)
		require.NoError(t, err)
		assert.Equal(t, app.CategoryList{}, list)
	})

	summaries := []struct {
		name    string
		owner   int64
		id      int64
		want    domain.CategorySummary
		wantErr error
	}{
		{"a summary counts the category's live files", ann.ID, receipts.ID, domain.CategorySummary{Category: receipts, Files: 3}, nil},
		{"a summary of an empty category counts none", ann.ID, empty.ID, domain.CategorySummary{Category: empty, Files: 0}, nil},
		{"a summary of another user's category is forbidden", bob.ID, receipts.ID, domain.CategorySummary{}, domain.ErrForbidden},
		{"a summary of an unknown category is not found", ann.ID, 999, domain.CategorySummary{}, domain.ErrNotFound},
	}
	for _, tt := range summaries {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.app.Queries.Categories.Summary(ctx, tt.owner, tt.id)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
