// Package replies is the contract of the reply outbox (app.ReplyOutbox): a reply recorded with
// an update's effects stays until it is delivered, is taken by a sweep only once its lease ended,
// by one sweep at a time, and remembers how far its delivery went.
package replies

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// lease is when the replies recorded here may be taken.
var lease = fixture.T0.Add(time.Minute)

// Run runs the contract; every case gets its own storage from newUOW.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	fixture.RunContracts(t, newUOW, fixture.NoSeed, []fixture.Contract[struct{}]{
		{Name: "a reply is taken once its lease ended, with what was recorded", Run: takenAfterLease},
		{Name: "a taken reply is leased again and counts the attempt", Run: leasedAgain},
		{Name: "a reply of a unit of work that failed is not kept", Run: rolledBack},
		{Name: "a delivered reply is forgotten, once", Run: forgotten},
		{Name: "how far a delivery went is kept", Run: progress},
		{Name: "the oldest are taken first, at most the limit", Run: oldestFirst},
		{Name: "sweeps at once take each reply once", Run: sweepsAtOnce},
	})
}

func record(t *testing.T, uow app.UnitOfWork, update int64, payload string) int64 {
	t.Helper()
	var id int64
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
		var err error
		id, err = r.Replies.Record(ctx, app.OutboxReply{BotID: 7, UpdateID: update, Payload: []byte(payload), LeaseUntil: lease, CreatedAt: fixture.T0})
		return err
	})
	require.Positive(t, id)
	return id
}

func take(t *testing.T, uow app.UnitOfWork, now, until time.Time, limit int) []app.OutboxReply {
	t.Helper()
	var got []app.OutboxReply
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
		var err error
		got, err = r.Replies.TakeDue(ctx, now, until, limit)
		return err
	})
	return got
}

func ids(rs []app.OutboxReply) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func takenAfterLease(t *testing.T, uow app.UnitOfWork, _ struct{}) {
	id := record(t, uow, 100, `{"v":1}`)
	assert.Empty(t, take(t, uow, lease.Add(-time.Second), lease.Add(time.Hour), 10), "not before its lease ends")
	got := take(t, uow, lease, lease.Add(time.Hour), 10)
	require.Len(t, got, 1)
	r := got[0]
	assert.Equal(t, id, r.ID)
	assert.Equal(t, int64(7), r.BotID)
	assert.Equal(t, int64(100), r.UpdateID)
	assert.Equal(t, []byte(`{"v":1}`), r.Payload)
	assert.Zero(t, r.Delivered)
	assert.False(t, r.Uncertain)
	assert.True(t, fixture.T0.Equal(r.CreatedAt), "recorded at %v, not %v", fixture.T0, r.CreatedAt)
}

func leasedAgain(t *testing.T, uow app.UnitOfWork, _ struct{}) {
	record(t, uow, 100, "a")
	until := lease.Add(time.Minute)
	got := take(t, uow, lease, until, 10)
	require.Len(t, got, 1)
	assert.Equal(t, 1, got[0].Attempts)
	assert.True(t, until.Equal(got[0].LeaseUntil), "leased until %v, not %v", until, got[0].LeaseUntil)
	assert.Empty(t, take(t, uow, until.Add(-time.Second), until.Add(time.Hour), 10), "held by the sweep that took it")
	again := take(t, uow, until, until.Add(time.Hour), 10)
	require.Len(t, again, 1)
	assert.Equal(t, 2, again[0].Attempts)
}

func rolledBack(t *testing.T, uow app.UnitOfWork, _ struct{}) {
	boom := errors.New("the update failed")
	err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		if _, err := r.Replies.Record(ctx, app.OutboxReply{BotID: 7, UpdateID: 1, Payload: []byte("x"), LeaseUntil: lease}); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Empty(t, take(t, uow, lease.Add(time.Hour), lease.Add(2*time.Hour), 10))
}

func forgotten(t *testing.T, uow app.UnitOfWork, _ struct{}) {
	a, b := record(t, uow, 1, "a"), record(t, uow, 2, "b")
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
		n, err := r.Replies.Delivered(ctx, []int64{a})
		assert.Equal(t, 1, n)
		return err
	})
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
		n, err := r.Replies.Delivered(ctx, []int64{a, a + b + 1000})
		assert.Zero(t, n, "forgotten already, or never there")
		if err != nil {
			return err
		}
		n, err = r.Replies.Delivered(ctx, nil)
		assert.Zero(t, n)
		return err
	})
	assert.Equal(t, []int64{b}, ids(take(t, uow, lease, lease.Add(time.Hour), 10)))
}

func progress(t *testing.T, uow app.UnitOfWork, _ struct{}) {
	id := record(t, uow, 1, "a")
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Replies.Progress(ctx, id, 2, true) })
	got := take(t, uow, lease, lease.Add(time.Hour), 10)
	require.Len(t, got, 1)
	assert.Equal(t, 2, got[0].Delivered)
	assert.True(t, got[0].Uncertain)
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Replies.Progress(ctx, id, 3, false) })
	got = take(t, uow, lease.Add(time.Hour), lease.Add(2*time.Hour), 10)
	require.Len(t, got, 1)
	assert.Equal(t, 3, got[0].Delivered)
	assert.False(t, got[0].Uncertain)
	err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error { return r.Replies.Progress(ctx, id+1000, 1, false) })
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

func oldestFirst(t *testing.T, uow app.UnitOfWork, _ struct{}) {
	var want []int64
	for i := range 5 {
		want = append(want, record(t, uow, int64(i), fmt.Sprint(i)))
	}
	assert.Equal(t, want[:3], ids(take(t, uow, lease, lease.Add(time.Hour), 3)))
	assert.Equal(t, want[3:], ids(take(t, uow, lease, lease.Add(time.Hour), 3)))
}

// sweepsAtOnce has four sweeps take replies at the same time until none is left: each reply is
// taken by exactly one of them.
func sweepsAtOnce(t *testing.T, uow app.UnitOfWork, _ struct{}) {
	const n = 40
	for i := range n {
		record(t, uow, int64(i), "r")
	}
	var mu sync.Mutex
	taken := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				var got []app.OutboxReply
				err := uow.Do(context.Background(), func(ctx context.Context, r app.Repos) error {
					var err error
					got, err = r.Replies.TakeDue(ctx, lease, lease.Add(time.Hour), 3)
					return err
				})
				if !assert.NoError(t, err) || len(got) == 0 {
					return
				}
				mu.Lock()
				for _, r := range got {
					taken[r.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Len(t, taken, n, "every reply taken")
	for id, times := range taken {
		assert.Equal(t, 1, times, "reply %d taken once", id)
	}
}
