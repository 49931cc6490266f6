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

func testUpdates(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	tests := []struct {
		name   string
		claims []int64
		want   []bool
	}{
		{"the first claim of an update succeeds", []int64{7}, []bool{true}},
		{"a second claim of the same update fails", []int64{7, 7}, []bool{true, false}},
		{"claims of different updates are independent", []int64{7, 8, 7, 9}, []bool{true, true, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uow := newUOW(t)
			for i, id := range tt.claims {
				// Each claim in its own unit of work, as replays arrive. What counts is what the
				// last run of fn saw (a unit of work may run fn again, see app.UnitOfWork).
				var first bool
				do(t, uow, func(ctx context.Context, r app.Repos) {
					var err error
					first, err = r.Updates.Claim(ctx, id)
					require.NoError(t, err)
				})
				assert.Equal(t, tt.want[i], first, "claim %d of update %d", i, id)
			}
		})
	}
	t.Run("a claim twice within one unit of work succeeds only once", func(t *testing.T) {
		do(t, newUOW(t), func(ctx context.Context, r app.Repos) {
			first, err := r.Updates.Claim(ctx, 7)
			require.NoError(t, err)
			again, err := r.Updates.Claim(ctx, 7)
			require.NoError(t, err)
			assert.True(t, first)
			assert.False(t, again)
		})
	})
	t.Run("claims are the bot's own: another bot's update of the same id is a first claim", func(t *testing.T) {
		do(t, newUOW(t), func(ctx context.Context, r app.Repos) {
			first, err := r.Updates.ClaimFor(ctx, 111, 7)
			require.NoError(t, err)
			other, err := r.Updates.ClaimFor(ctx, 222, 7)
			require.NoError(t, err)
			again, err := r.Updates.ClaimFor(ctx, 111, 7)
			require.NoError(t, err)
			assert.True(t, first)
			assert.True(t, other)
			assert.False(t, again)
		})
	})
	t.Run("prune forgets claims made before the cutoff, in batches, and keeps later ones", func(t *testing.T) {
		uow := newUOW(t)
		do(t, uow, func(ctx context.Context, r app.Repos) {
			for id := int64(1); id <= 3; id++ {
				_, err := r.Updates.ClaimFor(ctx, 5, id)
				require.NoError(t, err)
			}
		})
		do(t, uow, func(ctx context.Context, r app.Repos) {
			n, err := r.Updates.Prune(ctx, time.Now().Add(-time.Hour), 10)
			require.NoError(t, err)
			assert.Zero(t, n, "claims made after the cutoff are kept")
			n, err = r.Updates.Prune(ctx, time.Now().Add(time.Hour), 2)
			require.NoError(t, err)
			assert.Equal(t, 2, n, "at most the batch")
			n, err = r.Updates.Prune(ctx, time.Now().Add(time.Hour), 2)
			require.NoError(t, err)
			assert.Equal(t, 1, n)
			first, err := r.Updates.ClaimFor(ctx, 5, 1)
			require.NoError(t, err)
			assert.True(t, first, "a pruned claim is forgotten")
		})
	})
	t.Run("a parked update is listed, counted, parked again with more attempts, and unparked once", func(t *testing.T) {
		uow := newUOW(t)
		payload := []byte(`{"update_id":9,"message":{"text":"a\u0000b"}}`)
		do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Updates.Park(ctx, app.ParkedUpdate{BotID: 5, UpdateID: 9, Payload: payload, Error: "first \x00 failure", Attempts: 3}))
			require.NoError(t, r.Updates.Park(ctx, app.ParkedUpdate{BotID: 5, UpdateID: 8, Payload: []byte(`{}`), Error: "x", Attempts: 1}))
			require.NoError(t, r.Updates.Park(ctx, app.ParkedUpdate{BotID: 6, UpdateID: 9, Payload: []byte(`{}`), Error: "other bot", Attempts: 1}))
			require.NoError(t, r.Updates.Park(ctx, app.ParkedUpdate{BotID: 5, UpdateID: 9, Payload: payload, Error: "second failure", Attempts: 1}))
		})
		do(t, uow, func(ctx context.Context, r app.Repos) {
			n, err := r.Updates.CountParked(ctx)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
			list, err := r.Updates.Parked(ctx, 5, 0, 10)
			require.NoError(t, err)
			require.Len(t, list, 2)
			assert.Equal(t, int64(8), list[0].UpdateID, "in id order")
			assert.Equal(t, payload, list[1].Payload)
			assert.Equal(t, "second failure", list[1].Error)
			assert.Equal(t, 4, list[1].Attempts)
			assert.False(t, list[1].ParkedAt.IsZero())
			after, err := r.Updates.Parked(ctx, 5, 8, 10)
			require.NoError(t, err)
			require.Len(t, after, 1)
			assert.Equal(t, int64(9), after[0].UpdateID)
			require.NoError(t, r.Updates.Unpark(ctx, 5, 9))
			assert.ErrorIs(t, r.Updates.Unpark(ctx, 5, 9), domain.ErrNotFound)
			n, err = r.Updates.CountParked(ctx)
			require.NoError(t, err)
			assert.Equal(t, 2, n)
		})
	})
}
