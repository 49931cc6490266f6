package telegram

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

func TestChatLocksLetOneUpdateOfAChatRunAtATime(t *testing.T) {
	locks := newChatLocks()
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock, err := locks.lock(t.Context(), 7)
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
	unlock7, err := locks.lock(t.Context(), 7)
	require.NoError(t, err)
	unlock8, err := locks.lock(t.Context(), 8)
	require.NoError(t, err, "another chat does not wait")
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err = locks.lock(ctx, 7)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	unlock7()
	unlock8()
	assert.Zero(t, locks.size())
}

func TestHandlerOfNamesTheHandlingInABoundedSet(t *testing.T) {
	msg := func(m models.Message) *models.Update { return &models.Update{ID: 1, Message: &m} }
	cases := []struct {
		name string
		upd  *models.Update
		want string
	}{
		{"a known command", msg(models.Message{Text: "/start"}), "/start"},
		{"a command with arguments and the bot's name", msg(models.Message{Text: "/Search@filekeeper_bot report"}), "/search"},
		{"an unknown command", msg(models.Message{Text: "/whatever-the-user-typed"}), "/other"},
		{"a text", msg(models.Message{Text: "hello"}), "text"},
		{"a document", msg(models.Message{Document: &models.Document{FileID: "f", FileUniqueID: "u"}}), "document"},
		{"a sticker", msg(models.Message{Sticker: &models.Sticker{}}), "message"},
		{"a button", &models.Update{ID: 1, CallbackQuery: &models.CallbackQuery{}}, "button"},
		{"an inline query", &models.Update{ID: 1, InlineQuery: &models.InlineQuery{}}, "inline_query"},
		{"anything else", &models.Update{ID: 1}, "other"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, handlerOf(tc.upd)) })
	}
}

func TestRequestIDsAreShortAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := newRequestID()
		assert.Len(t, id, 12)
		assert.False(t, seen[id], "repeated %s", id)
		seen[id] = true
	}
}

// loggingHandler logs through the update's logger, as the router does.
type loggingHandler struct{ *scriptedHandler }

func (h loggingHandler) Handle(ctx context.Context, upd *models.Update) error {
	loggerFrom(ctx, zap.NewNop()).Info("inside the handler")
	if upd.ID == 2 {
		noteDuplicate(ctx)
	}
	return h.scriptedHandler.Handle(ctx, upd)
}

func TestEveryLogLineOfAnUpdateCarriesItsRequestIDAndTheLastOneItsOutcome(t *testing.T) {
	core, logs := observer.New(zapcore.InfoLevel)
	h := loggingHandler{newScripted()}
	h.panics[3] = true
	metrics := NewMetrics()
	d := NewDispatcher(h, zap.New(core), 2, time.Second)
	d.SetMetrics(metrics)
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

	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.updates.WithLabelValues("message", "handled")))
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.updates.WithLabelValues("message", "duplicate")))
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.updates.WithLabelValues("message", "panicked")))
}

func TestHandleRunsConcurrentUpdatesOfAChatOneAfterAnother(t *testing.T) {
	h := newScripted()
	h.delay = 5 * time.Millisecond
	d := NewDispatcher(h, zaptest.NewLogger(t), 8, time.Second)
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
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, time.Second)
	d.backoff = time.Millisecond
	assert.ErrorIs(t, d.Handle(t.Context(), textUpdate(1, 5)), errNotHandled)
}

func TestHandleRecoversAPanicAsHandled(t *testing.T) {
	h := newScripted()
	h.panics[1] = true
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, time.Second)
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

func TestAClientGoingAwayDoesNotCutAHandlingShort(t *testing.T) {
	h := ctxHandler{started: make(chan struct{}), proceed: make(chan struct{}), ctxErr: make(chan error, 1)}
	d := NewDispatcher(h, zaptest.NewLogger(t), 1, 5*time.Second)
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
	w := NewWebhook(NewDispatcher(newScripted(), zaptest.NewLogger(t), 1, time.Second))
	for _, body := range []string{`{"update_id":`, `[]`, `{"message":{"text":"no id"}}`, `{"update_id":"7"}`} {
		err := w.HandleUpdate(t.Context(), []byte(body))
		var malformed *MalformedUpdateError
		require.ErrorAs(t, err, &malformed, body)
		assert.True(t, malformed.Malformed())
	}
	assert.NoError(t, w.HandleUpdate(t.Context(), []byte(`{"update_id":7,"message":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"},"text":"hi"}}`)))
}

func TestTheTransportCountsBotAPICallsAndFloodWaits(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	metrics := NewMetrics()
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, metrics.Register(reg))
	b, err := newClient(Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second}, zaptest.NewLogger(t), metrics, nil)
	require.NoError(t, err)

	_, err = b.GetMe(t.Context())
	require.NoError(t, err)
	api.FailNext("getMe", 1, 429, "", 3)
	_, err = b.GetMe(t.Context())
	require.Error(t, err)
	api.FailNext("getMe", 1, 403, "", 0)
	_, _ = b.GetMe(t.Context())

	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.calls.WithLabelValues("getMe", "ok")))
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.calls.WithLabelValues("getMe", "too_many_requests")))
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.calls.WithLabelValues("getMe", "forbidden")))
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.floodWaits.WithLabelValues("getMe")))
	assert.Equal(t, 3.0, testutil.ToFloat64(metrics.floodWaited))
	var flood *bot.TooManyRequestsError
	assert.True(t, errors.As(err, &flood), "the client still sees the 429: %v", err)
}
