package telegram

import (
	"sync"
	"time"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
)

// Traffic counts, over sliding windows, the updates this instance handled and the 429 answers
// the Bot API gave it, for the admins' /stats. A nil *Traffic counts nothing.
type Traffic struct {
	now     func() time.Time
	updates *slidingCount // per second, over the last minute
	floods  *slidingCount // per minute, over the last hour
}

// NewTraffic makes empty counters on the real clock.
func NewTraffic() *Traffic { return NewTrafficAt(time.Now) }

// NewTrafficAt makes empty counters on the clock now (tests pass a fake one).
func NewTrafficAt(now func() time.Time) *Traffic {
	return &Traffic{now: now, updates: newSlidingCount(time.Second, 60), floods: newSlidingCount(time.Minute, 60)}
}

func (t *Traffic) noteUpdate() {
	if t != nil {
		t.updates.add(t.now())
	}
}

// noteFloodWait is the flood transport's OnFloodWait hook.
func (t *Traffic) noteFloodWait(string, time.Duration) {
	if t != nil {
		t.floods.add(t.now())
	}
}

// View reads the counters.
func (t *Traffic) View() views.TrafficView {
	if t == nil {
		return views.TrafficView{}
	}
	now := t.now()
	return views.TrafficView{
		UpdatesPerSecond: float64(t.updates.sum(now)) / t.updates.window().Seconds(),
		FloodWaits:       t.floods.sum(now),
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

func (c *slidingCount) add(now time.Time) {
	i := now.UnixNano() / int64(c.width)
	c.mu.Lock()
	defer c.mu.Unlock()
	s := &c.slots[i%int64(len(c.slots))]
	if s.index != i {
		*s = slot{index: i}
	}
	s.n++
}

func (c *slidingCount) sum(now time.Time) int {
	i := now.UnixNano() / int64(c.width)
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
