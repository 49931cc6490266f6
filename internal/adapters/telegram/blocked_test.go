package telegram_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
)

// startFloodPoller runs the adapter over store with the flood transport on, as in production.
func startFloodPoller(t *testing.T, api *tgtest.Server, store *memory.Store) {
	t.Helper()
	log := zaptest.NewLogger(t)
	cfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 4, UpdateTimeout: wait,
		Flood: flood.Config{GlobalPerSec: 1000, ChatPerSec: 1000, ChatBurst: 3, Retries: 3, Backoff: time.Millisecond, AttemptTimeout: wait}}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	limits := app.Limits{MaxFileSize: 1000}
	a := app.New(store.UnitOfWork(), memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)), app.RandomTokens{}, limits)
	router := telegram.NewRouter(a, limits, telegram.NewSender(client, log), nil, log)
	poller := updates.NewPoller(cfg.Polling(), updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), log)
	poller.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, poller.Stop(ctx))
	})
}

func TestAUserWhoBlockedTheBotIsMarkedUntilTheyWriteAgain(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	store := memory.NewStore()
	startFloodPoller(t, api, store)
	blocked := func() bool {
		u, err := store.Repos().Users.ByTelegramID(context.Background(), ann.ID)
		require.NoError(t, err)
		return u.BlockedBot
	}

	api.SendText(ann, "/start")
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" && c.Err == nil })
	assert.False(t, blocked())

	api.Block(ann.ID)
	api.SendText(ann, "/help") // sent before the block reached the bot: its answer is refused
	refused := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Err != nil })
	assert.Equal(t, http.StatusForbidden, refused.Err.Code)
	require.Eventually(t, blocked, wait, 5*time.Millisecond, "the user is marked as having blocked the bot")
	assert.Len(t, api.CallsTo("sendMessage"), 2, "a 403 is not retried")

	api.Unblock(ann.ID)
	mark := api.LastSeq()
	api.SendText(ann, "/help")
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" && c.Err == nil })
	assert.False(t, blocked(), "writing again clears the mark")
}
