package botapi

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// updateQueue holds the updates waiting for getUpdates, with Telegram's offset rules: a
// getUpdates with offset N confirms (and forgets) every update below N; unconfirmed updates are
// delivered again. It has its own lock so a long poll never holds the server's.
type updateQueue struct {
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

func newUpdateQueue(firstID int64, onConfirm func(int64)) *updateQueue {
	return &updateQueue{nextID: firstID, changed: make(chan struct{}), inFlight: map[int64]bool{},
		kinds: map[int64]string{}, onConfirm: onConfirm}
}

// notify wakes every waiting long poll; the caller holds q.mu.
func (q *updateQueue) notify() {
	close(q.changed)
	q.changed = make(chan struct{})
}

// push queues u, giving it the next update_id if it has none.
func (q *updateQueue) push(u models.Update) models.Update {
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

type getUpdatesRequest struct {
	offset  int64
	limit   int
	timeout time.Duration
	allowed []string // nil: keep the previous setting
}

var errTerminated = APIError{Code: http.StatusConflict,
	Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}

// get answers one getUpdates: it confirms below the offset, then returns what is queued from
// the offset on, waiting up to the timeout for something to arrive. A newer getUpdates ends
// this one with 409, as Telegram does when two instances poll.
func (q *updateQueue) get(ctx context.Context, req getUpdatesRequest) ([]models.Update, *APIError) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.lastPoll = time.Now()
	defer func() { q.lastPoll = time.Now() }()
	q.poll++
	generation := q.poll
	q.notify()
	q.confirm(req.offset)
	if req.allowed != nil {
		q.allowed = req.allowed
	}
	deadline := time.NewTimer(req.timeout)
	defer deadline.Stop()
	for {
		if generation != q.poll {
			return nil, &errTerminated
		}
		if batch := q.batch(req.limit); len(batch) > 0 || q.closed {
			return batch, nil
		}
		if !q.wait(ctx, deadline.C) {
			return q.batch(req.limit), nil
		}
	}
}

// wait releases the lock until something changes (true), or the deadline passes or ctx ends
// (false); the caller holds q.mu, and holds it again on return.
func (q *updateQueue) wait(ctx context.Context, deadline <-chan time.Time) bool {
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
func (q *updateQueue) confirm(offset int64) {
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
func (q *updateQueue) batch(limit int) []models.Update {
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

func (q *updateQueue) allows(u models.Update) bool {
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

// next waits for the oldest pending update of an allowed type that no other delivery holds,
// for a webhook delivery, and holds it until remove or release; false when ctx ended or the
// queue closed.
func (q *updateQueue) next(ctx context.Context) (models.Update, bool) {
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

// remove forgets a delivered update.
func (q *updateQueue) remove(id int64) {
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

// release lets another delivery take an update whose delivery failed.
func (q *updateQueue) release(id int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.inFlight, id)
	q.notify()
}

func (q *updateQueue) setAllowed(allowed []string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.allowed = allowed
	q.notify()
}

func (q *updateQueue) dropPending() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = nil
	q.kinds = map[int64]string{}
}

func (q *updateQueue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.pending)
}

func (q *updateQueue) confirmedOffset() int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.confirmed
}

// close ends every long poll and makes new ones return at once.
func (q *updateQueue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.notify()
}

// Enqueue queues a raw update for getUpdates, giving it the next update_id if its ID is 0; an
// update with an ID keeps it, even one already confirmed (to replay a delivery). Its message, if
// any, joins the chat, so the bot can reply to it, edit or delete it.
func (s *Server) Enqueue(u models.Update) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.Message != nil {
		m := *u.Message // the caller's message stays untouched
		s.remember(&m)
		u.Message = &m
	}
	return s.updates.push(u)
}

// ConfirmedOffset is the highest offset a getUpdates call has sent: every update below it was
// confirmed and dropped.
func (s *Server) ConfirmedOffset() int64 { return s.updates.confirmedOffset() }

// Pending is the number of queued updates not confirmed yet (delivered or not).
func (s *Server) Pending() int { return s.updates.len() }

// onlineWithin is how long after its last getUpdates a bot still counts as taking updates: the
// pause between two long polls while it handles what it got.
const onlineWithin = 5 * time.Second

// Online tells whether a bot takes updates: a getUpdates waits or came lately, or a webhook is set.
func (s *Server) Online() bool {
	s.mu.Lock()
	hooked := s.webhook.info.URL != ""
	s.mu.Unlock()
	s.updates.mu.Lock()
	defer s.updates.mu.Unlock()
	return hooked || s.updates.waiting > 0 || (!s.updates.lastPoll.IsZero() && time.Since(s.updates.lastPoll) < onlineWithin)
}

// Waiting is the number of getUpdates long polls waiting for an update: more than zero while a
// bot polls.
func (s *Server) Waiting() int {
	s.updates.mu.Lock()
	defer s.updates.mu.Unlock()
	return s.updates.waiting
}

func (s *Server) serveGetUpdates(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	fault := s.takeFault("getUpdates")
	hooked := s.webhook.info.URL != ""
	s.mu.Unlock()
	switch {
	case fault != nil:
		writeError(w, *fault)
		return
	case hooked:
		writeError(w, APIError{Code: http.StatusConflict,
			Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
		return
	}
	req, apiErr := parseGetUpdates(p)
	if apiErr != nil {
		writeError(w, *apiErr)
		return
	}
	batch, apiErr := s.updates.get(r.Context(), req)
	if apiErr != nil {
		writeError(w, *apiErr)
		return
	}
	writeResult(w, batch)
}

func parseGetUpdates(p params) (getUpdatesRequest, *APIError) {
	offset, err1 := p.int64("offset")
	limit, err2 := p.int64("limit")
	timeout, err3 := p.int64("timeout")
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			return getUpdatesRequest{}, badRequest(err.Error())
		}
	}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	req := getUpdatesRequest{offset: offset, limit: int(limit), timeout: time.Duration(max(timeout, 0)) * time.Second}
	if raw, ok := p["allowed_updates"]; ok && raw != "" {
		req.allowed = []string{}
		if json.Unmarshal([]byte(raw), &req.allowed) != nil {
			return getUpdatesRequest{}, badRequest("can't parse allowed_updates JSON array")
		}
	}
	return req, nil
}
