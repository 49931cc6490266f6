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
	runContracts(t, newUOW, noSeed, []contract[struct{}]{
		{"a new user is inserted as given and found by telegram id", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
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
		{"a known user gets profile and last seen refreshed but keeps id, join time and page size", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
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
		{"a known user who had blocked the bot is unblocked by the next contact", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			u := newUser(42)
			u.BlockedBot = true
			mustUpsert(t, uow, u)
			assert.False(t, mustUpsert(t, uow, u).BlockedBot)
		}},
		{"a zero page size means the default one", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			u := newUser(42)
			u.PageSize = 0
			assert.Equal(t, domain.DefaultPageSize, mustUpsert(t, uow, u).PageSize)
		}},
		{"a page size out of range is refused", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			u := newUser(42)
			u.PageSize = domain.MaxPageSize + 1
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Users.Upsert(ctx, u)
				return err
			})
			assert.Error(t, err)
		}},
		{"every new user gets a new, higher id", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			a := mustUpsert(t, uow, newUser(1))
			b := mustUpsert(t, uow, newUser(2))
			assert.Equal(t, a.ID, mustUpsert(t, uow, newUser(1)).ID)
			assert.Greater(t, b.ID, a.ID)
		}},
		{"an unknown telegram id is not found", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			mustUpsert(t, uow, newUser(42))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Users.ByTelegramID(ctx, 43)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"every user is listed once, page by page in id order", func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
			var want []int64
			for _, tg := range []int64{7, 3, 9, 1, 5} {
				want = append(want, mustUpsert(t, uow, newUser(tg)).ID)
			}
			var got []int64
			do(t, uow, func(ctx context.Context, r app.Repos) {
				for after := int64(0); ; {
					page, err := r.Users.ListAfter(ctx, after, 2)
					require.NoError(t, err)
					if len(page) == 0 {
						break
					}
					assert.LessOrEqual(t, len(page), 2)
					for _, u := range page {
						got = append(got, u.ID)
						after = u.ID
					}
				}
			})
			assert.Equal(t, want, got)
		}},
	})
}

func testSettings(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"a user is got by internal id as stored", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			assert.Equal(t, utcUser(user), utcUser(getUser(t, uow, user.ID)))
		}},
		{"an unknown internal id is not found", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Users.Get(ctx, user.ID+1000)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"a new user has no language and no default category", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			assert.Equal(t, domain.Settings{PageSize: domain.DefaultPageSize}, getUser(t, uow, user.ID).Settings())
		}},
		{"a new user is stored with the language given", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			u := newUser(user.TelegramID + 1)
			u.Language = domain.Russian
			stored := mustUpsert(t, uow, u)
			assert.Equal(t, domain.Russian, stored.Language)
			assert.Equal(t, domain.Russian, getUser(t, uow, stored.ID).Language)
		}},
		{"updated settings are read back by id and by telegram id, and nothing else changes", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			c := mustCreateCategory(t, uow, user.ID, "Inbox")
			set := domain.Settings{PageSize: domain.MaxPageSize, Language: domain.Russian, DefaultCategoryID: &c.ID}
			mustUpdateSettings(t, uow, user.ID, set)
			want := utcUser(user)
			want.PageSize, want.Language, want.DefaultCategoryID = set.PageSize, set.Language, &c.ID
			assert.Equal(t, want, utcUser(getUser(t, uow, user.ID)))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Users.ByTelegramID(ctx, user.TelegramID)
				require.NoError(t, err)
				assert.Equal(t, want, utcUser(got))
			})
		}},
		{"settings can be set back to no language and no default category", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			c := mustCreateCategory(t, uow, user.ID, "Inbox")
			mustUpdateSettings(t, uow, user.ID, domain.Settings{PageSize: 10, Language: domain.English, DefaultCategoryID: &c.ID})
			mustUpdateSettings(t, uow, user.ID, domain.Settings{PageSize: domain.MinPageSize})
			assert.Equal(t, domain.Settings{PageSize: domain.MinPageSize}, getUser(t, uow, user.ID).Settings())
		}},
		{"the settings of an unknown user are not found", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				err := r.Users.UpdateSettings(ctx, user.ID+1000, domain.Settings{PageSize: domain.DefaultPageSize})
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"settings out of bounds or with an unknown category are refused and nothing changes", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			c := mustCreateCategory(t, uow, user.ID, "Inbox")
			missing := c.ID + 1000
			for _, bad := range []domain.Settings{
				{PageSize: domain.DefaultPageSize, Language: "de"},
				{PageSize: domain.DefaultPageSize, Language: "EN"},
				{PageSize: domain.MinPageSize - 1},
				{PageSize: domain.MaxPageSize + 1},
				{PageSize: domain.DefaultPageSize, DefaultCategoryID: &missing},
			} {
				err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
					return r.Users.UpdateSettings(ctx, user.ID, bad)
				})
				assert.Error(t, err, "%+v", bad)
				assert.NotErrorIs(t, err, domain.ErrNotFound, "%+v", bad)
			}
			assert.Equal(t, utcUser(user), utcUser(getUser(t, uow, user.ID)))
		}},
		{"the next contact keeps the settings", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			c := mustCreateCategory(t, uow, user.ID, "Inbox")
			set := domain.Settings{PageSize: 12, Language: domain.Russian, DefaultCategoryID: &c.ID}
			mustUpdateSettings(t, uow, user.ID, set)
			again := newUser(user.TelegramID)
			again.LastSeenAt = t0.Add(time.Hour)
			again.Language = domain.English
			again.PageSize = 5
			assert.Equal(t, set, mustUpsert(t, uow, again).Settings())
			assert.Equal(t, set, getUser(t, uow, user.ID).Settings())
		}},
		{"deleting the default category leaves no default category", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			c := mustCreateCategory(t, uow, user.ID, "Inbox")
			mustUpdateSettings(t, uow, user.ID, domain.Settings{PageSize: 10, Language: domain.Russian, DefaultCategoryID: &c.ID})
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Categories.Delete(ctx, c.OwnerID, c.ID)
				require.NoError(t, err)
			})
			assert.Equal(t, domain.Settings{PageSize: 10, Language: domain.Russian}, getUser(t, uow, user.ID).Settings())
		}},
		{"a returned default category shares nothing with the stored one", func(t *testing.T, uow app.UnitOfWork, user domain.User) {
			c := mustCreateCategory(t, uow, user.ID, "Inbox")
			id := c.ID
			mustUpdateSettings(t, uow, user.ID, domain.Settings{PageSize: 10, DefaultCategoryID: &id})
			id = -1
			got := getUser(t, uow, user.ID)
			require.NotNil(t, got.DefaultCategoryID)
			*got.DefaultCategoryID = -2
			assert.Equal(t, &c.ID, getUser(t, uow, user.ID).DefaultCategoryID)
		}},
	})
}

func getUser(t *testing.T, uow app.UnitOfWork, id int64) domain.User {
	t.Helper()
	var u domain.User
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		u, err = r.Users.Get(ctx, id)
		require.NoError(t, err)
	})
	return u
}

func mustUpdateSettings(t *testing.T, uow app.UnitOfWork, userID int64, s domain.Settings) {
	t.Helper()
	must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Users.UpdateSettings(ctx, userID, s) })
}

func testBlocked(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	t.Run("a user marked blocked is stored blocked, and only them", func(t *testing.T) {
		uow := newUOW(t)
		mustUpsert(t, uow, newUser(42))
		mustUpsert(t, uow, newUser(43))
		do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Users.SetBlocked(ctx, 42))
			require.NoError(t, r.Users.SetBlocked(ctx, 42), "marking twice is no error")
			blocked, err := r.Users.ByTelegramID(ctx, 42)
			require.NoError(t, err)
			assert.True(t, blocked.BlockedBot)
			other, err := r.Users.ByTelegramID(ctx, 43)
			require.NoError(t, err)
			assert.False(t, other.BlockedBot)
		})
	})
	t.Run("the mark clears when the user comes back", func(t *testing.T) {
		uow := newUOW(t)
		mustUpsert(t, uow, newUser(42))
		do(t, uow, func(ctx context.Context, r app.Repos) { require.NoError(t, r.Users.SetBlocked(ctx, 42)) })
		assert.False(t, mustUpsert(t, uow, newUser(42)).BlockedBot)
	})
	t.Run("marking a user the bot never met is not found", func(t *testing.T) {
		err := newUOW(t).Do(t.Context(), func(ctx context.Context, r app.Repos) error { return r.Users.SetBlocked(ctx, 404) })
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}
