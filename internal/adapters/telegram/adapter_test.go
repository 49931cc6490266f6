package telegram_test

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
)

// These tests drive the adapter through the real go-telegram/bot client and the Bot API
// stand-in, over the in-memory fakes: send an update, assert the exact Bot API calls.

const wait = 5 * time.Second

var ann = models.User{ID: 77, FirstName: "Ann", LanguageCode: "en"}

// outage is a unit of work that fails while down is set, as PostgreSQL would while unreachable.
type outage struct {
	app.UnitOfWork
	down atomic.Bool
}

func (o *outage) Do(ctx context.Context, fn func(context.Context, app.Repos) error) error {
	if o.down.Load() {
		return errors.New("connection refused")
	}
	return o.UnitOfWork.Do(ctx, fn)
}

func startPoller(t *testing.T, api *tgtest.Server, uow app.UnitOfWork) *updates.Poller {
	t.Helper()
	log := zaptest.NewLogger(t)
	cfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 4, UpdateTimeout: wait}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	router := telegram.NewRouter(app.New(uow, memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)), app.RandomTokens{}, app.Limits{MaxFileSize: 1000}), app.Limits{MaxFileSize: 1000}, telegram.NewSender(client, log), nil, log)
	poller := updates.NewPoller(cfg.Polling(), updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), log)
	poller.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, poller.Stop(ctx))
	})
	return poller
}

func TestStartSendsExactlyTheGreetingWithTheMainMenu(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	startPoller(t, api, memory.NewStore().UnitOfWork())

	api.SendText(ann, "/start")
	call := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })
	assert.Equal(t, "77", call.Params["chat_id"])
	assert.Equal(t, "👋 Hi, Ann! I'm File Keeper: send me files and I'll keep them, sorted, ready to send back.", call.Params["text"])
	assert.JSONEq(t, `{"inline_keyboard":[
		[{"text":"📤 Upload","callback_data":"1|u|n0"},{"text":"📂 My files","callback_data":"1|k"}],
		[{"text":"🔎 Search","callback_data":"1|sa"},{"text":"📁 Categories","callback_data":"1|cs|n0"},{"text":"🏷 Tags","callback_data":"1|tl|n0"}],
		[{"text":"👤 Profile","callback_data":"1|pf"},{"text":"❓ Help","callback_data":"1|h"}]]}`, stripCopyText(t, call.Params["reply_markup"]))
	assert.Len(t, api.Calls(), 1, "one update, one call")
}

func TestAFileOverTheSizeLimitIsRefusedWithTheLimit(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	startPoller(t, api, memory.NewStore().UnitOfWork())
	f, u := api.NewFileIDs()
	upd := api.SendDocument(ann, models.Document{FileID: f, FileUniqueID: u, FileName: "big.iso", FileSize: 1001}, "")
	call := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })
	assert.Equal(t, "This file is 1001 B; I keep files of up to 1000 B.", call.Params["text"])
	assert.Contains(t, call.Params["reply_parameters"], `"message_id":`+strconv.Itoa(upd.Message.ID))
}

// TestAnUpdateIsConfirmedOnlyAfterItWasHandled: while the database is down nothing is confirmed
// and nothing is said; when it is back, the same update is handled once.
func TestAnUpdateIsConfirmedOnlyAfterItWasHandled(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	uow := &outage{UnitOfWork: memory.NewStore().UnitOfWork()}
	uow.down.Store(true)
	startPoller(t, api, uow)

	upd := api.SendText(ann, "/start")
	require.Eventually(t, func() bool { return api.Pending() == 1 }, wait, 10*time.Millisecond)
	// Several attempts fail (the poller retries with a backoff); none may confirm the update.
	deadline := time.Now().Add(300 * time.Millisecond)
	for time.Now().Before(deadline) {
		require.Less(t, api.ConfirmedOffset(), upd.ID+1, "the failed update was confirmed")
		time.Sleep(20 * time.Millisecond) // sampling the offset, not synchronising
	}
	assert.Empty(t, api.CallsTo("sendMessage"))

	uow.down.Store(false)
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })
	require.Eventually(t, func() bool { return api.ConfirmedOffset() == upd.ID+1 }, wait, 10*time.Millisecond)
	assert.Len(t, api.CallsTo("sendMessage"), 1)
}
