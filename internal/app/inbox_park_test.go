package app_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestPermanentFailuresAreTheDomainsAndTheRefusedOnes(t *testing.T) {
	for _, err := range []error{domain.ErrNotFound, domain.ErrForbidden, domain.ErrDuplicate, domain.ErrInvalidName, domain.ErrQuotaExceeded,
		fmt.Errorf("save: %w", app.ErrPermanent), fmt.Errorf("handle update 3: %w", fmt.Errorf("get search: %w", domain.ErrForbidden))} {
		assert.True(t, app.Permanent(err), "%v", err)
	}
	for _, err := range []error{errors.New("connection refused"), context.DeadlineExceeded, fmt.Errorf("x: %w", context.Canceled)} {
		assert.False(t, app.Permanent(err), "%v", err)
	}
}

func TestAParkedUpdateIsClaimedKeptAndReplayedOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	pat := f.register(t, 13)
	p := app.ParkedUpdate{BotID: 5, UpdateID: 100, Payload: []byte(`{"update_id":100}`), Error: "boom", Attempts: 12}

	first, sender, err := f.app.Updates.Park(ctx, p, 13, nil)
	require.NoError(t, err)
	assert.True(t, first)
	require.NotNil(t, sender, "the sender is known")
	assert.Equal(t, pat.ID, sender.ID)
	again, _, err := f.app.Updates.Park(ctx, p, 13, nil)
	require.NoError(t, err)
	assert.False(t, again, "parked once")
	ran := false
	handled, err := f.app.Updates.OnceFor(ctx, 5, 100, func(context.Context) error { ran = true; return nil })
	require.NoError(t, err)
	assert.False(t, handled || ran, "a parked update is claimed: a redelivery changes nothing")

	boom := errors.New("still broken")
	err = f.app.Updates.Replay(ctx, p, func(context.Context) error { return boom })
	assert.ErrorIs(t, err, boom)
	list, err := f.app.Updates.Parked(ctx, 5, 0, 10)
	require.NoError(t, err)
	require.Len(t, list, 1, "a replay that fails leaves it parked")
	assert.Equal(t, 13, list[0].Attempts)
	assert.Contains(t, list[0].Error, "still broken")

	require.NoError(t, f.app.Updates.Replay(ctx, list[0], func(context.Context) error { return nil }))
	n, err := f.app.Updates.CountParked(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "a replay that succeeds unparks it")
	assert.ErrorIs(t, f.app.Updates.Replay(ctx, list[0], func(context.Context) error { return nil }), app.ErrNotParked)

	unknown, sender, err := f.app.Updates.Park(ctx, app.ParkedUpdate{BotID: 5, UpdateID: 101, Payload: []byte(`{}`)}, 999, nil)
	require.NoError(t, err)
	assert.True(t, unknown)
	assert.Nil(t, sender, "a sender never seen")
}
