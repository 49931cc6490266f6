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

func testStats(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	t.Run("no users, no files: zeros", func(t *testing.T) {
		do(t, newUOW(t), func(ctx context.Context, r app.Repos) {
			c, err := r.Stats.CountUsers(ctx, t0, t0)
			require.NoError(t, err)
			assert.Equal(t, app.UserCounts{}, c)
			u, err := r.Stats.Usage(ctx)
			require.NoError(t, err)
			assert.Zero(t, u.Files)
			assert.Zero(t, u.Bytes)
			assert.Empty(t, u.ByKind)
		})
	})
	t.Run("users are counted by when they were last seen, and blocked ones", func(t *testing.T) {
		uow := newUOW(t)
		now := t0.Add(30 * 24 * time.Hour)
		seen := map[int64]time.Time{
			1: now,                           // today
			2: now.Add(-24 * time.Hour),      // exactly a day ago: still active today
			3: now.Add(-25 * time.Hour),      // this week
			4: now.Add(-7 * 24 * time.Hour),  // exactly a week ago
			5: now.Add(-8 * 24 * time.Hour),  // before
			6: now.Add(-30 * 24 * time.Hour), // long ago
		}
		for id, at := range seen {
			u := newUser(id)
			u.LastSeenAt = at
			mustUpsert(t, uow, u)
		}
		do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Users.SetBlocked(ctx, 5))
			c, err := r.Stats.CountUsers(ctx, now.Add(-24*time.Hour), now.Add(-7*24*time.Hour))
			require.NoError(t, err)
			assert.Equal(t, app.UserCounts{Total: 6, ActiveDay: 2, ActiveWeek: 4, Blocked: 1}, c)
		})
	})
	t.Run("files of every owner add up: all of them in the totals, live ones per kind", func(t *testing.T) {
		uow := newUOW(t)
		ann, bob := mustUpsert(t, uow, newUser(1)), mustUpsert(t, uow, newUser(2))
		mustSave(t, uow, newFile(ann.ID, "a1", domain.KindDocument))
		mustSave(t, uow, newFile(bob.ID, "b1", domain.KindDocument))
		photo := newFile(bob.ID, "b2", domain.KindPhoto)
		photo.Size = 5000
		mustSave(t, uow, photo)
		trashed := mustSave(t, uow, newFile(ann.ID, "a2", domain.KindVideo))
		do(t, uow, func(ctx context.Context, r app.Repos) {
			at := t0
			trashed.DeletedAt = &at
			require.NoError(t, r.Files.Update(ctx, trashed))
			u, err := r.Stats.Usage(ctx)
			require.NoError(t, err)
			assert.Equal(t, 4, u.Files)
			assert.Equal(t, int64(3*1024+5000), u.Bytes)
			assert.Equal(t, map[domain.Kind]domain.KindUsage{
				domain.KindDocument: {Files: 2, Bytes: 2048},
				domain.KindPhoto:    {Files: 1, Bytes: 5000},
			}, u.ByKind)
		})
	})
}
