package repotest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var errBoom = fixture.ErrBoom

func testUnitsOfWork(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, noSeed, []contract[struct{}]{
		{"a failed unit of work returns its error and leaves nothing behind, not even the update claim", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				first, err := r.Updates.Claim(ctx, 7)
				require.NoError(t, err)
				require.True(t, first)
				u, err := r.Users.Upsert(ctx, newUser(42))
				require.NoError(t, err)
				_, _, err = r.Files.Save(ctx, newFile(u.ID, "u1", domain.KindPhoto))
				require.NoError(t, err)
				return errBoom
			})
			require.ErrorIs(t, err, errBoom)
			assertNothingKept(t, uow)
		}},
		{"a committed unit of work is seen by the next one", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Updates.Claim(ctx, 7)
				require.NoError(t, err)
			})
			var first bool
			do(t, uow, func(ctx context.Context, r app.Repos) {
				var err error
				first, err = r.Updates.Claim(ctx, 7)
				require.NoError(t, err)
			})
			assert.False(t, first, "as the last run of fn saw it")
		}},
		{"a nested unit of work joins the outer one and sees its changes", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Users.Upsert(ctx, newUser(42))
				require.NoError(t, err)
				do2 := uow.Do(ctx, func(ctx context.Context, inner app.Repos) error {
					_, err := inner.Users.ByTelegramID(ctx, 42)
					return err
				})
				require.NoError(t, do2)
			})
		}},
		{"an outer rollback undoes the work of a nested unit of work", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				inner := uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
					_, err := r.Updates.Claim(ctx, 7)
					if err != nil {
						return err
					}
					_, err = r.Users.Upsert(ctx, newUser(42))
					return err
				})
				require.NoError(t, inner)
				return errBoom
			})
			require.ErrorIs(t, err, errBoom)
			assertNothingKept(t, uow)
		}},
		{"a unit of work can carry on after a duplicate save and a second claim", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				u, err := r.Users.Upsert(ctx, newUser(42))
				require.NoError(t, err)
				for range 2 {
					_, _, err = r.Files.Save(ctx, newFile(u.ID, "u1", domain.KindPhoto))
					require.NoError(t, err)
					_, err = r.Updates.Claim(ctx, 7)
					require.NoError(t, err)
				}
				_, err = r.Files.Get(ctx, u.ID, -1)
				require.ErrorIs(t, err, domain.ErrNotFound)
				_, err = r.Users.ByTelegramID(ctx, 42)
				require.NoError(t, err, "the transaction is still usable")
			})
		}},
		{"a failed unit of work leaves no new category, rename, file change or conversation behind", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			owner := mustUpsert(t, uow, newUser(42))
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			f := mustSave(t, uow, fileIn(newFile(owner.ID, "u1", domain.KindPhoto), c.ID))
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Categories.Create(ctx, newCategory(owner.ID, "Bills"))
				require.NoError(t, err)
				require.NoError(t, r.Categories.Rename(ctx, c.OwnerID, c.ID, "Invoices"))
				changed := trashedAt(fileIn(f, 0), t0)
				changed.Name = "renamed.bin"
				require.NoError(t, r.Files.Update(ctx, changed))
				require.NoError(t, r.Conversations.Put(ctx, domain.Conversation{UserID: owner.ID, Step: domain.StepUpload, ExpiresAt: t0.AddDate(1, 0, 0)}))
				return errBoom
			})
			require.ErrorIs(t, err, errBoom)
			assert.Equal(t, utcSummaries([]domain.CategorySummary{{Category: c, Files: 1}}), utcSummaries(listCategories(t, uow, owner.ID)))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Files.Get(ctx, f.OwnerID, f.ID)
				require.NoError(t, err)
				assert.Equal(t, utcFile(f), utcFile(got))
				_, err = r.Conversations.Get(ctx, owner.ID, t0)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"a failed unit of work brings back what it deleted and purged", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			owner := mustUpsert(t, uow, newUser(42))
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			f := mustSave(t, uow, fileIn(newFile(owner.ID, "u1", domain.KindPhoto), c.ID))
			trashed := mustSave(t, uow, trashedAt(newFile(owner.ID, "u2", domain.KindPhoto), t0))
			conv := domain.Conversation{UserID: owner.ID, Step: domain.StepRenameFile, FileID: f.ID, ExpiresAt: t0.AddDate(1, 0, 0)}
			mustPut(t, uow, conv)
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Categories.Delete(ctx, c.OwnerID, c.ID)
				require.NoError(t, err)
				require.NoError(t, r.Files.Delete(ctx, f.OwnerID, f.ID))
				n, err := r.Files.PurgeTrashed(ctx, t0.Add(time.Hour), 10)
				require.NoError(t, err)
				require.Equal(t, 1, n)
				require.NoError(t, r.Conversations.Clear(ctx, owner.ID))
				return errBoom
			})
			require.ErrorIs(t, err, errBoom)
			assert.Equal(t, utcSummaries([]domain.CategorySummary{{Category: c, Files: 1}}), utcSummaries(listCategories(t, uow, owner.ID)))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				for _, want := range []domain.File{f, trashed} {
					got, err := r.Files.Get(ctx, want.OwnerID, want.ID)
					require.NoError(t, err)
					assert.Equal(t, utcFile(want), utcFile(got))
				}
				got, err := r.Conversations.Get(ctx, owner.ID, t0)
				require.NoError(t, err)
				assert.Equal(t, conv, utcConversation(got))
				_, err = r.Categories.Create(ctx, newCategory(owner.ID, "receipts"))
				assert.ErrorIs(t, err, domain.ErrDuplicate, "the name is taken again")
			})
		}},
	})
}

// assertNothingKept checks that update 7 was not claimed and user 42 is unknown.
func assertNothingKept(t *testing.T, uow app.UnitOfWork) {
	t.Helper()
	do(t, uow, func(ctx context.Context, r app.Repos) {
		first, err := r.Updates.Claim(ctx, 7)
		require.NoError(t, err)
		assert.True(t, first, "the update claim was rolled back")
		_, err = r.Users.ByTelegramID(ctx, 42)
		assert.ErrorIs(t, err, domain.ErrNotFound, "the user was rolled back")
	})
}
