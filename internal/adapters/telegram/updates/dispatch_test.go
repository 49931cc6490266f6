package updates

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/app"
)

// scriptedHandler records the order updates were handled in and fails or panics on request.
type scriptedHandler struct {
	mu        sync.Mutex
	order     map[int64][]int64 // chat -> update ids
	running   atomic.Int32
	peak      atomic.Int32
	fail      map[int64]int // update id -> failures left
	panics    map[int64]bool
	parked    []int64
	causes    map[int64]error
	tries     map[int64]int // update id -> tries when parked
	parkFails atomic.Bool   // parking fails, as it does while the database is down
	permanent map[int64]bool
	delay     time.Duration
}

func newScripted() *scriptedHandler {
	return &scriptedHandler{order: map[int64][]int64{}, fail: map[int64]int{}, panics: map[int64]bool{},
		causes: map[int64]error{}, tries: map[int64]int{}, permanent: map[int64]bool{}}
}

func (h *scriptedHandler) Handle(_ context.Context, upd *models.Update) error {
	n := h.running.Add(1)
	defer h.running.Add(-1)
	for p := h.peak.Load(); n > p && !h.peak.CompareAndSwap(p, n); p = h.peak.Load() {
	}
	time.Sleep(h.delay) // simulated work, not synchronisation
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.panics[upd.ID] {
		panic("handler bug")
	}
	if h.permanent[upd.ID] {
		return fmt.Errorf("save caption: %w", app.ErrPermanent)
	}
	if h.fail[upd.ID] > 0 {
		h.fail[upd.ID]--
		return errors.New("database unavailable")
	}
	chat := chatOf(upd)
	h.order[chat] = append(h.order[chat], upd.ID)
	return nil
}

func (h *scriptedHandler) Park(_ context.Context, upd *models.Update, cause error, attempts int) error {
	if h.parkFails.Load() {
		return errors.New("database unavailable")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.parked = append(h.parked, upd.ID)
	h.causes[upd.ID] = cause
	h.tries[upd.ID] = attempts
	return nil
}

func (h *scriptedHandler) Label(*models.Update) string { return "text" }

// observations records what a Dispatcher told its Observe, as the adapter's metrics count it.
type observations struct {
	mu     sync.Mutex
	counts map[[2]string]int // kind, outcome -> updates
}

func (o *observations) observe(kind, outcome string, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.counts == nil {
		o.counts = map[[2]string]int{}
	}
	o.counts[[2]string{kind, outcome}]++
}

// count is how many updates of kind had outcome, as a float like a Prometheus counter's value.
func (o *observations) count(kind, outcome string) float64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return float64(o.counts[[2]string{kind, outcome}])
}

func textUpdate(id, chat int64) *models.Update {
	return &models.Update{ID: id, Message: &models.Message{Chat: models.Chat{ID: chat}, From: &models.User{ID: chat}, Text: "x"}}
}

func TestDispatcherKeepsEachChatInOrderAndBoundsConcurrency(t *testing.T) {
	h := newScripted()
	h.delay = 2 * time.Millisecond
	d := NewDispatcher(h, zaptest.NewLogger(t), 3, time.Second, nil)
	var updates []*models.Update
	for i := int64(1); i <= 60; i++ {
		updates = append(updates, textUpdate(i, i%6+1)) // chat 0 means "no chat": nothing to keep in order
	}
	handled := d.Run(make(chan struct{}), updates)
	assert.Len(t, handled, 60)
	for chat, ids := range h.order {
		assert.IsIncreasing(t, ids, "chat %d", chat)
		assert.Len(t, ids, 10)
	}
	assert.LessOrEqual(t, h.peak.Load(), int32(3))
	assert.Greater(t, h.peak.Load(), int32(1), "different chats run concurrently")
}

func TestDispatcherRetriesAnUpdateThatKeepsFailingThenParksItAndItsChatGoesOn(t *testing.T) {
	h := newScripted()
	h.fail[2] = 100 // fails every retry
	h.fail[4] = 1   // succeeds on the second try
	d := NewDispatcher(h, zaptest.NewLogger(t), 4, time.Second, nil)
	d.retryWait, d.retryCap = time.Millisecond, time.Millisecond
	handled := d.Run(make(chan struct{}), []*models.Update{textUpdate(1, 7), textUpdate(2, 7), textUpdate(3, 7), textUpdate(4, 8)})
	assert.Equal(t, map[int64]bool{1: true, 2: true, 3: true, 4: true}, handled)
	assert.Equal(t, []int64{1, 3}, h.order[7], "update 3 waits behind update 2 of the same chat, then follows it")
	assert.Equal(t, []int64{2}, h.parked)
	perHandling := d.retries + 1
	assert.Equal(t, d.parkAfter*perHandling, h.tries[2], "parked after a bounded number of tries")
	assert.Equal(t, 100-d.parkAfter*perHandling, h.fail[2])
	assert.False(t, app.Permanent(h.causes[2]))
}

func TestDispatcherParksAPermanentFailureAtOnce(t *testing.T) {
	h := newScripted()
	h.permanent[1] = true
	observed := &observations{}
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, time.Second, observed.observe)
	handled := d.Run(make(chan struct{}), []*models.Update{textUpdate(1, 7), textUpdate(2, 7)})
	assert.Equal(t, 1.0, observed.count("message", "parked"), "counted in /metrics")
	assert.Equal(t, map[int64]bool{1: true, 2: true}, handled)
	assert.Equal(t, []int64{1}, h.parked)
	assert.Equal(t, 1, h.tries[1], "a permanent failure is not tried again")
	assert.ErrorIs(t, h.causes[1], app.ErrPermanent)
	assert.Equal(t, []int64{2}, h.order[7])
}

// TestAnUpdateThatCannotBeParkedIsTriedUntilTheQueueStops: while the database is down nothing
// can be recorded, so nothing is given up on.
func TestAnUpdateThatCannotBeParkedIsTriedUntilTheQueueStops(t *testing.T) {
	h := newScripted()
	h.fail[1] = 1 << 30
	h.parkFails.Store(true)
	d := NewDispatcher(h, zaptest.NewLogger(t), 2, time.Second, nil)
	d.retryWait, d.retryCap = time.Millisecond, time.Millisecond
	stop := make(chan struct{})
	results := make(chan bool, 2)
	q := d.NewQueue(stop, func(_ *models.Update, handled bool) { results <- handled })
	q.Push(textUpdate(1, 7))
	q.Push(textUpdate(2, 7))
	require.Eventually(t, func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return h.fail[1] < 1<<30-3*d.parkAfter*(d.retries+1)
	}, wait, time.Millisecond, "tried well past the parking bound")
	close(stop)
	q.Wait()
	assert.Equal(t, []bool{false, false}, []bool{<-results, <-results}, "neither done: both delivered again")
	assert.Empty(t, h.order[7])
}

func TestDispatcherRecoversAPanicAndParksTheUpdate(t *testing.T) {
	h := newScripted()
	h.panics[1] = true
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, time.Second, nil)
	handled := d.Run(make(chan struct{}), []*models.Update{textUpdate(1, 5), textUpdate(2, 5)})
	assert.Equal(t, map[int64]bool{1: true, 2: true}, handled)
	assert.Equal(t, []int64{1}, h.parked)
	assert.ErrorContains(t, h.causes[1], "handler bug")
}

func TestDispatcherStartsNothingAfterStop(t *testing.T) {
	h := newScripted()
	stop := make(chan struct{})
	close(stop)
	d := NewDispatcher(h, zaptest.NewLogger(t), 2, time.Second, nil)
	assert.Empty(t, d.Run(stop, []*models.Update{textUpdate(1, 5), textUpdate(2, 6)}))
}

func TestThePollWindowConfirmsOnlyUpToTheOldestUpdateNotDone(t *testing.T) {
	w := newPollWindow()
	ups := rawUpdates(t, 12, 10, 11)
	fresh, err := w.admit(ups)
	require.NoError(t, err)
	require.Len(t, fresh, 3)
	assert.Equal(t, []int64{10, 11, 12}, []int64{fresh[0].ID, fresh[1].ID, fresh[2].ID}, "in id order")
	assert.Equal(t, int64(10), w.offset(), "nothing done: stays at the first")
	w.finish(10, true)
	w.finish(12, true)
	assert.Equal(t, int64(11), w.offset(), "a gap stops at the first not done")
	w.confirmed(11)
	fresh, err = w.admit(ups)
	require.NoError(t, err)
	assert.Empty(t, fresh, "updates held or done are not handled again")
	w.finish(11, false)
	assert.Equal(t, int64(11), w.offset(), "one left when stopping is delivered again")
	w.finish(11, true)
	assert.Equal(t, int64(13), w.offset(), "all done moves past the last")
	w.confirmed(13)
	assert.Empty(t, w.held, "what Telegram confirmed is forgotten")
	fresh, err = w.admit(rawUpdates(t, 13))
	require.NoError(t, err)
	assert.Len(t, fresh, 1)
}

// rawUpdates are text updates with ids, as getUpdates answers them.
func rawUpdates(t *testing.T, ids ...int64) []json.RawMessage {
	var out []json.RawMessage
	for _, id := range ids {
		b, err := json.Marshal(textUpdate(id, 5))
		require.NoError(t, err)
		out = append(out, b)
	}
	return out
}

const wait = 5 * time.Second
