package telegram_test

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
)

// lockedBuffer is a log sink several goroutines write to.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Sync() error { return nil }

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// deadURL is the address of a port nobody listens on.
func deadURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return "http://" + addr
}

// TestTheTokenNeverAppearsInALogLine: the Bot API's URLs carry the token, and errors of Go's
// HTTP client quote the URL. Every line logged while polling a Bot API that went away, and
// while replies fail to reach one that is not there, is free of it.
func TestTheTokenNeverAppearsInALogLine(t *testing.T) {
	sink := &lockedBuffer{}
	log := zap.New(zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), sink, zapcore.DebugLevel))
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	// Replies go to a Bot API that is not there; updates come from the stand-in.
	cfg := telegram.Config{Token: tgtest.Token, APIURL: deadURL(t), PollTimeout: time.Second, Concurrency: 2, UpdateTimeout: 5 * time.Second,
		Flood: flood.Config{Retries: 1, Backoff: time.Millisecond, AttemptTimeout: time.Second}}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	a := app.New(memory.NewStore().UnitOfWork(), memory.NewClock(time.Now()), app.RandomTokens{}, app.Limits{MaxFileSize: 1000})
	router := telegram.NewRouter(a, app.Limits{MaxFileSize: 1000}, telegram.NewSender(client, log), nil, log)
	p := updates.NewPoller(updates.PollerConfig{APIURL: api.URL(), Token: tgtest.Token, Timeout: time.Second, Allowed: telegram.AllowedUpdates}, updates.NewDispatcher(router, log, 2, 5*time.Second, nil), log)
	p.Start()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			assert.NoError(t, p.Stop(ctx))
		}
	}
	t.Cleanup(stop)

	upd := api.SendText(ann, "/start")
	require.Eventually(t, func() bool {
		return api.ConfirmedOffset() > upd.ID || strings.Contains(sink.String(), `"update handled"`)
	},
		10*time.Second, 10*time.Millisecond, "the update is handled (its reply lost)")
	api.Close() // the poller's Bot API goes away too
	require.Eventually(t, func() bool { return strings.Count(sink.String(), "getUpdates failed") >= 2 }, 10*time.Second, 10*time.Millisecond)
	stop()

	logged := sink.String()
	secret := tgtest.Token[strings.IndexByte(tgtest.Token, ':')+1:]
	assert.NotContains(t, logged, secret, "the token leaked into the log:\n%s", logged)
	assert.Contains(t, logged, "connect: connection refused", "the network errors are logged, only without the token")
}

// TestNoLogLineCarriesAKeyTwice: the update's logger and the lines logged through it (the
// flood limiter's among them) each say a key once.
func TestNoLogLineCarriesAKeyTwice(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	log := zap.New(core)
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	cfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 2, UpdateTimeout: 10 * time.Second, Flood: defaultFlood}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	a := app.New(memory.NewStore().UnitOfWork(), memory.NewClock(time.Now()), app.RandomTokens{}, app.Limits{MaxFileSize: 1000})
	router := telegram.NewRouter(a, app.Limits{MaxFileSize: 1000}, telegram.NewSender(client, log), nil, log)
	p := updates.NewPoller(updates.PollerConfig{APIURL: api.URL(), Token: tgtest.Token, Timeout: time.Second, Allowed: telegram.AllowedUpdates}, updates.NewDispatcher(router, log, 2, 10*time.Second, nil), log)
	p.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		assert.NoError(t, p.Stop(ctx))
	})
	api.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1) // the flood limiter logs the wait
	api.SendText(ann, "/start")
	api.WaitForCall(t, 10*time.Second, func(c tgtest.Call) bool { return c.Method == "sendMessage" && c.Err == nil })
	require.Eventually(t, func() bool { return logs.FilterMessage("update handled").Len() == 1 }, 10*time.Second, 10*time.Millisecond)

	withChat := 0
	for _, e := range logs.All() {
		seen := map[string]bool{}
		for _, f := range e.Context {
			assert.False(t, seen[f.Key], "%q carries %s twice: %v", e.Message, f.Key, e.Context)
			seen[f.Key] = true
		}
		if seen["chat_id"] {
			withChat++
		}
	}
	assert.GreaterOrEqual(t, withChat, 2, "the closing line and the flood limiter's say the chat")
}
