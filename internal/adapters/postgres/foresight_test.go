package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Two instances share one database: what one remembers of a user (to guess their next update's
// reads) goes stale when the other changes them; the guess proves wrong, and the update reads
// what is stored.
func TestAGuessMadeStaleByAnotherInstanceIsNotBelieved(t *testing.T) {
	pool := newPool(t)
	a := postgres.NewUnitOfWork(pool, zaptest.NewLogger(t))
	b := postgres.NewUnitOfWork(pool, zaptest.NewLogger(t))
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	update := func(uow app.UnitOfWork, id int64) (user domain.User, conv error, first bool) {
		require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			var err error
			if first, err = r.Updates.ClaimFor(ctx, 1, id); err != nil || !first {
				return err
			}
			if _, err := r.Bans.Get(ctx, 77); err == nil {
				t.Fatal("not banned")
			}
			p, err := domain.NewUser(domain.Profile{TelegramID: 77, FirstName: "Ann"}, now)
			require.NoError(t, err)
			if user, err = r.Users.Upsert(ctx, p); err != nil {
				return err
			}
			_, conv = r.Conversations.Get(ctx, user.ID, now)
			return nil
		}))
		return user, conv, first
	}
	u, _, _ := update(a, 1)
	update(a, 2) // a knows Ann now

	require.NoError(t, b.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		if err := r.Users.UpdateSettings(ctx, u.ID, domain.Settings{PageSize: 5, Language: u.Language}); err != nil {
			return err
		}
		return r.Conversations.Put(ctx, domain.Conversation{UserID: u.ID, Step: domain.StepSearch, ExpiresAt: now.Add(time.Hour)})
	}))
	got, conv, first := update(a, 3)
	assert.True(t, first)
	assert.Equal(t, 5, got.PageSize, "the setting b stored")
	assert.NoError(t, conv, "the conversation b started")

	_, _, first = update(a, 3)
	assert.False(t, first, "an update handled already, though a guessed it was not")
}

// A unit of work whose claim was guessed first runs again when the claim was not: what its
// first run wrote is undone, and the second run sees the update handled.
func TestTheEffectsOfAReplayedUpdateAreKeptOnce(t *testing.T) {
	pool := newPool(t)
	inbox := app.NewInbox(postgres.NewUnitOfWork(pool, zaptest.NewLogger(t)))
	runs := 0
	handle := func() bool {
		first, err := inbox.OnceFor(t.Context(), 1, 9, func(ctx context.Context) error {
			runs++
			_, err := pool.Exec(ctx, "SELECT 1") // outside the unit of work: nothing to undo
			return err
		})
		require.NoError(t, err)
		return first
	}
	assert.True(t, handle())
	assert.False(t, handle())
	assert.False(t, handle())
	assert.LessOrEqual(t, runs, 3, "a replay runs fn at most once, in its guessing attempt")
}
