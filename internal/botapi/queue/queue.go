// Package queue is the update queue of the local Bot API (internal/botapi): the updates waiting
// for getUpdates or a webhook delivery, with Telegram's offset rules, long polls and
// allowed_updates. It knows nothing of HTTP; botapi turns its answers into the Bot API's.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Queue holds the updates waiting for getUpdates, with Telegram's offset rules: a
// getUpdates with offset N confirms (and forgets) every update below N; unconfirmed updates are
// delivered again. It has its own lock so a long poll never holds the server's.
type Queue struct {
	mu        sync.Mutex
	nextID    int64
	pending   []models.Update // ordered by update_id
	confirmed int64           // the highest offset a getUpdates sent
	allowed   []string        // nil: every type but the opt-in ones
	poll      int64           // generation of the newest getUpdates
	waiting   int             // long polls waiting for an update
	lastPoll  time.Time       // when a getUpdates last came or went
	closed    bool
	changed   chan struct{}    // closed and replaced on any change a long poll waits for
	inFlight  map[int64]bool   // updates a webhook delivery holds
	kinds     map[int64]string // updateType of each pending update, found once when it is queued
	onConfirm func(id int64)   // Options.Confirmed; nil: nobody asked
}

// New is an empty queue whose first update gets firstID; onConfirm (may be nil) is told of
// every update a getUpdates offset or a webhook delivery confirms.
func New(firstID int64, onConfirm func(int64)) *Queue {
	return &Queue{nextID: firstID, changed: make(chan struct{}), inFlight: map[int64]bool{},
		kinds: map[int64]string{}, onConfirm: onConfirm}
}

// notify wakes every waiting long poll; the caller holds q.mu.
func (q *Queue) notify() {
	close(q.changed)
	q.changed = make(chan struct{})
}

// Push queues u, giving it the next update_id if it has none.
func (q *Queue) Push(u models.Update) models.Update {
	q.mu.Lock()
	defer q.mu.Unlock()
	if u.ID == 0 {
		u.ID = q.nextID
	}
	q.nextID = max(q.nextID, u.ID+1)
	q.kinds[u.ID] = updateType(u)
	i, found := slices.BinarySearchFunc(q.pending, u.ID, func(e models.Update, id int64) int { return cmpInt(e.ID, id) })
	if found {
		q.pending[i] = u
	} else {
		q.pending = slices.Insert(q.pending, i, u)
	}
	q.notify()
	return u
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Request is one getUpdates call.
type Request struct {
	Offset  int64
	Limit   int
	Timeout time.Duration
	Allowed []string // nil: keep the previous setting
}

// ErrTerminated ends a getUpdates that a newer one replaced, as Telegram's 409 does when two
// instances poll.
var ErrTerminated = errors.New("terminated by other getUpdates request")

// Get answers one getUpdates: it confirms below the offset, then returns what is queued from
// the offset on, waiting up to the timeout for something to arrive. A newer getUpdates ends
// this one with ErrTerminated, as Telegram does (409) when two instances poll.
func (q *Queue) Get(ctx context.Context, req Request) ([]models.Update, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.lastPoll = time.Now()
	defer func() { q.lastPoll = time.Now() }()
	q.poll++
	generation := q.poll
	q.notify()
	q.confirm(req.Offset)
	if req.Allowed != nil {
		q.allowed = req.Allowed
	}
	deadline := time.NewTimer(req.Timeout)
	defer deadline.Stop()
	for {
		if generation != q.poll {
			return nil, ErrTerminated
		}
		if batch := q.batch(req.Limit); len(batch) > 0 || q.closed {
			return batch, nil
		}
		if !q.wait(ctx, deadline.C) {
			return q.batch(req.Limit), nil
		}
	}
}

// wait releases the lock until something changes (true), or the deadline passes or ctx ends
// (false); the caller holds q.mu, and holds it again on return.
func (q *Queue) wait(ctx context.Context, deadline <-chan time.Time) bool {
	changed := q.changed
	q.waiting++
	q.mu.Unlock()
	defer func() {
		q.mu.Lock()
		q.waiting--
	}()
	select {
	case <-changed:
		return true
	case <-deadline:
		return false
	case <-ctx.Done():
		return false
	}
}

// confirm forgets the updates below offset. A negative offset keeps only the last -offset
// updates, as in Telegram.
func (q *Queue) confirm(offset int64) {
	switch {
	case offset > 0:
		q.confirmed = max(q.confirmed, offset)
		i := 0
		for i < len(q.pending) && q.pending[i].ID < offset {
			delete(q.kinds, q.pending[i].ID)
			if q.onConfirm != nil {
				q.onConfirm(q.pending[i].ID)
			}
			i++
		}
		q.pending = slices.Delete(q.pending, 0, i)
	case offset < 0:
		if keep := int(-offset); keep < len(q.pending) {
			for _, u := range q.pending[:len(q.pending)-keep] {
				delete(q.kinds, u.ID)
			}
			q.pending = slices.Delete(q.pending, 0, len(q.pending)-keep)
		}
	}
}

// batch is the first limit pending updates of an allowed type; updates of other types are
// dropped, since Telegram would not have produced them.
func (q *Queue) batch(limit int) []models.Update {
	q.pending = slices.DeleteFunc(q.pending, func(u models.Update) bool {
		if q.allows(u) {
			return false
		}
		delete(q.kinds, u.ID)
		return true
	})
	out := make([]models.Update, min(limit, len(q.pending))) // never nil: the answer is [] not null
	copy(out, q.pending)
	return out
}

// optIn are the update types Telegram sends only when asked for by name.
var optIn = []string{models.AllowedUpdateChatMember, models.AllowedUpdateMessageReaction, models.AllowedUpdateMessageReactionCount}

func (q *Queue) allows(u models.Update) bool {
	kind, ok := q.kinds[u.ID]
	if !ok {
		kind = updateType(u)
	}
	if len(q.allowed) == 0 {
		return !slices.Contains(optIn, kind)
	}
	return slices.Contains(q.allowed, kind)
}

// updateType is the name of the update's one optional field ("message", "callback_query" …).
func updateType(u models.Update) string {
	raw, err := json.Marshal(&u)
	if err != nil {
		return ""
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return ""
	}
	for k := range fields {
		if k != "update_id" {
			return k
		}
	}
	return ""
}

// Next waits for the oldest pending update of an allowed type that no other delivery holds,
// for a webhook delivery, and holds it until Remove or Release; false when ctx ended or the
// queue closed.
func (q *Queue) Next(ctx context.Context) (models.Update, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for !q.closed && ctx.Err() == nil {
		q.batch(0) // drops the updates of types not allowed
		for _, u := range q.pending {
			if !q.inFlight[u.ID] {
				q.inFlight[u.ID] = true
				return u, true
			}
		}
		changed := q.changed
		q.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
		}
		q.mu.Lock()
	}
	return models.Update{}, false
}

// Remove forgets a delivered update.
func (q *Queue) Remove(id int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.inFlight, id)
	delete(q.kinds, id)
	n := len(q.pending)
	q.pending = slices.DeleteFunc(q.pending, func(u models.Update) bool { return u.ID == id })
	if q.onConfirm != nil && len(q.pending) < n {
		q.onConfirm(id)
	}
	q.notify()
}

// Release lets another delivery take an update whose delivery failed.
func (q *Queue) Release(id int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.inFlight, id)
	q.notify()
}

// SetAllowed sets the update types delivered (allowed_updates); nil is every type but the opt-in ones.
func (q *Queue) SetAllowed(allowed []string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.allowed = allowed
	q.notify()
}

// DropPending forgets every queued update (drop_pending_updates).
func (q *Queue) DropPending() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = nil
	q.kinds = map[int64]string{}
}

// Len is the number of queued updates not confirmed yet.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.pending)
}

// Confirmed is the highest offset a getUpdates sent.
func (q *Queue) Confirmed() int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.confirmed
}

// Close ends every long poll and makes new ones return at once.
func (q *Queue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.notify()
}

// Waiting is the number of long polls waiting for an update.
func (q *Queue) Waiting() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waiting
}

// Polled tells whether a getUpdates waits now or came or went less than within ago.
func (q *Queue) Polled(within time.Duration) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waiting > 0 || (!q.lastPoll.IsZero() && time.Since(q.lastPoll) < within)
}
