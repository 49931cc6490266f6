package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

const (
	admin    = 42
	friend   = 43
	stranger = 99
	// otherAdmin is a second admin.
	otherAdmin = 44
)

func TestAdmitLetsInWhomThePolicySays(t *testing.T) {
	cases := []struct {
		name   string
		limits app.Limits
		want   map[int64]app.Admission
	}{
		{"an open bot lets in anyone", app.Limits{Admins: []int64{admin}},
			map[int64]app.Admission{admin: app.Admitted, friend: app.Admitted, stranger: app.Admitted}},
		{"the zero limits are an open bot", app.Limits{},
			map[int64]app.Admission{stranger: app.Admitted}},
		{"an allowlist lets in the allowed and the admins, and refuses a stranger",
			app.Limits{AccessMode: domain.AccessAllowlist, AllowedIDs: []int64{friend}, Admins: []int64{admin}},
			map[int64]app.Admission{admin: app.Admitted, friend: app.Admitted, stranger: app.Refused}},
		{"an update from nobody (a channel post) is not refused",
			app.Limits{AccessMode: domain.AccessAllowlist, AllowedIDs: []int64{friend}},
			map[int64]app.Admission{0: app.Admitted}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(tc.limits)
			update := int64(0)
			for id, want := range tc.want {
				update++
				assert.Equal(t, app.Verdict{Admission: want}, f.app.Access.Admit(id, update), "user %d", id)
			}
		})
	}
}

func TestAdmitKeepsNothingOfAStranger(t *testing.T) {
	f := newFixture(app.Limits{AccessMode: domain.AccessAllowlist, AllowedIDs: []int64{friend}, RateLimit: domain.RateLimit{Updates: 20, Window: 10 * time.Second}})
	require.Equal(t, app.Refused, f.app.Access.Admit(stranger, 1).Admission)
	_, err := f.store.Repos().Users.ByTelegramID(context.Background(), stranger)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	first, err := f.store.Repos().Updates.ClaimFor(context.Background(), 0, 1)
	require.NoError(t, err)
	assert.True(t, first, "the refused update was not even claimed")
}

func TestTheRateLimit(t *testing.T) {
	limit := domain.RateLimit{Updates: 3, Window: 10 * time.Second}
	admitted := app.Verdict{Admission: app.Admitted}
	warned := app.Verdict{Admission: app.Throttled, Warn: true}
	dropped := app.Verdict{Admission: app.Throttled}

	t.Run("over the limit the first update is dropped with a warning, the rest silently", func(t *testing.T) {
		f := newFixture(app.Limits{RateLimit: limit})
		var got []app.Verdict
		for id := int64(1); id <= 6; id++ {
			got = append(got, f.app.Access.Admit(friend, id))
		}
		assert.Equal(t, []app.Verdict{admitted, admitted, admitted, warned, dropped, dropped}, got)
	})
	t.Run("one user's flood leaves another user alone", func(t *testing.T) {
		f := newFixture(app.Limits{RateLimit: limit})
		for id := int64(1); id <= 200; id++ {
			f.app.Access.Admit(friend, id)
		}
		assert.Equal(t, admitted, f.app.Access.Admit(stranger, 201))
	})
	t.Run("the window slides: an update is let in again once the oldest leaves it", func(t *testing.T) {
		f := newFixture(app.Limits{RateLimit: limit})
		for id := int64(1); id <= 3; id++ {
			f.app.Access.Admit(friend, id)
			f.clock.Advance(time.Second)
		}
		assert.Equal(t, warned, f.app.Access.Admit(friend, 4))
		f.clock.Advance(7 * time.Second) // the first update, 10 s ago, leaves the window
		assert.Equal(t, admitted, f.app.Access.Admit(friend, 5))
		assert.Equal(t, dropped, f.app.Access.Admit(friend, 6), "a flood that goes on is not warned again")
	})
	t.Run("a flood that goes on for minutes is warned once", func(t *testing.T) {
		f := newFixture(app.Limits{RateLimit: limit})
		warnings := 0
		for id := int64(1); id <= 600; id++ {
			if f.app.Access.Admit(friend, id).Warn {
				warnings++
			}
			f.clock.Advance(500 * time.Millisecond)
		}
		assert.Equal(t, 1, warnings)
	})
	t.Run("after a calm window a new flood is warned again", func(t *testing.T) {
		f := newFixture(app.Limits{RateLimit: limit})
		for id := int64(1); id <= 4; id++ {
			f.app.Access.Admit(friend, id)
		}
		f.clock.Advance(limit.Window)
		for id := int64(5); id <= 7; id++ {
			require.Equal(t, admitted, f.app.Access.Admit(friend, id))
		}
		assert.Equal(t, warned, f.app.Access.Admit(friend, 8))
	})
	t.Run("an update handled again (a retry, a redelivery) is let in again and counts once", func(t *testing.T) {
		f := newFixture(app.Limits{RateLimit: limit})
		for range 5 {
			require.Equal(t, admitted, f.app.Access.Admit(friend, 1))
		}
		assert.Equal(t, admitted, f.app.Access.Admit(friend, 2))
		assert.Equal(t, admitted, f.app.Access.Admit(friend, 3))
		assert.Equal(t, warned, f.app.Access.Admit(friend, 4))
		assert.Equal(t, admitted, f.app.Access.Admit(friend, 2), "a retry of an update let in is not dropped")
	})
	t.Run("no limit lets everything in", func(t *testing.T) {
		f := newFixture(app.Limits{})
		for id := int64(1); id <= 1000; id++ {
			require.Equal(t, admitted, f.app.Access.Admit(friend, id))
		}
	})
	t.Run("a stranger over the limit is dropped without a warning", func(t *testing.T) {
		f := newFixture(app.Limits{AccessMode: domain.AccessAllowlist, AllowedIDs: []int64{friend}, RateLimit: limit})
		for id := int64(1); id <= 3; id++ {
			require.Equal(t, app.Refused, f.app.Access.Admit(stranger, id).Admission)
		}
		assert.Equal(t, dropped, f.app.Access.Admit(stranger, 4))
	})
	t.Run("stats count the users limited in the last hour", func(t *testing.T) {
		f := newFixture(app.Limits{RateLimit: limit, Admins: []int64{admin}})
		root := f.register(t, admin)
		for _, user := range []int64{friend, stranger} {
			for id := int64(1); id <= 4; id++ {
				f.app.Access.Admit(user, user*100+id)
			}
		}
		v, err := f.app.Queries.Stats.Show(context.Background(), root)
		require.NoError(t, err)
		assert.Equal(t, 2, v.RateLimited)
		f.clock.Advance(time.Hour)
		v, err = f.app.Queries.Stats.Show(context.Background(), root)
		require.NoError(t, err)
		assert.Zero(t, v.RateLimited)
	})
}

func TestStatsCountTheUsersAnyInstanceLimited(t *testing.T) {
	limits := app.Limits{RateLimit: domain.RateLimit{Updates: 3, Window: 10 * time.Second}, Admins: []int64{admin}}
	store, clock, shared := memory.NewStore(), memory.NewClock(start), memory.NewLimitedUsers()
	a := app.NewShared(store.UnitOfWork(), clock, app.RandomTokens{}, limits, shared)
	b := app.NewShared(store.UnitOfWork(), clock, app.RandomTokens{}, limits, shared)
	root := fixture{store: store, clock: clock, app: a}.register(t, admin)
	for id := int64(1); id <= 4; id++ { // the fourth is over the limit, on b
		b.Access.Admit(friend, id)
	}
	require.Eventually(t, func() bool {
		v, err := a.Queries.Stats.Show(context.Background(), root)
		return err == nil && v.RateLimited == 1
	}, time.Second, time.Millisecond, "a counts the user b limited")

	clock.Advance(time.Hour)
	v, err := a.Queries.Stats.Show(context.Background(), root)
	require.NoError(t, err)
	assert.Zero(t, v.RateLimited, "an hour later no more")
}

func TestBans(t *testing.T) {
	ctx := context.Background()
	limits := app.Limits{Admins: []int64{admin, otherAdmin}}

	t.Run("an admin bans a user: screened as banned, told once, in a private chat only", func(t *testing.T) {
		f := newFixture(limits)
		root := f.register(t, admin)
		eve := f.register(t, stranger)
		f.save(t, eve.ID, document("a"))
		v, err := f.app.Access.Ban(ctx, root, stranger)
		require.NoError(t, err)
		assert.Equal(t, app.BanView{TelegramID: stranger, User: &eve, Files: 1}, v)

		s, err := f.app.Access.Screen(ctx, stranger, false)
		require.NoError(t, err)
		assert.Equal(t, app.Screening{Banned: true}, s, "in a group: not told, and the telling is kept for later")
		s, err = f.app.Access.Screen(ctx, stranger, true)
		require.NoError(t, err)
		assert.Equal(t, app.Screening{Banned: true, Tell: true}, s)
		for range 3 {
			s, err = f.app.Access.Screen(ctx, stranger, true)
			require.NoError(t, err)
			assert.Equal(t, app.Screening{Banned: true}, s, "told once")
		}
	})
	t.Run("a user the bot never met can be banned, and is not registered by it", func(t *testing.T) {
		f := newFixture(limits)
		v, err := f.app.Access.Ban(ctx, f.register(t, admin), stranger)
		require.NoError(t, err)
		assert.Equal(t, app.BanView{TelegramID: stranger}, v)
		_, err = f.store.Repos().Users.ByTelegramID(ctx, stranger)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
	t.Run("banning again changes nothing and says so", func(t *testing.T) {
		f := newFixture(limits)
		root := f.register(t, admin)
		_, err := f.app.Access.Ban(ctx, root, stranger)
		require.NoError(t, err)
		v, err := f.app.Access.Ban(ctx, root, stranger)
		require.NoError(t, err)
		assert.True(t, v.Already)
	})
	t.Run("only an admin bans, unbans, sees a ban or deletes files; an admin cannot be banned", func(t *testing.T) {
		f := newFixture(limits)
		root, bob := f.register(t, admin), f.register(t, friend)
		_, err := f.app.Access.Ban(ctx, bob, stranger)
		assert.ErrorIs(t, err, domain.ErrForbidden)
		_, err = f.app.Access.Ban(ctx, root, otherAdmin)
		assert.ErrorIs(t, err, domain.ErrAdminBan)
		_, err = f.app.Access.Ban(ctx, root, admin)
		assert.ErrorIs(t, err, domain.ErrAdminBan, "not even oneself")
		_, err = f.app.Access.Ban(ctx, root, stranger)
		require.NoError(t, err)
		_, err = f.app.Access.Unban(ctx, bob, stranger)
		assert.ErrorIs(t, err, domain.ErrForbidden)
		_, err = f.app.Access.Banned(ctx, bob, stranger)
		assert.ErrorIs(t, err, domain.ErrForbidden)
		_, err = f.app.Access.DeleteFiles(ctx, bob, stranger)
		assert.ErrorIs(t, err, domain.ErrForbidden)
		_, err = f.app.Access.Ban(ctx, root, 0)
		assert.ErrorIs(t, err, domain.ErrInvalidUser)
	})
	t.Run("an admin is never screened as banned", func(t *testing.T) {
		f := newFixture(limits)
		require.NoError(t, f.store.UnitOfWork().Do(ctx, func(ctx context.Context, r app.Repos) error {
			_, err := r.Bans.Add(ctx, domain.Ban{TelegramID: admin, BannedBy: otherAdmin, BannedAt: start})
			return err
		}))
		s, err := f.app.Access.Screen(ctx, admin, true)
		require.NoError(t, err)
		assert.False(t, s.Banned)
	})
	t.Run("an unban lets the user back, and a new ban tells them again", func(t *testing.T) {
		f := newFixture(limits)
		root := f.register(t, admin)
		_, err := f.app.Access.Ban(ctx, root, stranger)
		require.NoError(t, err)
		_, err = f.app.Access.Screen(ctx, stranger, true)
		require.NoError(t, err)
		_, err = f.app.Access.Unban(ctx, root, stranger)
		require.NoError(t, err)
		s, err := f.app.Access.Screen(ctx, stranger, true)
		require.NoError(t, err)
		assert.False(t, s.Banned)
		_, err = f.app.Access.Unban(ctx, root, stranger)
		assert.ErrorIs(t, err, domain.ErrNotFound, "not banned")
		_, err = f.app.Access.Ban(ctx, root, stranger)
		require.NoError(t, err)
		s, err = f.app.Access.Screen(ctx, stranger, true)
		require.NoError(t, err)
		assert.True(t, s.Tell)
	})
	t.Run("a banned user's files stay until an admin deletes them, all of them and nobody else's", func(t *testing.T) {
		f := newFixture(limits)
		root, eve, bob := f.register(t, admin), f.register(t, stranger), f.register(t, friend)
		f.save(t, eve.ID, document("a"))
		f.trash(t, eve.ID, f.save(t, eve.ID, document("b")).ID)
		f.save(t, bob.ID, document("c"))
		_, err := f.app.Access.DeleteFiles(ctx, root, stranger)
		assert.ErrorIs(t, err, domain.ErrNotFound, "not banned: their files are theirs")
		_, err = f.app.Access.Ban(ctx, root, stranger)
		require.NoError(t, err)
		v, err := f.app.Access.Banned(ctx, root, stranger)
		require.NoError(t, err)
		assert.Equal(t, 2, v.Files, "the trash counts")
		n, err := f.app.Access.DeleteFiles(ctx, root, stranger)
		require.NoError(t, err)
		assert.Equal(t, 2, n)
		assert.Zero(t, f.counts(t, eve.ID).Total+f.counts(t, eve.ID).Trashed)
		assert.Equal(t, 1, f.counts(t, bob.ID).Total)
	})
	t.Run("stats count the bans", func(t *testing.T) {
		f := newFixture(limits)
		root := f.register(t, admin)
		for _, id := range []int64{stranger, friend} {
			_, err := f.app.Access.Ban(ctx, root, id)
			require.NoError(t, err)
		}
		v, err := f.app.Queries.Stats.Show(ctx, root)
		require.NoError(t, err)
		assert.Equal(t, 2, v.Banned)
	})
}
