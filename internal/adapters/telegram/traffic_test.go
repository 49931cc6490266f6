package telegram

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
)

func TestTrafficCountsOverSlidingWindows(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	tr := NewTrafficAt(func() time.Time { return now })
	assert.Equal(t, views.TrafficView{}, tr.View(context.Background()))

	for range 30 {
		tr.noteUpdate()
	}
	tr.noteFloodWait("sendMessage", time.Second)
	now = now.Add(30 * time.Second)
	for range 30 {
		tr.noteUpdate()
	}
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 1, FloodWaits: 1}, tr.View(context.Background()), "60 updates in the last minute")

	now = now.Add(45 * time.Second) // the first 30 updates are over a minute old
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 0.5, FloodWaits: 1}, tr.View(context.Background()))

	now = now.Add(time.Hour) // long after: a slot reused in the ring does not count its old events
	tr.noteUpdate()
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 1.0 / 60}, tr.View(context.Background()))

	var none *Traffic
	none.noteUpdate()
	none.noteFloodWait("sendMessage", time.Second)
	assert.Equal(t, views.TrafficView{}, none.View(context.Background()), "a nil Traffic counts nothing")
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

func TestSharedTrafficCountsEveryInstance(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	shared := &memCounts{counts: map[string]int{}}
	a, b := NewSharedTraffic(shared, clock), NewSharedTraffic(shared, clock)
	ctx := context.Background()
	for range 40 {
		a.noteUpdate()
	}
	for range 20 {
		b.noteUpdate()
	}
	b.noteFloodWait("sendMessage", time.Second)
	require.NoError(t, b.Flush(ctx)) // b's flusher ran; a's counts go with its own View
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 1, FloodWaits: 1}, a.View(ctx), "60 updates in the last minute, by both")

	now = now.Add(70 * time.Second)
	a.noteUpdate()
	require.NoError(t, a.Flush(ctx))
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 1.0 / 60, FloodWaits: 1}, b.View(ctx), "a minute later only the new update counts")

	shared.failing = true
	a.noteUpdate()
	assert.Equal(t, views.TrafficView{UpdatesPerSecond: 2.0 / 60}, a.View(ctx), "the store down: this instance's own counts")
}
