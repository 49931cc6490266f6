package telegram_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/app/replies"
)

// outboxWorld is a router whose replies go through the outbox, over the in-memory store.
type outboxWorld struct {
	api    *tgtest.Server
	uow    app.UnitOfWork
	clock  *memory.Clock
	router *telegram.Router
}

const outboxLease = time.Minute

func newOutboxWorld(t *testing.T) *outboxWorld {
	t.Helper()
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	log := zaptest.NewLogger(t)
	client, err := telegram.NewClient(telegram.Config{Token: tgtest.Token, APIURL: api.URL()}, log)
	require.NoError(t, err)
	uow := memory.NewStore().UnitOfWork()
	clock := memory.NewClock(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	limits := app.Limits{MaxFileSize: 1000}
	out := replies.New(uow, clock, replies.Config{Lease: outboxLease})
	marks := replies.NewMarker(out, func(err error) { t.Errorf("marking delivered replies: %v", err) })
	marks.Start()
	t.Cleanup(func() { assert.NoError(t, marks.Stop(context.Background())) })
	router := telegram.NewDurableRouter(app.New(uow, clock, app.RandomTokens{}, limits), limits, telegram.NewSender(client, log), nil, out, marks, log)
	return &outboxWorld{api: api, uow: uow, clock: clock, router: router}
}

// pending are the replies in the outbox that a sweep an hour from now would take.
func (w *outboxWorld) pending(t *testing.T) []app.OutboxReply {
	t.Helper()
	var got []app.OutboxReply
	require.NoError(t, w.uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		var err error
		later := w.clock.Now().Add(time.Hour)
		// Leased for no time at all: taking them changes nothing a later sweep sees.
		got, err = r.Replies.TakeDue(ctx, later, w.clock.Now(), 100)
		return err
	}))
	return got
}

func (w *outboxWorld) waitEmpty(t *testing.T) {
	t.Helper()
	require.Eventually(t, func() bool { return len(w.pending(t)) == 0 }, wait, 10*time.Millisecond, "the delivered reply forgotten")
}

func (w *outboxWorld) sweep(t *testing.T) {
	t.Helper()
	w.clock.Advance(outboxLease + time.Minute) // past the lease and its time per action
	require.NoError(t, w.router.SweepReplies(t.Context(), replies.SweepJob{}))
}

func methods(calls []tgtest.Call) []string {
	var out []string
	for _, c := range calls {
		out = append(out, c.Method)
	}
	return out
}

func TestADeliveredReplyIsForgottenAndNotSentAgain(t *testing.T) {
	w := newOutboxWorld(t)
	require.NoError(t, w.router.Handle(t.Context(), ptr(w.api.SendText(ann, "/start"))))
	require.Len(t, w.api.CallsTo("sendMessage"), 1)
	w.waitEmpty(t)
	w.sweep(t)
	assert.Len(t, w.api.CallsTo("sendMessage"), 1, "the sweep sends nothing delivered")
}

func TestAReplyTheBotAPIFailedIsSentByTheSweep(t *testing.T) {
	w := newOutboxWorld(t)
	w.api.FailNext("sendMessage", 1, 502, "Bad Gateway", 0)
	require.NoError(t, w.router.Handle(t.Context(), ptr(w.api.SendText(ann, "/start"))), "the update's effects are kept")
	require.NoError(t, w.router.SweepReplies(t.Context(), replies.SweepJob{}))
	assert.Empty(t, successful(w.api.CallsTo("sendMessage")), "not before its lease ended")
	require.Len(t, w.pending(t), 1, "the reply waits in the outbox")

	w.sweep(t)
	sent := successful(w.api.CallsTo("sendMessage"))
	require.Len(t, sent, 1)
	assert.Contains(t, sent[0].Params["text"], "Hi, Ann!")
	assert.Contains(t, sent[0].Params["reply_markup"], `"callback_data":"1|k"`, "with its keyboard")
	w.waitEmpty(t)
	w.sweep(t)
	assert.Len(t, successful(w.api.CallsTo("sendMessage")), 1, "sent once")
}

func TestAStalledReplyResumesAtTheFirstActionNotDone(t *testing.T) {
	w := newOutboxWorld(t)
	require.NoError(t, w.router.Handle(t.Context(), ptr(w.api.SendText(ann, "/start"))))
	menu := w.api.Messages(ann.ID)[len(w.api.Messages(ann.ID))-1]
	w.waitEmpty(t)
	mark := len(w.api.Calls())

	w.api.FailNext("editMessageText", 1, 502, "Bad Gateway", 0)
	require.NoError(t, w.router.Handle(t.Context(), ptr(w.api.PressButton(ann, menu, "1|k"))))
	w.sweep(t)
	assert.Equal(t, []string{"answerCallbackQuery", "editMessageText", "editMessageText"}, methods(w.api.Calls()[mark:]),
		"the press answered once, its screen shown by the sweep")
	assert.Nil(t, w.api.Calls()[len(w.api.Calls())-1].Err)
	w.waitEmpty(t)
}

func successful(calls []tgtest.Call) []tgtest.Call {
	var out []tgtest.Call
	for _, c := range calls {
		if c.Err == nil {
			out = append(out, c)
		}
	}
	return out
}

func ptr(u models.Update) *models.Update { return &u }

// A parked update's note to its sender is recorded with the park: the Bot API failing when it is
// first sent, the sweep sends it.
func TestTheNoteOfAParkedUpdateIsSentByTheSweepWhenItsFirstSendFails(t *testing.T) {
	w := newOutboxWorld(t)
	w.api.FailNext("sendMessage", 1, 502, "Bad Gateway", 0)
	upd := w.api.SendText(ann, "/start")
	require.NoError(t, w.router.Park(t.Context(), &upd, errors.New("the database refused it"), 3))
	assert.Empty(t, successful(w.api.CallsTo("sendMessage")), "its first send failed")
	require.Len(t, w.pending(t), 1, "the note waits in the outbox")

	w.sweep(t)
	sent := successful(w.api.CallsTo("sendMessage"))
	require.Len(t, sent, 1)
	assert.Equal(t, views.English.Parked, sent[0].Params["text"])
	w.waitEmpty(t)
}
