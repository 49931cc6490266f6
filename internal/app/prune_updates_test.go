package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/app"
)

func TestPruneUpdatesKeepsClaimsForTheRetentionThenForgetsThem(t *testing.T) {
	ctx := context.Background()
	// The memory store stamps claims with the system clock, as PostgreSQL's now() does.
	clock := memory.NewClock(time.Now())
	store := memory.NewStore()
	a := app.New(store.UnitOfWork(), clock, app.RandomTokens{}, app.Limits{})
	for id := int64(1); id <= 3; id++ {
		first, err := a.Updates.OnceFor(ctx, 9, id, func(context.Context) error { return nil })
		require.NoError(t, err)
		require.True(t, first)
	}

	clock.Advance(app.DefaultUpdatesRetention - time.Hour)
	n, err := a.Commands.PruneUpdates.Handle(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "within the retention (48 h by default) a redelivery is still skipped")
	first, err := a.Updates.OnceFor(ctx, 9, 1, func(context.Context) error { return nil })
	require.NoError(t, err)
	assert.False(t, first)

	clock.Advance(2 * time.Hour)
	n, err = a.Commands.PruneUpdates.Handle(ctx)
	require.NoError(t, err)
	assert.Equal(t, 3, n, "past the retention every claim is pruned")
}

func TestPruneUpdatesInBatches(t *testing.T) {
	ctx := context.Background()
	clock := memory.NewClock(time.Now())
	store := memory.NewStore()
	for id := int64(1); id <= 7; id++ {
		_, err := store.Repos().Updates.ClaimFor(ctx, 9, id)
		require.NoError(t, err)
	}
	clock.Advance(time.Hour)
	n, err := app.NewPruneUpdates(store.UnitOfWork(), clock, time.Minute, 3).Handle(ctx)
	require.NoError(t, err)
	assert.Equal(t, 7, n, "batch after batch until none is left")
}
