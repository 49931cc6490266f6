package updates

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/logging"
)

func TestChatLocksLetOneUpdateOfAChatRunAtATime(t *testing.T) {
	locks := newChatLocks()
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock, err := locks.lock(t.Context, 7)
			if !assert.NoError(t, err) {
				return
			}
			n := running.Add(1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			running.Add(-1)
			unlock()
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(1), peak.Load())
	assert.Zero(t, locks.size(), "no entry is left behind")
}

func TestChatLocksOfDifferentChatsAreIndependentAndWaitingEndsWithTheContext(t *testing.T) {
	locks := newChatLocks()
	unlock7, err := locks.lock(t.Context, 7)
	require.NoError(t, err)
	unlock8, err := locks.lock(t.Context, 8)
	require.NoError(t, err, "another chat does not wait")
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err = locks.lock(func() context.Context { return ctx }, 7)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	unlock7()
	unlock8()
	assert.Zero(t, locks.size())
}

func TestRequestIDsAreShortAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewRequestID()
		assert.Len(t, id, 12)
		assert.False(t, seen[id], "repeated %s", id)
		seen[id] = true
	}
}

// loggingHandler logs through the update's logger, as the router does.
type loggingHandler struct{ *scriptedHandler }

func (h loggingHandler) Handle(ctx context.Context, upd *models.Update) error {
	logging.FromContext(ctx, zap.NewNop()).Info("inside the handler")
	if upd.ID == 2 {
		NoteDuplicate(ctx)
	}
	return h.scriptedHandler.Handle(ctx, upd)
}

func TestEveryLogLineOfAnUpdateCarriesItsRequestIDAndTheLastOneItsOutcome(t *testing.T) {
	core, logs := observer.New(zapcore.InfoLevel)
	h := loggingHandler{newScripted()}
	h.panics[3] = true
	observed := &observations{}
	d := NewDispatcher(h, zap.New(core), 2, time.Second, observed.observe)
	d.Run(make(chan struct{}), []*models.Update{textUpdate(1, 5), textUpdate(2, 5), textUpdate(3, 6)})

	byRequest := map[string][]observer.LoggedEntry{}
	for _, e := range logs.All() {
		id, ok := e.ContextMap()["request_id"].(string)
		require.True(t, ok, "no request_id in %q", e.Message)
		byRequest[id] = append(byRequest[id], e)
	}
	require.Len(t, byRequest, 3, "one request id per update")
	outcomes := map[int64]string{}
	for _, entries := range byRequest {
		last := entries[len(entries)-1].ContextMap()
		outcomes[last["update_id"].(int64)] = last["outcome"].(string)
		for _, key := range []string{"user_id", "chat_id", "handler", "duration", "update_type"} {
			assert.Contains(t, last, key)
		}
	}
	assert.Equal(t, map[int64]string{1: "handled", 2: "duplicate", 3: "panicked"}, outcomes)
	panicked := logs.FilterMessage("update handler panicked").All()
	require.Len(t, panicked, 1)
	assert.Contains(t, panicked[0].ContextMap()["stack"], "loggingHandler", "the stack is logged")

	assert.Equal(t, 1.0, observed.count("message", "handled"))
	assert.Equal(t, 1.0, observed.count("message", "duplicate"))
	assert.Equal(t, 1.0, observed.count("message", "panicked"))
}

func TestHandleRunsConcurrentUpdatesOfAChatOneAfterAnother(t *testing.T) {
	h := newScripted()
	h.delay = 5 * time.Millisecond
	d := NewDispatcher(h, zaptest.NewLogger(t), 8, time.Second, nil)
	var wg sync.WaitGroup
	for i := int64(1); i <= 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, d.Handle(t.Context(), textUpdate(i, 42)))
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(1), h.peak.Load(), "one chat, one update at a time")
	assert.Len(t, h.order[42], 8)
	assert.Zero(t, d.chats.size())
}

func TestHandleReportsAnUpdateNotHandled(t *testing.T) {
	h := newScripted()
	h.fail[1] = 100
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, time.Second, nil)
	d.retryWait = time.Millisecond
	assert.ErrorIs(t, d.Handle(t.Context(), textUpdate(1, 5)), errNotHandled)
}

func TestHandleRecoversAPanicAsHandled(t *testing.T) {
	h := newScripted()
	h.panics[1] = true
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, time.Second, nil)
	assert.NoError(t, d.Handle(t.Context(), textUpdate(1, 5)))
	assert.Equal(t, []int64{1}, h.parked)
}

// ctxHandler reports whether the context of the handling was still alive when it finished.
type ctxHandler struct {
	started chan struct{}
	proceed chan struct{}
	ctxErr  chan error
}

func (h ctxHandler) Handle(ctx context.Context, _ *models.Update) error {
	close(h.started)
	<-h.proceed
	h.ctxErr <- ctx.Err()
	return nil
}

func (ctxHandler) Park(context.Context, *models.Update, error, int) error { return nil }

func (ctxHandler) Label(*models.Update) string { return "text" }

func TestAClientGoingAwayDoesNotCutAHandlingShort(t *testing.T) {
	h := ctxHandler{started: make(chan struct{}), proceed: make(chan struct{}), ctxErr: make(chan error, 1)}
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, 5*time.Second, nil)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- d.Handle(ctx, textUpdate(1, 5)) }()
	<-h.started
	cancel()
	close(h.proceed)
	assert.NoError(t, <-h.ctxErr)
	assert.NoError(t, <-done)
}

func TestWebhookRefusesABodyThatIsNoUpdate(t *testing.T) {
	w := NewWebhook(NewDispatcher(newScripted(), zaptest.NewLogger(t), 1, time.Second, nil))
	for _, body := range []string{`{"update_id":`, `[]`, `{"message":{"text":"no id"}}`, `{"update_id":"7"}`} {
		err := w.HandleUpdate(t.Context(), []byte(body))
		var malformed *MalformedUpdateError
		require.ErrorAs(t, err, &malformed, body)
		assert.True(t, malformed.Malformed())
	}
	assert.NoError(t, w.HandleUpdate(t.Context(), []byte(`{"update_id":7,"message":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"},"text":"hi"}}`)))
}
