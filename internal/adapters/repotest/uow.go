package repotest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var errBoom = errors.New("boom")

func testUnitsOfWork(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	tests := []struct {
		name string
		run  func(t *testing.T, uow app.UnitOfWork)
	}{
		{"a failed unit of work returns its error and leaves nothing behind, not even the update claim", func(t *testing.T, uow app.UnitOfWork) {
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
		{"a committed unit of work is seen by the next one", func(t *testing.T, uow app.UnitOfWork) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Updates.Claim(ctx, 7)
				require.NoError(t, err)
			})
			do(t, uow, func(ctx context.Context, r app.Repos) {
				first, err := r.Updates.Claim(ctx, 7)
				require.NoError(t, err)
				assert.False(t, first)
			})
		}},
		{"a nested unit of work joins the outer one and sees its changes", func(t *testing.T, uow app.UnitOfWork) {
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
		{"an outer rollback undoes the work of a nested unit of work", func(t *testing.T, uow app.UnitOfWork) {
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
		{"a unit of work can carry on after a duplicate save and a second claim", func(t *testing.T, uow app.UnitOfWork) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				u, err := r.Users.Upsert(ctx, newUser(42))
				require.NoError(t, err)
				for range 2 {
					_, _, err = r.Files.Save(ctx, newFile(u.ID, "u1", domain.KindPhoto))
					require.NoError(t, err)
					_, err = r.Updates.Claim(ctx, 7)
					require.NoError(t, err)
				}
				_, err = r.Files.Get(ctx, -1)
				require.ErrorIs(t, err, domain.ErrNotFound)
				_, err = r.Users.ByTelegramID(ctx, 42)
				require.NoError(t, err, "the transaction is still usable")
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, newUOW(t)) })
	}
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
