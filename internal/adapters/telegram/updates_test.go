package telegram_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// poisonUOW fails every unit of work that registers one user, as a bug or a value the database
// refuses would, with err.
type poisonUOW struct {
	app.UnitOfWork
	poison int64
	err    error
}

func (p poisonUOW) Do(ctx context.Context, fn func(context.Context, app.Repos) error) error {
	return p.UnitOfWork.Do(ctx, func(ctx context.Context, r app.Repos) error {
		r.Users = poisonUsers{UserRepository: r.Users, poison: p.poison, err: p.err}
		return fn(ctx, r)
	})
}

type poisonUsers struct {
	app.UserRepository
	poison int64
	err    error
}

func (u poisonUsers) Upsert(ctx context.Context, user domain.User) (domain.User, error) {
	if user.TelegramID == u.poison {
		return domain.User{}, u.err
	}
	return u.UserRepository.Upsert(ctx, user)
}

// bot is the adapter over the in-memory store: its application, router and dispatcher.
type testBot struct {
	app        app.Application
	router     *telegram.Router
	dispatcher *updates.Dispatcher
	cfg        telegram.Config
	log        *zap.Logger
}

func newBot(t *testing.T, api *tgtest.Server, uow app.UnitOfWork, flood flood.Config) *testBot {
	t.Helper()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	cfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 8, UpdateTimeout: 30 * time.Second, Flood: flood}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	a := app.New(uow, memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)), app.RandomTokens{}, app.Limits{MaxFileSize: 1000})
	router := telegram.NewRouter(a, app.Limits{MaxFileSize: 1000}, telegram.NewSender(client, log), nil, log)
	return &testBot{app: a, router: router, dispatcher: updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), cfg: cfg, log: log}
}

func (b *testBot) poll(t *testing.T) {
	t.Helper()
	p := updates.NewPoller(b.cfg.Polling(), b.dispatcher, b.log)
	p.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		assert.NoError(t, p.Stop(ctx))
	})
}

// serveWebhook answers deliveries as the HTTP server adapter does: 200 once handled, 503 if not.
func (b *testBot) serveWebhook(t *testing.T, api *tgtest.Server) {
	t.Helper()
	w := updates.NewWebhook(b.dispatcher)
	hook := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body := make([]byte, r.ContentLength)
		if _, err := r.Body.Read(body); err != nil && int64(len(body)) != r.ContentLength {
			rw.WriteHeader(http.StatusBadRequest)
			return
		}
		if err := w.HandleUpdate(r.Context(), body); err != nil {
			rw.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		rw.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(hook.Close)
	client, err := telegram.NewClient(b.cfg, b.log)
	require.NoError(t, err)
	_, err = client.SetWebhook(t.Context(), &bot.SetWebhookParams{URL: hook.URL, MaxConnections: 40})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = client.DeleteWebhook(context.Background(), &bot.DeleteWebhookParams{}) })
}

func sentTo(chat int64) func(tgtest.Call) bool {
	id := strconv.FormatInt(chat, 10)
	return func(c tgtest.Call) bool { return c.Method == "sendMessage" && c.Params["chat_id"] == id }
}

// TestOneHundredTwentyUsersBehindAPoisonUpdateAllGetTheirAnswers: an update that fails every
// time — permanently, or with an error that could pass but never does — is parked, its sender
// told, and the 120 users who wrote after it get their answers.
func TestOneHundredTwentyUsersBehindAPoisonUpdateAllGetTheirAnswers(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"a permanent failure", fmt.Errorf("save: %w", app.ErrPermanent)},
		{"a transient failure that never passes", errors.New("canceling statement due to statement timeout")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := tgtest.NewServer()
			t.Cleanup(api.Close)
			poisoner := models.User{ID: 13, FirstName: "Pat", LanguageCode: "ru"}
			poison := api.SendText(poisoner, "/start")
			var last models.Update
			for i := range int64(120) {
				last = api.SendText(models.User{ID: 1000 + i, FirstName: "U" + strconv.FormatInt(i, 10)}, "/help")
			}
			b := newBot(t, api, poisonUOW{UnitOfWork: memory.NewStore().UnitOfWork(), poison: poisoner.ID, err: tc.err}, flood.Config{})
			b.poll(t)

			for i := range int64(120) {
				api.WaitForCall(t, 30*time.Second, sentTo(1000+i))
			}
			told := api.WaitForCall(t, 30*time.Second, sentTo(poisoner.ID))
			assert.Contains(t, told.Params["text"], "Извините", "told in their language")
			require.Eventually(t, func() bool { return api.ConfirmedOffset() > last.ID }, 30*time.Second, 10*time.Millisecond)
			parked, err := b.app.Updates.Parked(t.Context(), tgtest.BotID, 0, 10)
			require.NoError(t, err)
			require.Len(t, parked, 1)
			assert.Equal(t, poison.ID, parked[0].UpdateID)
			assert.Contains(t, string(parked[0].Payload), `"text":"/start"`)
			assert.Contains(t, parked[0].Error, tc.err.Error())
			assert.Len(t, api.CallsTo("sendMessage"), 121, "one answer each, the poisoner's included")
		})
	}
}

// TestAPoisonUpdateDeliveredByWebhookIsParkedAndAnsweredOK: in webhook mode a poison update
// would get 503 for ever; it is parked, its sender told, and the delivery answered 200, so the
// users after it are served.
func TestAPoisonUpdateDeliveredByWebhookIsParkedAndAnsweredOK(t *testing.T) {
	api := tgtest.NewServerWith(botapi.Options{Webhook: botapi.WebhookOptions{RetryMin: 10 * time.Millisecond, RetryMax: 100 * time.Millisecond}})
	t.Cleanup(api.Close)
	poisoner := models.User{ID: 13, FirstName: "Pat", LanguageCode: "en"}
	api.SendText(poisoner, "/start")
	var last models.Update
	for i := range int64(20) {
		last = api.SendText(models.User{ID: 1000 + i, FirstName: "U"}, "/help")
	}
	b := newBot(t, api, poisonUOW{UnitOfWork: memory.NewStore().UnitOfWork(), poison: poisoner.ID, err: errors.New("statement timeout")}, flood.Config{})
	b.serveWebhook(t, api)
	told := api.WaitForCall(t, 30*time.Second, sentTo(poisoner.ID))
	assert.Contains(t, told.Params["text"], "I've kept it")
	for i := range int64(20) {
		api.WaitForCall(t, 30*time.Second, sentTo(1000+i))
	}
	require.Eventually(t, func() bool { return api.Pending() == 0 }, 30*time.Second, 10*time.Millisecond, "every delivery answered 2xx, the last %d", last.ID)
	n, err := b.app.Updates.CountParked(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

// defaultFlood is Telegram's limits as the bot's defaults set them.
var defaultFlood = flood.Config{GlobalPerSec: 30, ChatPerSec: 1, ChatBurst: 3, GroupPerMin: 20, Retries: 3, Backoff: 250 * time.Millisecond, AttemptTimeout: 10 * time.Second}

// TestAChattyChatDoesNotDelayAnotherChatsReply: Bob has 40 updates queued, each answered at the
// one-a-second pace of his chat; Ann, writing meanwhile, is answered at once.
func TestAChattyChatDoesNotDelayAnotherChatsReply(t *testing.T) {
	for _, mode := range []string{"polling", "webhook"} {
		t.Run(mode, func(t *testing.T) {
			api := tgtest.NewServerWith(botapi.Options{Webhook: botapi.WebhookOptions{Parallel: true, RetryMin: 50 * time.Millisecond, RetryMax: time.Second}})
			t.Cleanup(api.Close)
			bob := models.User{ID: 500, FirstName: "Bob"}
			for range 40 {
				api.SendText(bob, "/help")
			}
			b := newBot(t, api, memory.NewStore().UnitOfWork(), defaultFlood)
			if mode == "polling" {
				b.poll(t)
			} else {
				b.serveWebhook(t, api)
			}
			// Bob's burst is out and his chat is paced: the rest of his updates wait their turn.
			api.WaitForCalls(t, 30*time.Second, 4, sentTo(bob.ID))
			sent := time.Now()
			api.SendText(ann, "/help")
			api.WaitForCall(t, 30*time.Second, sentTo(ann.ID))
			took := time.Since(sent)
			t.Logf("%s: Ann's reply took %v while Bob had %d of 40 answers", mode, took, len(filterCalls(api.CallsTo("sendMessage"), sentTo(bob.ID))))
			assert.Less(t, took, 1500*time.Millisecond, "Ann waits for nobody")
			assert.Less(t, len(filterCalls(api.CallsTo("sendMessage"), sentTo(bob.ID))), 40, "Bob was still being answered")
		})
	}
}

func filterCalls(calls []tgtest.Call, match func(tgtest.Call) bool) []tgtest.Call {
	var out []tgtest.Call
	for _, c := range calls {
		if match(c) {
			out = append(out, c)
		}
	}
	return out
}
