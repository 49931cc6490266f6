package repotest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func testCategories(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"a new category gets an id and is read back as created", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := newCategory(owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				stored, err := r.Categories.Create(ctx, c)
				require.NoError(t, err)
				assert.Positive(t, stored.ID)
				c.ID = stored.ID
				assert.Equal(t, c, utcCategory(stored))
				got, err := r.Categories.Get(ctx, stored.OwnerID, stored.ID)
				require.NoError(t, err)
				assert.Equal(t, c, utcCategory(got))
			})
		}},
		{"every new category gets a higher id", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			a := mustCreateCategory(t, uow, owner.ID, "a")
			b := mustCreateCategory(t, uow, owner.ID, "b")
			assert.Greater(t, b.ID, a.ID)
		}},
		{"a name the owner already uses in another case is a duplicate and the unit of work carries on", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			mustCreateCategory(t, uow, owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				for _, name := range []string{"Receipts", "RECEIPTS", "receipts"} {
					_, err := r.Categories.Create(ctx, newCategory(owner.ID, name))
					require.ErrorIs(t, err, domain.ErrDuplicate, name)
				}
				_, err := r.Categories.Create(ctx, newCategory(owner.ID, "Bills"))
				require.NoError(t, err, "the unit of work is still usable")
			})
			assert.Equal(t, []string{"Bills", "Receipts"}, categoryNames(t, uow, owner.ID), "the work after the duplicate was committed")
		}},
		{"a name is a duplicate whatever the case of letters beyond ASCII", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			mustCreateCategory(t, uow, owner.ID, "Чеки")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Categories.Create(ctx, newCategory(owner.ID, "ЧЕКИ"))
				assert.ErrorIs(t, err, domain.ErrDuplicate)
			})
		}},
		{"two owners may use the same name", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(owner.TelegramID+1))
			a := mustCreateCategory(t, uow, owner.ID, "Receipts")
			b := mustCreateCategory(t, uow, other.ID, "receipts")
			assert.NotEqual(t, a.ID, b.ID)
			assert.Equal(t, other.ID, b.OwnerID)
		}},
		{"a category of an unknown owner is refused", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Categories.Create(ctx, newCategory(owner.ID+1000, "Receipts"))
				return err
			})
			assert.Error(t, err)
		}},
		{"an unknown category id is not found", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Categories.Get(ctx, c.OwnerID, c.ID+1)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"a category gets another owner's category by id: ownership is the use case's business", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(owner.TelegramID+1))
			c := mustCreateCategory(t, uow, other.ID, "Theirs")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Categories.Get(ctx, c.OwnerID, c.ID)
				require.NoError(t, err)
				assert.Equal(t, other.ID, got.OwnerID)
			})
		}},
		{"counting counts only the owner's categories", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(owner.TelegramID+1))
			mustCreateCategory(t, uow, owner.ID, "a")
			mustCreateCategory(t, uow, owner.ID, "b")
			mustCreateCategory(t, uow, other.ID, "a")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				for id, want := range map[int64]int{owner.ID: 2, other.ID: 1, other.ID + 1000: 0} {
					n, err := r.Categories.Count(ctx, id)
					require.NoError(t, err)
					assert.Equal(t, want, n, "owner %d", id)
				}
			})
		}},
	})
}

func testRenameCategories(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"a renamed category is read back with its new name and nothing else changed", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Categories.Rename(ctx, c.OwnerID, c.ID, "Bills"))
				got, err := r.Categories.Get(ctx, c.OwnerID, c.ID)
				require.NoError(t, err)
				want := utcCategory(c)
				want.Name = "Bills"
				assert.Equal(t, want, utcCategory(got))
			})
		}},
		{"a category may take its own name in another case", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Categories.Rename(ctx, c.OwnerID, c.ID, "Receipts"))
				require.NoError(t, r.Categories.Rename(ctx, c.OwnerID, c.ID, "Receipts"), "and the same name again")
			})
			assert.Equal(t, []string{"Receipts"}, categoryNames(t, uow, owner.ID))
		}},
		{"a name another category of the owner has, ignoring case, is a duplicate and the unit of work carries on", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			mustCreateCategory(t, uow, owner.ID, "Receipts")
			c := mustCreateCategory(t, uow, owner.ID, "Bills")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				err := r.Categories.Rename(ctx, c.OwnerID, c.ID, "RECEIPTS")
				require.ErrorIs(t, err, domain.ErrDuplicate)
				assert.NotErrorIs(t, err, domain.ErrNotFound)
				require.NoError(t, r.Categories.Rename(ctx, c.OwnerID, c.ID, "Invoices"), "the unit of work is still usable")
			})
			assert.Equal(t, []string{"Invoices", "Receipts"}, categoryNames(t, uow, owner.ID))
		}},
		{"a name another owner uses is free", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(owner.TelegramID+1))
			mustCreateCategory(t, uow, other.ID, "Receipts")
			c := mustCreateCategory(t, uow, owner.ID, "Bills")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				assert.NoError(t, r.Categories.Rename(ctx, c.OwnerID, c.ID, "receipts"))
			})
		}},
		{"renaming an unknown category is not found, not a duplicate", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				err := r.Categories.Rename(ctx, c.OwnerID, c.ID+1, "Receipts")
				require.ErrorIs(t, err, domain.ErrNotFound)
				assert.NotErrorIs(t, err, domain.ErrDuplicate)
			})
		}},
		{"the old name is free after a rename", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Categories.Rename(ctx, c.OwnerID, c.ID, "Bills"))
				_, err := r.Categories.Create(ctx, newCategory(owner.ID, "receipts"))
				require.NoError(t, err)
				_, err = r.Categories.Create(ctx, newCategory(owner.ID, "BILLS"))
				require.ErrorIs(t, err, domain.ErrDuplicate, "the new name is taken")
			})
		}},
	})
}

func listCategories(t *testing.T, uow app.UnitOfWork, owner int64) []domain.CategorySummary {
	t.Helper()
	var list []domain.CategorySummary
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		list, err = r.Categories.List(ctx, owner)
		require.NoError(t, err)
	})
	return list
}

// categoryNames lists the owner's category names in the order List gives them.
func categoryNames(t *testing.T, uow app.UnitOfWork, owner int64) []string {
	t.Helper()
	var names []string
	for _, c := range listCategories(t, uow, owner) {
		names = append(names, c.Name)
	}
	return names
}

func utcCategory(c domain.Category) domain.Category {
	c.CreatedAt = c.CreatedAt.UTC()
	return c
}

// testCategoryFiles covers what ties files to categories: saving into one, counting, listing
// with counts and deleting.
func testCategoryFiles(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"a file saved into a category keeps it", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			stored := mustSave(t, uow, fileIn(newFile(owner.ID, "u1", domain.KindPhoto), c.ID))
			require.NotNil(t, stored.CategoryID)
			assert.Equal(t, c.ID, *stored.CategoryID)
		}},
		{"a file saved into an unknown category is refused", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, _, err := r.Files.Save(ctx, fileIn(newFile(owner.ID, "u1", domain.KindPhoto), c.ID+1))
				return err
			})
			assert.Error(t, err)
		}},
		{"a file may go into another owner's category: ownership is the use case's business", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(owner.TelegramID+1))
			c := mustCreateCategory(t, uow, other.ID, "Theirs")
			stored := mustSave(t, uow, fileIn(newFile(owner.ID, "u1", domain.KindPhoto), c.ID))
			assert.Equal(t, c.ID, *stored.CategoryID)
			got := listCategories(t, uow, other.ID)
			require.Len(t, got, 1)
			assert.Zero(t, got[0].Files, "the category's owner never counts someone else's file")
		}},
		{"the list is ordered by name ignoring case, then id, and counts live files only", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(owner.TelegramID+1))
			beta := mustCreateCategory(t, uow, owner.ID, "beta")
			alpha := mustCreateCategory(t, uow, owner.ID, "Alpha")
			eclair := mustCreateCategory(t, uow, owner.ID, "éclair")
			gamma := mustCreateCategory(t, uow, owner.ID, "GAMMA")
			alpha2 := mustCreateCategory(t, uow, owner.ID, "alpha 2")
			theirs := mustCreateCategory(t, uow, other.ID, "Aardvark")
			for i, c := range []domain.Category{beta, beta, alpha, gamma, gamma, gamma} {
				mustSave(t, uow, fileIn(newFile(owner.ID, "live"+string(rune('a'+i)), domain.KindPhoto), c.ID))
			}
			mustSave(t, uow, trashedAt(fileIn(newFile(owner.ID, "trashed", domain.KindPhoto), alpha.ID), t0))
			mustSave(t, uow, fileIn(newFile(owner.ID, "loose", domain.KindPhoto), 0))
			mustSave(t, uow, fileIn(newFile(other.ID, "theirs", domain.KindPhoto), theirs.ID))

			want := []domain.CategorySummary{
				{Category: alpha, Files: 1},
				{Category: alpha2, Files: 0},
				{Category: beta, Files: 2},
				{Category: gamma, Files: 3},
				{Category: eclair, Files: 0}, // é sorts after every ASCII letter
			}
			assert.Equal(t, utcSummaries(want), utcSummaries(listCategories(t, uow, owner.ID)))
		}},
		{"an owner without categories gets an empty list", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			assert.Empty(t, listCategories(t, uow, owner.ID))
		}},
		{"deleting a category uncategorises its live and trashed files and returns the live count", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			kept := mustCreateCategory(t, uow, owner.ID, "Bills")
			live := []domain.File{
				mustSave(t, uow, fileIn(newFile(owner.ID, "a", domain.KindPhoto), c.ID)),
				mustSave(t, uow, fileIn(newFile(owner.ID, "b", domain.KindDocument), c.ID)),
			}
			trashed := mustSave(t, uow, trashedAt(fileIn(newFile(owner.ID, "t", domain.KindPhoto), c.ID), t0))
			other := mustSave(t, uow, fileIn(newFile(owner.ID, "o", domain.KindPhoto), kept.ID))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				n, err := r.Categories.Delete(ctx, c.OwnerID, c.ID)
				require.NoError(t, err)
				assert.Equal(t, 2, n)
				_, err = r.Categories.Get(ctx, c.OwnerID, c.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound)
				for _, f := range append(live, trashed) {
					got, err := r.Files.Get(ctx, f.OwnerID, f.ID)
					require.NoError(t, err)
					assert.Nil(t, got.CategoryID, "file %s", f.UniqueID)
					assert.Equal(t, f.Trashed(), got.Trashed(), "file %s stays where it was", f.UniqueID)
				}
				got, err := r.Files.Get(ctx, other.OwnerID, other.ID)
				require.NoError(t, err)
				assert.Equal(t, kept.ID, *got.CategoryID, "another category's file keeps it")
				uncategorised, err := r.Files.CountUncategorised(ctx, owner.ID)
				require.NoError(t, err)
				assert.Equal(t, 2, uncategorised)
			})
			assert.Equal(t, []string{"Bills"}, categoryNames(t, uow, owner.ID))
		}},
		{"deleting an empty category returns zero", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				n, err := r.Categories.Delete(ctx, c.OwnerID, c.ID)
				require.NoError(t, err)
				assert.Zero(t, n)
			})
		}},
		{"a deleted category's name is free again", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Categories.Delete(ctx, c.OwnerID, c.ID)
				require.NoError(t, err)
				again, err := r.Categories.Create(ctx, newCategory(owner.ID, "RECEIPTS"))
				require.NoError(t, err)
				assert.NotEqual(t, c.ID, again.ID)
			})
		}},
		{"deleting an unknown category is not found", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Categories.Delete(ctx, c.OwnerID, c.ID+1)
				assert.ErrorIs(t, err, domain.ErrNotFound)
				_, err = r.Categories.Delete(ctx, c.OwnerID, c.ID)
				require.NoError(t, err)
				_, err = r.Categories.Delete(ctx, c.OwnerID, c.ID)
				assert.ErrorIs(t, err, domain.ErrNotFound, "deleting twice")
			})
		}},
	})
}

// fileIn puts f into the category with that id; 0 means none.
func fileIn(f domain.File, categoryID int64) domain.File {
	if categoryID != 0 {
		f.CategoryID = &categoryID
	} else {
		f.CategoryID = nil
	}
	return f
}

// trashedAt puts f into the trash at the given time.
func trashedAt(f domain.File, at time.Time) domain.File {
	f.DeletedAt = &at
	return f
}

func utcSummaries(list []domain.CategorySummary) []domain.CategorySummary {
	out := make([]domain.CategorySummary, len(list))
	for i, c := range list {
		out[i] = domain.CategorySummary{Category: utcCategory(c.Category), Files: c.Files}
	}
	return out
}
