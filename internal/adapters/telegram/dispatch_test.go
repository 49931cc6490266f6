package telegram

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"go.uber.org/zap/zaptest"
)

// scriptedHandler records the order updates were handled in and fails or panics on request.
type scriptedHandler struct {
	mu         sync.Mutex
	order      map[int64][]int64 // chat -> update ids
	running    atomic.Int32
	peak       atomic.Int32
	fail       map[int64]int // update id -> failures left
	panics     map[int64]bool
	apologized []int64
	delay      time.Duration
}

func newScripted() *scriptedHandler {
	return &scriptedHandler{order: map[int64][]int64{}, fail: map[int64]int{}, panics: map[int64]bool{}}
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
	if h.fail[upd.ID] > 0 {
		h.fail[upd.ID]--
		return errors.New("database unavailable")
	}
	chat := chatOf(upd)
	h.order[chat] = append(h.order[chat], upd.ID)
	return nil
}

func (h *scriptedHandler) Apologize(_ context.Context, upd *models.Update) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.apologized = append(h.apologized, upd.ID)
}

func textUpdate(id, chat int64) *models.Update {
	return &models.Update{ID: id, Message: &models.Message{Chat: models.Chat{ID: chat}, From: &models.User{ID: chat}, Text: "x"}}
}

func TestDispatcherKeepsEachChatInOrderAndBoundsConcurrency(t *testing.T) {
	h := newScripted()
	h.delay = 2 * time.Millisecond
	d := NewDispatcher(h, zaptest.NewLogger(t), 3, time.Second)
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

func TestDispatcherRetriesThenLeavesAFailingUpdateAndItsChatForRedelivery(t *testing.T) {
	h := newScripted()
	h.fail[2] = 100 // fails every retry
	h.fail[4] = 1   // succeeds on the second try
	d := NewDispatcher(h, zaptest.NewLogger(t), 4, time.Second)
	d.backoff = time.Millisecond
	handled := d.Run(make(chan struct{}), []*models.Update{textUpdate(1, 7), textUpdate(2, 7), textUpdate(3, 7), textUpdate(4, 8)})
	assert.Equal(t, map[int64]bool{1: true, 4: true}, handled)
	assert.Equal(t, []int64{1}, h.order[7], "update 3 waits behind update 2 of the same chat")
	assert.Equal(t, 100-(d.retries+1), h.fail[2])
}

func TestDispatcherRecoversAPanicAndApologizes(t *testing.T) {
	h := newScripted()
	h.panics[1] = true
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, time.Second)
	handled := d.Run(make(chan struct{}), []*models.Update{textUpdate(1, 5), textUpdate(2, 5)})
	assert.Equal(t, map[int64]bool{1: true, 2: true}, handled)
	assert.Equal(t, []int64{1}, h.apologized)
}

func TestDispatcherStartsNothingAfterStop(t *testing.T) {
	h := newScripted()
	stop := make(chan struct{})
	close(stop)
	d := NewDispatcher(h, zaptest.NewLogger(t), 2, time.Second)
	assert.Empty(t, d.Run(stop, []*models.Update{textUpdate(1, 5), textUpdate(2, 6)}))
}

func TestNextOffset(t *testing.T) {
	ups := []*models.Update{{ID: 12}, {ID: 10}, {ID: 11}}
	cases := []struct {
		name    string
		handled map[int64]bool
		want    int64
	}{
		{"all handled moves past the last", map[int64]bool{10: true, 11: true, 12: true}, 13},
		{"a gap stops at the first unhandled", map[int64]bool{10: true, 12: true}, 11},
		{"nothing handled stays at the first", map[int64]bool{}, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, nextOffset(0, ups, tc.handled))
		})
	}
}
