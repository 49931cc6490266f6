package replies

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Marker forgets delivered replies off the path of the update: Done only notes the reply, and the
// next reply recorded takes what was noted into its unit of work (Outbox.Record: a statement
// queued with its COMMIT, no round trip more); what no recording took within linger (the bot
// idle) a goroutine forgets with one statement. A reply delivered but not yet forgotten when the
// process dies is sent again by a sweep (a duplicate, never a loss).
type Marker struct {
	outbox  *Outbox
	onError func(err error)
	mu      sync.Mutex
	pending []int64
	since   time.Time // when the oldest of pending was noted
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
}

// maxPending bounds the replies noted while the database is away: past it, the oldest notes
// are dropped (those replies are sent again by a sweep).
const maxPending = 100_000

// linger is how long a note waits for a reply's recording to take it before the marker's
// goroutine forgets it itself.
const linger = 500 * time.Millisecond

// markTimeout bounds one statement of the marker.
const markTimeout = 10 * time.Second

// NewMarker builds a Marker over outbox; onError is told when a batch could not be forgotten.
func NewMarker(outbox *Outbox, onError func(err error)) *Marker {
	m := &Marker{outbox: outbox, onError: onError, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	outbox.marks = m
	return m
}

// Done notes that reply id is delivered whole.
func (m *Marker) Done(id int64) {
	m.mu.Lock()
	if len(m.pending) == 0 {
		m.since = time.Now()
	}
	m.pending = append(m.pending, id)
	if over := len(m.pending) - maxPending; over > 0 {
		m.pending = slices.Delete(m.pending, 0, over)
	}
	m.mu.Unlock()
}

// take takes what is noted, to be forgotten by the caller's unit of work.
func (m *Marker) take() []int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := m.pending
	m.pending = nil
	return ids
}

// giveBack notes again ids taken, which the taker's unit of work did not forget.
func (m *Marker) giveBack(ids []int64) {
	if len(ids) == 0 {
		return
	}
	m.mu.Lock()
	if len(m.pending) == 0 {
		m.since = time.Now()
	}
	m.pending = append(ids, m.pending...)
	m.mu.Unlock()
}

// stale reports whether the oldest note waited linger.
func (m *Marker) stale() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.pending) > 0 && time.Since(m.since) >= linger
}

// Start runs the marker until Stop.
func (m *Marker) Start() {
	go func() {
		defer close(m.done)
		tick := time.NewTicker(linger / 4)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				if m.stale() {
					m.kick()
				}
			case <-m.wake:
				if m.flush() {
					continue
				}
				// The database is away: try again in a while.
				select {
				case <-time.After(time.Second):
					m.kick()
				case <-m.stop:
					m.flush()
					return
				}
			case <-m.stop:
				m.flush()
				return
			}
		}
	}()
}

func (m *Marker) kick() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// Stop forgets what is noted and stops; ctx bounds the wait.
func (m *Marker) Stop(ctx context.Context) error {
	close(m.stop)
	select {
	case <-m.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// flush forgets the replies noted so far; on failure they are noted again. It reports success.
func (m *Marker) flush() bool {
	m.mu.Lock()
	ids := m.pending
	m.pending = nil
	m.mu.Unlock()
	if len(ids) == 0 {
		return true
	}
	ctx, cancel := context.WithTimeout(context.Background(), markTimeout)
	defer cancel()
	if err := m.outbox.Delivered(ctx, ids); err != nil {
		m.onError(err)
		m.giveBack(ids)
		return false
	}
	return true
}
