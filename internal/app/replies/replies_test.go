package replies_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/app/replies"
)

var t0 = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

func newOutbox() (*replies.Outbox, *memory.Store, *memory.Clock) {
	s, clock := memory.NewStore(), memory.NewClock(t0)
	return replies.New(s.UnitOfWork(), clock, replies.Config{Lease: 30 * time.Second}), s, clock
}

func TestAReplyIsDueOnceItsLeaseAndItsTimePerActionEnded(t *testing.T) {
	o, _, clock := newOutbox()
	id, err := o.Record(t.Context(), 7, 100, []byte("p"), 3)
	require.NoError(t, err)
	clock.Advance(32 * time.Second)
	due, _, err := o.Due(t.Context(), 10)
	require.NoError(t, err)
	assert.Empty(t, due, "30 s and a second for each of its 3 actions")
	clock.Advance(time.Second)
	due, _, err = o.Due(t.Context(), 10)
	require.NoError(t, err)
	require.Len(t, due, 1)
	assert.Equal(t, id, due[0].ID)
	assert.Equal(t, []byte("p"), due[0].Payload)
}

func TestAReplyIsRecordedOnlyIfItsUpdateCommits(t *testing.T) {
	o, s, clock := newOutbox()
	boom := errors.New("the update failed")
	err := s.UnitOfWork().Do(t.Context(), func(ctx context.Context, _ app.Repos) error {
		if _, err := o.Record(ctx, 7, 1, []byte("p"), 1); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	clock.Advance(time.Hour)
	due, _, err := o.Due(t.Context(), 10)
	require.NoError(t, err)
	assert.Empty(t, due)
}

func TestAStalledDeliveryKeepsItsProgressAndAsksForOneSweep(t *testing.T) {
	o, s, clock := newOutbox()
	a, err := o.Record(t.Context(), 7, 1, []byte("a"), 1)
	require.NoError(t, err)
	b, err := o.Record(t.Context(), 7, 2, []byte("b"), 1)
	require.NoError(t, err)
	require.NoError(t, o.Stalled(t.Context(), a, 1, true))
	require.NoError(t, o.Stalled(t.Context(), b, 0, false))
	jobs := s.Jobs()
	require.Len(t, jobs, 1, "deliveries stalled together are followed by one sweep")
	assert.Equal(t, "sweep_replies", jobs[0].Job.Kind())
	clock.Advance(time.Hour)
	due, _, err := o.Due(t.Context(), 10)
	require.NoError(t, err)
	require.Len(t, due, 2)
	assert.Equal(t, 1, due[0].Delivered)
	assert.True(t, due[0].Uncertain)
	assert.Zero(t, due[1].Delivered)
}

func TestARecordTooOldIsDroppedNotSent(t *testing.T) {
	o, _, clock := newOutbox()
	_, err := o.Record(t.Context(), 7, 1, []byte("a"), 1)
	require.NoError(t, err)
	clock.Advance(replies.MaxAge + time.Hour)
	due, dropped, err := o.Due(t.Context(), 10)
	require.NoError(t, err)
	assert.Empty(t, due)
	assert.Equal(t, 1, dropped)
}

func TestTheMarkerForgetsTheDeliveredRepliesAndFlushesOnStop(t *testing.T) {
	o, _, clock := newOutbox()
	m := replies.NewMarker(o, func(err error) { t.Errorf("mark: %v", err) })
	m.Start()
	var ids []int64
	for i := range 5 {
		id, err := o.Record(t.Context(), 7, int64(i), []byte("x"), 1)
		require.NoError(t, err)
		ids = append(ids, id)
	}
	for _, id := range ids[:4] {
		m.Done(id)
	}
	require.NoError(t, m.Stop(t.Context()))
	clock.Advance(time.Hour)
	due, _, err := o.Due(t.Context(), 10)
	require.NoError(t, err)
	require.Len(t, due, 1, "only the reply not marked is left")
	assert.Equal(t, ids[4], due[0].ID)
}

func TestTheNextRecordingForgetsWhatTheMarkerNoted(t *testing.T) {
	o, _, clock := newOutbox()
	m := replies.NewMarker(o, func(err error) { t.Errorf("mark: %v", err) }) // not started: no statement of its own
	first, err := o.Record(t.Context(), 7, 1, []byte("x"), 1)
	require.NoError(t, err)
	m.Done(first)
	second, err := o.Record(t.Context(), 7, 2, []byte("x"), 1)
	require.NoError(t, err)
	clock.Advance(time.Hour)
	due, _, err := o.Due(t.Context(), 10)
	require.NoError(t, err)
	require.Len(t, due, 1, "the reply noted delivered is forgotten with the next one's recording")
	assert.Equal(t, second, due[0].ID)
}
