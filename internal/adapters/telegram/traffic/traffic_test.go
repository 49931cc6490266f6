package traffic

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
)

func TestCountsOverSlidingWindows(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	tr := NewAt(func() time.Time { return now })
	assert.Equal(t, Reading{}, tr.Read(context.Background()))

	for range 30 {
		tr.NoteUpdate()
	}
	tr.NoteFloodWait("sendMessage", time.Second)
	now = now.Add(30 * time.Second)
	for range 30 {
		tr.NoteUpdate()
	}
	assert.Equal(t, Reading{UpdatesPerSecond: 1, FloodWaits: 1}, tr.Read(context.Background()), "60 updates in the last minute")

	now = now.Add(45 * time.Second) // the first 30 updates are over a minute old
	assert.Equal(t, Reading{UpdatesPerSecond: 0.5, FloodWaits: 1}, tr.Read(context.Background()))

	now = now.Add(time.Hour) // long after: a slot reused in the ring does not count its old events
	tr.NoteUpdate()
	assert.Equal(t, Reading{UpdatesPerSecond: 1.0 / 60}, tr.Read(context.Background()))

	var none *Counter
	none.NoteUpdate()
	none.NoteFloodWait("sendMessage", time.Second)
	assert.Equal(t, Reading{}, none.Read(context.Background()), "a nil Counter counts nothing")
}

// memCounts are shared counts in memory; while failing, every call fails.
type memCounts struct {
	mu      sync.Mutex
	counts  map[string]int
	failing bool
}

func (m *memCounts) Add(_ context.Context, counts map[string]int, _ time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failing {
		return errors.New("connection refused")
	}
	for k, n := range counts {
		m.counts[k] += n
	}
	return nil
}

func (m *memCounts) Sum(_ context.Context, keys []string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failing {
		return 0, errors.New("connection refused")
	}
	total := 0
	for _, k := range keys {
		total += m.counts[k]
	}
	return total, nil
}

func TestSharedCountsEveryInstance(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	shared := &memCounts{counts: map[string]int{}}
	a, b := NewShared(shared, clock), NewShared(shared, clock)
	ctx := context.Background()
	for range 40 {
		a.NoteUpdate()
	}
	for range 20 {
		b.NoteUpdate()
	}
	b.NoteFloodWait("sendMessage", time.Second)
	require.NoError(t, b.Flush(ctx)) // b's flusher ran; a's counts go with its own View
	assert.Equal(t, Reading{UpdatesPerSecond: 1, FloodWaits: 1}, a.Read(ctx), "60 updates in the last minute, by both")

	now = now.Add(70 * time.Second)
	a.NoteUpdate()
	require.NoError(t, a.Flush(ctx))
	assert.Equal(t, Reading{UpdatesPerSecond: 1.0 / 60, FloodWaits: 1}, b.Read(ctx), "a minute later only the new update counts")

	shared.failing = true
	a.NoteUpdate()
	assert.Equal(t, Reading{UpdatesPerSecond: 2.0 / 60}, a.Read(ctx), "the store down: this instance's own counts")
}

func TestStopAddsTheLastCountsToTheSharedOnes(t *testing.T) {
	shared := &memCounts{counts: map[string]int{}}
	c := NewShared(shared, time.Now)
	c.Start(zap.NewNop())
	c.NoteUpdate()
	require.NoError(t, c.Stop(context.Background()))
	total := 0
	for _, n := range shared.counts {
		total += n
	}
	assert.Equal(t, 1, total, "the update noted before Stop is in the shared counts")
	assert.NoError(t, New().Stop(context.Background()), "counters not shared have nothing to stop")
}
