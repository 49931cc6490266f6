// Package traffic counts, for the admins' /stats, the updates the bot handles and the 429
// answers the Bot API gives it: this instance's, and every instance's when the counts are shared.
package traffic

import (
	"context"
	"strconv"
	"sync"
	"time"

	"go.uber.org/zap"
)

// Shared are counts every instance of the bot adds to (Redis, when set), so /stats shows
// the traffic of them all. An error means the store cannot be reached.
type Shared interface {
	// Add adds each count to its key; a key is kept for keep after its last add.
	Add(ctx context.Context, counts map[string]int, keep time.Duration) error
	// Sum adds up keys, a missing one counting 0.
	Sum(ctx context.Context, keys []string) (int, error)
}

// Counter counts, over sliding windows, the updates the bot handled and the 429 answers the Bot
// API gave it, for the admins' /stats: this instance's in the process and, when there are shared
// counts, everyone's there (this instance's added once a second, FlushEvery). A nil *Counter
// counts nothing.
type Counter struct {
	now     func() time.Time
	updates *slidingCount // per second, over the last minute
	floods  *slidingCount // per minute, over the last hour

	shared  Shared // nil: this instance's counts are all there is
	mu      sync.Mutex
	pending map[string]int // added here, not yet to the shared counts

	stop, done chan struct{} // of the flushes Start began
}

// FlushEvery is how often an instance adds its counts to the shared ones.
const FlushEvery = time.Second

const (
	updatesCounter = "traffic:updates:"
	floodsCounter  = "traffic:floods:"
)

// New makes empty counters on the real clock.
func New() *Counter { return NewAt(time.Now) }

// NewAt makes empty counters on the clock now (tests pass a fake one).
func NewAt(now func() time.Time) *Counter {
	return &Counter{now: now, updates: newSlidingCount(time.Second, 60), floods: newSlidingCount(time.Minute, 60)}
}

// NewShared makes counters that are also added to shared, where View reads them.
func NewShared(shared Shared, now func() time.Time) *Counter {
	t := NewAt(now)
	t.shared, t.pending = shared, map[string]int{}
	return t
}

// NoteUpdate counts an update handled.
func (t *Counter) NoteUpdate() {
	if t != nil {
		t.note(t.updates, updatesCounter)
	}
}

// NoteFloodWait counts a 429 answer: the flood transport's OnFloodWait hook.
func (t *Counter) NoteFloodWait(string, time.Duration) {
	if t != nil {
		t.note(t.floods, floodsCounter)
	}
}

func (t *Counter) note(c *slidingCount, counter string) {
	now := t.now()
	c.add(now)
	if t.shared != nil {
		t.mu.Lock()
		t.pending[counter+strconv.FormatInt(c.index(now), 10)]++
		t.mu.Unlock()
	}
}

// Flush adds this instance's counts since the last flush to the shared ones. Those it could not
// add are dropped: the shared counts are then short of them, this instance's own are not.
func (t *Counter) Flush(ctx context.Context) error {
	if t == nil || t.shared == nil {
		return nil
	}
	t.mu.Lock()
	pending := t.pending
	t.pending = map[string]int{}
	t.mu.Unlock()
	return t.shared.Add(ctx, pending, t.floods.window()+t.floods.width)
}

// Reading is what the counters say at one moment.
type Reading struct {
	UpdatesPerSecond float64 // updates handled, on average over the last minute
	FloodWaits       int     // 429 answers in the last hour
}

// Read reads the counters: everyone's when they are shared and the store answers, this
// instance's otherwise.
func (t *Counter) Read(ctx context.Context) Reading {
	if t == nil {
		return Reading{}
	}
	now := t.now()
	updates, floods := t.updates.sum(now), t.floods.sum(now)
	if t.shared != nil && t.Flush(ctx) == nil {
		allUpdates, err := t.shared.Sum(ctx, t.updates.keys(updatesCounter, now))
		allFloods, err2 := t.shared.Sum(ctx, t.floods.keys(floodsCounter, now))
		if err == nil && err2 == nil {
			updates, floods = allUpdates, allFloods
		}
	}
	return Reading{UpdatesPerSecond: float64(updates) / t.updates.window().Seconds(), FloodWaits: floods}
}

// Start adds the counts to the shared ones every FlushEvery, until Stop; counters that are not
// shared have nothing to add.
func (t *Counter) Start(log *zap.Logger) {
	if t == nil || t.shared == nil {
		return
	}
	t.stop, t.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(t.done)
		t.flushUntil(t.stop, log)
	}()
}

// Stop ends what Start began, adding the counts once more, and waits for that at most until
// ctx is done.
func (t *Counter) Stop(ctx context.Context) error {
	if t == nil || t.stop == nil {
		return nil
	}
	close(t.stop)
	select {
	case <-t.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// flushUntil adds the counts to the shared ones every FlushEvery until stop is closed, and once
// more then.
func (t *Counter) flushUntil(stop <-chan struct{}, log *zap.Logger) {
	ticker := time.NewTicker(FlushEvery)
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_ = t.Flush(ctx)
			return
		case <-ticker.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		if err := t.Flush(ctx); err != nil {
			log.Debug("traffic counts not shared", zap.Error(err)) // the store says it is down, once
		}
		cancel()
	}
}

// slidingCount counts events in a ring of slots of one width each; the sum covers the last
// len(slots) slots, the current one included.
type slidingCount struct {
	width time.Duration
	mu    sync.Mutex
	slots []slot
}

type slot struct {
	index int64 // which width-long stretch of time since the epoch the slot counts
	n     int
}

func newSlidingCount(width time.Duration, slots int) *slidingCount {
	return &slidingCount{width: width, slots: make([]slot, slots)}
}

func (c *slidingCount) window() time.Duration { return c.width * time.Duration(len(c.slots)) }

// index is the number of the width-long stretch of time since the epoch now is in.
func (c *slidingCount) index(now time.Time) int64 { return now.UnixNano() / int64(c.width) }

// keys name the shared counts of the slots the sum at now covers.
func (c *slidingCount) keys(counter string, now time.Time) []string {
	i := c.index(now)
	keys := make([]string, len(c.slots))
	for k := range keys {
		keys[k] = counter + strconv.FormatInt(i-int64(k), 10)
	}
	return keys
}

func (c *slidingCount) add(now time.Time) {
	i := c.index(now)
	c.mu.Lock()
	defer c.mu.Unlock()
	s := &c.slots[i%int64(len(c.slots))]
	if s.index != i {
		*s = slot{index: i}
	}
	s.n++
}

func (c *slidingCount) sum(now time.Time) int {
	i := c.index(now)
	c.mu.Lock()
	defer c.mu.Unlock()
	total := 0
	for _, s := range c.slots {
		if s.index > i-int64(len(c.slots)) && s.index <= i {
			total += s.n
		}
	}
	return total
}
