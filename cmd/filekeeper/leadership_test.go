package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
)

// The leadership tests run two instances in polling mode with one token and one database: only
// the one holding the polling lock may call getUpdates. Each instance reaches the stand-in under
// its own path prefix (BOT_API_URL …/a, …/b), so the stand-in can tell who polls.

type pollingWorld struct {
	t     *testing.T
	api   *botapi.Server
	srv   *httptest.Server
	dbURL string

	mu        sync.Mutex
	polls     map[string]int // getUpdates requests, by instance
	conflicts int            // 409 answers to a getUpdates whose client still waited for it
}

func newPollingWorld(t *testing.T) *pollingWorld {
	w := &pollingWorld{t: t, api: botapi.New(botapi.Options{}), dbURL: pgtest.NewDatabase(t), polls: map[string]int{}}
	w.srv = httptest.NewServer(http.HandlerFunc(w.serve))
	t.Cleanup(func() { w.api.Close(); w.srv.Close() })
	return w
}

func (w *pollingWorld) serve(rw http.ResponseWriter, r *http.Request) {
	name, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	r = r.Clone(r.Context())
	r.URL.Path, r.URL.RawPath = "/"+rest, ""
	polling := strings.HasSuffix(rest, "/getUpdates")
	if polling {
		w.mu.Lock()
		w.polls[name]++
		w.mu.Unlock()
	}
	rec := &statusRecorder{ResponseWriter: rw, code: http.StatusOK}
	w.api.ServeHTTP(rec, r)
	if polling && rec.code == http.StatusConflict && r.Context().Err() == nil {
		w.mu.Lock()
		w.conflicts++
		w.mu.Unlock()
	}
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

func (w *pollingWorld) pollsBy(name string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.polls[name]
}

func (w *pollingWorld) start(name string) *instance {
	return startInstance(w.t, name, baseConfig(w.t, w.srv.URL+"/"+name, w.dbURL))
}

// say has Alice send text and waits until the bot answers with a message containing reply.
func (w *pollingWorld) say(text, reply string) {
	w.t.Helper()
	mark := w.api.LastSeq()
	w.api.SendText(alice, text)
	ctx, cancel := context.WithTimeout(w.t.Context(), wait)
	defer cancel()
	_, seen, err := w.api.AwaitCalls(ctx, 1, func(c botapi.Call) bool {
		return c.Seq > mark && c.Method == "sendMessage" && strings.Contains(c.Params["text"], reply)
	})
	require.NoError(w.t, err, "Alice said %q, no answer with %q; calls:\n%s", text, reply, botapi.ListCalls(seen))
}

// leaderAndFollower starts a, which leads and polls, then b, which waits.
func (w *pollingWorld) leaderAndFollower() (a, b *instance) {
	a = w.start("a")
	a.waitLog("polling lock acquired")
	require.Eventually(w.t, func() bool { return w.pollsBy("a") > 0 }, wait, 10*time.Millisecond, "the leader polls")
	b = w.start("b")
	b.waitLog("waiting for the polling lock: another instance holds it")
	w.say("/start", "Hi, Alice")
	assert.Zero(w.t, w.pollsBy("b"), "the follower never polled")
	return a, b
}

func TestOnlyOneInstancePollsAndAnotherTakesOverWhenItStops(t *testing.T) {
	w := newPollingWorld(t)
	a, b := w.leaderAndFollower()
	assert.Len(t, w.api.CallsTo("deleteWebhook"), 2, "each instance deletes the webhook at start")

	a.stop()
	// The follower tries every second; under load that can take longer, so the bound is the
	// generous deadline of waitLog, and what is asserted is the order: released, then taken.
	released := a.waitLog("polling lock released").Time
	acquired := b.waitLog("polling lock acquired").Time
	assert.False(t, acquired.Before(released), "the follower takes the lock only once the leader gave it up")
	t.Logf("the follower took over %v after the leader released the lock", acquired.Sub(released))
	w.say("/help", "/files")
	assert.Positive(t, w.pollsBy("b"))

	assert.Zero(t, w.conflicts, "never two getUpdates at once")
	assert.Zero(t, a.logged("getUpdates failed")+b.logged("getUpdates failed"))
	// The update is counted once handled, just after its reply went out.
	var metrics string
	require.Eventually(t, func() bool {
		_, metrics = get(t, b.url("/metrics"))
		return metricValue(metrics, `filekeeper_updates_total{outcome="handled",type="message"}`) == 1
	}, wait, 10*time.Millisecond, "b handled one message:\n%s", metrics)
	assert.Positive(t, metricValue(metrics, `filekeeper_botapi_calls_total{method="getUpdates",outcome="ok"}`))
}

func TestALeaderWhoseDatabaseConnectionDiesHandsOverPolling(t *testing.T) {
	w := newPollingWorld(t)
	a, b := w.leaderAndFollower()

	terminateLockSession(t, w.dbURL)
	a.waitLog("polling lock lost: its database connection failed")
	a.waitLog("long polling stopped: the polling lock was lost")
	pollsOfA := w.pollsBy("a")
	b.waitLog("polling lock acquired")
	w.say("/help", "/files")
	a.waitLog("waiting for the polling lock: another instance holds it")
	assert.Equal(t, pollsOfA, w.pollsBy("a"), "the old leader polls no more")
	assert.Positive(t, w.pollsBy("b"))

	// And back: when b stops, a, still waiting, takes over.
	b.stop()
	a.waitLog("polling lock acquired")
	w.say("/files", "")
}

// terminateLockSession ends the database session holding the polling lock, as a network cut or
// a database failover would.
func terminateLockSession(t *testing.T, dbURL string) {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dbURL)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	var n int
	require.NoError(t, conn.QueryRow(t.Context(), `
		SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = 'filekeeper polling lock'
		  AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`).Scan(&n))
	require.Equal(t, 1, n, fmt.Sprintf("one session holds the polling lock, not %d", n))
}
