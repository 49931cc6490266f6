// Package bulksends is the contract of app.BulkSendRepository, which keeps the send-alls
// ("⬇ Send all") with their files and progress.
package bulksends

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

// Run runs the contract on storage from newUOW, fresh for every case.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	fixture.RunContracts(t, newUOW, seedTwoUsers, cases)
}

type users struct{ ann, bob domain.User }

func seedTwoUsers(t *testing.T, uow app.UnitOfWork) users {
	return users{ann: fixture.MustUpsert(t, uow, fixture.NewUser(42)), bob: fixture.MustUpsert(t, uow, fixture.NewUser(43))}
}

func running(owner int64, ids ...int64) domain.BulkSend {
	return domain.BulkSend{OwnerID: owner, ChatID: 42, FileIDs: ids, State: domain.BulkSendRunning, MovedAt: made}
}

// made is when the contract's sends are made.
var made = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

var cases = []fixture.Contract[users]{
	{Name: "a send is read back as stored, its files in order", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			s, err := r.BulkSends.Create(ctx, running(u.ann.ID, 30, 10, 20))
			require.NoError(t, err)
			assert.NotZero(t, s.ID)
			got, err := r.BulkSends.Get(ctx, s.ID)
			require.NoError(t, err)
			assert.Equal(t, s, got)
			assert.Equal(t, []int64{30, 10, 20}, got.FileIDs)
			got, err = r.BulkSends.Running(ctx, u.ann.ID)
			require.NoError(t, err)
			assert.Equal(t, s.ID, got.ID)
			_, err = r.BulkSends.Running(ctx, u.bob.ID)
			assert.ErrorIs(t, err, domain.ErrNotFound)
			_, err = r.BulkSends.Get(ctx, s.ID+100)
			assert.ErrorIs(t, err, domain.ErrNotFound)
		})
	}},
	{Name: "one running send per user, and a refused one leaves the unit of work going", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			first, err := r.BulkSends.Create(ctx, running(u.ann.ID, 1))
			require.NoError(t, err)
			_, err = r.BulkSends.Create(ctx, running(u.ann.ID, 2))
			assert.ErrorIs(t, err, domain.ErrDuplicate)
			_, err = r.BulkSends.Create(ctx, running(u.bob.ID, 3))
			require.NoError(t, err, "another user's send is theirs")
			ended, err := r.BulkSends.End(ctx, u.ann.ID, first.ID, domain.BulkSendStopped)
			require.NoError(t, err)
			assert.Equal(t, domain.BulkSendStopped, ended.State)
			_, err = r.BulkSends.Create(ctx, running(u.ann.ID, 4))
			require.NoError(t, err, "once the first ended, another may run")
		})
	}},
	{Name: "progress only goes forward, within the files; the message is recorded", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			s, err := r.BulkSends.Create(ctx, running(u.ann.ID, 1, 2, 3))
			require.NoError(t, err)
			require.NoError(t, r.BulkSends.SetMessage(ctx, s.ID, 77))
			assert.True(t, s.MovedAt.Equal(made), "made at %s", s.MovedAt)
			later := made.Add(time.Minute)
			now, err := r.BulkSends.Advance(ctx, s.ID, 2, later)
			require.NoError(t, err)
			assert.Equal(t, 2, now.Sent)
			assert.Equal(t, 77, now.MessageID)
			assert.True(t, now.MovedAt.Equal(later), "moved at %s", now.MovedAt)
			now, err = r.BulkSends.Advance(ctx, s.ID, 1, made)
			require.NoError(t, err)
			assert.Equal(t, 2, now.Sent, "never fewer than recorded")
			assert.True(t, now.MovedAt.Equal(later), "never earlier than recorded: %s", now.MovedAt)
			now, err = r.BulkSends.Advance(ctx, s.ID, 9, later)
			require.NoError(t, err)
			assert.Equal(t, 3, now.Sent, "never more than the files")
			assert.ErrorIs(t, r.BulkSends.SetMessage(ctx, s.ID+100, 1), domain.ErrNotFound)
		})
	}},
	{Name: "only the owner ends a send, and an ended send stays as it ended", Run: func(t *testing.T, uow app.UnitOfWork, u users) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			s, err := r.BulkSends.Create(ctx, running(u.ann.ID, 1))
			require.NoError(t, err)
			_, err = r.BulkSends.End(ctx, u.bob.ID, s.ID, domain.BulkSendStopped)
			assert.ErrorIs(t, err, domain.ErrNotFound)
			done, err := r.BulkSends.End(ctx, u.ann.ID, s.ID, domain.BulkSendDone)
			require.NoError(t, err)
			assert.Equal(t, domain.BulkSendDone, done.State)
			again, err := r.BulkSends.End(ctx, u.ann.ID, s.ID, domain.BulkSendStopped)
			require.NoError(t, err)
			assert.Equal(t, domain.BulkSendDone, again.State)
		})
	}},
}
