package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestStats(t *testing.T) {
	ctx := context.Background()

	t.Run("an admin sees users by activity, blocked ones, and every user's files per kind", func(t *testing.T) {
		f := newFixture(app.Limits{Admins: []int64{42}})
		ann := f.register(t, 42)
		f.register(t, 43) // seen 8 days before the stats
		f.clock.Advance(6 * 24 * time.Hour)
		f.register(t, 44) // seen 2 days before
		f.clock.Advance(24 * time.Hour)
		bob := f.register(t, 45) // seen 1 day before
		require.NoError(t, f.app.Commands.MarkBlocked.Handle(ctx, 45))
		f.clock.Advance(24 * time.Hour)
		ann = f.register(t, 42) // seen now
		f.save(t, ann.ID, sized("a", 100))
		f.save(t, bob.ID, sized("b", 250))
		pic := photo("pic")
		pic.Size = 40
		f.save(t, bob.ID, pic)
		trashed := f.save(t, ann.ID, sized("old", 1000))
		f.trash(t, ann.ID, trashed.ID)

		v, err := f.app.Queries.Stats.Show(ctx, ann)
		require.NoError(t, err)
		assert.Equal(t, app.StatsView{
			Users: app.UserCounts{Total: 4, ActiveDay: 2, ActiveWeek: 3, Blocked: 1},
			Usage: domain.Usage{Files: 4, Bytes: 1390, ByKind: map[domain.Kind]domain.KindUsage{
				domain.KindDocument: {Files: 2, Bytes: 350},
				domain.KindPhoto:    {Files: 1, Bytes: 40},
			}},
			At: f.clock.Now(),
		}, v)
	})

	t.Run("anyone else is refused", func(t *testing.T) {
		f := newFixture(app.Limits{Admins: []int64{42}})
		bob := f.register(t, 43)
		_, err := f.app.Queries.Stats.Show(ctx, bob)
		assert.ErrorIs(t, err, domain.ErrForbidden)
		assert.False(t, f.app.Queries.Stats.IsAdmin(bob))
	})

	t.Run("with no admins configured nobody sees them", func(t *testing.T) {
		f := newFixture(app.Limits{})
		_, err := f.app.Queries.Stats.Show(ctx, f.register(t, 42))
		assert.ErrorIs(t, err, domain.ErrForbidden)
	})
}

func TestMarkBlocked(t *testing.T) {
	ctx := context.Background()

	t.Run("a user who blocked the bot is marked, and the mark clears when they write again", func(t *testing.T) {
		f := newFixture(app.Limits{})
		f.register(t, 42)
		require.NoError(t, f.app.Commands.MarkBlocked.Handle(ctx, 42))
		u, err := f.store.Repos().Users.ByTelegramID(ctx, 42)
		require.NoError(t, err)
		assert.True(t, u.BlockedBot)

		assert.False(t, f.register(t, 42).BlockedBot)
		u, err = f.store.Repos().Users.ByTelegramID(ctx, 42)
		require.NoError(t, err)
		assert.False(t, u.BlockedBot)
	})

	t.Run("marking someone the bot never met is not found", func(t *testing.T) {
		f := newFixture(app.Limits{})
		assert.ErrorIs(t, f.app.Commands.MarkBlocked.Handle(ctx, 404), domain.ErrNotFound)
	})
}
