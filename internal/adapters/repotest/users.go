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

func testUsers(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	tests := []struct {
		name string
		run  func(t *testing.T, uow app.UnitOfWork)
	}{
		{"a new user is inserted as given and found by telegram id", func(t *testing.T, uow app.UnitOfWork) {
			u := newUser(42)
			u.BlockedBot = true
			stored := mustUpsert(t, uow, u)
			assert.Positive(t, stored.ID)
			u.ID = stored.ID
			assert.Equal(t, u, utcUser(stored))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				found, err := r.Users.ByTelegramID(ctx, 42)
				require.NoError(t, err)
				assert.Equal(t, u, utcUser(found))
			})
		}},
		{"a known user gets profile and last seen refreshed but keeps id, join time and page size", func(t *testing.T, uow app.UnitOfWork) {
			first := newUser(42)
			first.PageSize = 12
			stored := mustUpsert(t, uow, first)

			again := newUser(42)
			again.Username, again.FirstName, again.LastName, again.LanguageCode = "new", "Grace", "Hopper", "de"
			again.JoinedAt = t0.Add(time.Hour)
			again.LastSeenAt = t0.Add(time.Hour)
			again.PageSize = 20
			updated := mustUpsert(t, uow, again)

			want := stored
			want.Username, want.FirstName, want.LastName, want.LanguageCode = "new", "Grace", "Hopper", "de"
			want.LastSeenAt = t0.Add(time.Hour)
			assert.Equal(t, utcUser(want), utcUser(updated))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				found, err := r.Users.ByTelegramID(ctx, 42)
				require.NoError(t, err)
				assert.Equal(t, utcUser(want), utcUser(found))
			})
		}},
		{"a known user who had blocked the bot is unblocked by the next contact", func(t *testing.T, uow app.UnitOfWork) {
			u := newUser(42)
			u.BlockedBot = true
			mustUpsert(t, uow, u)
			assert.False(t, mustUpsert(t, uow, u).BlockedBot)
		}},
		{"a zero page size means the default one", func(t *testing.T, uow app.UnitOfWork) {
			u := newUser(42)
			u.PageSize = 0
			assert.Equal(t, domain.DefaultPageSize, mustUpsert(t, uow, u).PageSize)
		}},
		{"a page size out of range is refused", func(t *testing.T, uow app.UnitOfWork) {
			u := newUser(42)
			u.PageSize = domain.MaxPageSize + 1
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Users.Upsert(ctx, u)
				return err
			})
			assert.Error(t, err)
		}},
		{"every new user gets a new, higher id", func(t *testing.T, uow app.UnitOfWork) {
			a := mustUpsert(t, uow, newUser(1))
			b := mustUpsert(t, uow, newUser(2))
			assert.Equal(t, a.ID, mustUpsert(t, uow, newUser(1)).ID)
			assert.Greater(t, b.ID, a.ID)
		}},
		{"an unknown telegram id is not found", func(t *testing.T, uow app.UnitOfWork) {
			mustUpsert(t, uow, newUser(42))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Users.ByTelegramID(ctx, 43)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, newUOW(t)) })
	}
}
