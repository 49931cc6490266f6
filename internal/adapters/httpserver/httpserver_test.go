package httpserver_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/fx/fxtest"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/httpserver"
)

const secret = "s3cret-Token_1"

// fakeUpdates records the bodies it is handed and answers with err.
type fakeUpdates struct {
	mu     sync.Mutex
	bodies []string
	err    error
}

func (f *fakeUpdates) HandleUpdate(_ context.Context, body []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bodies = append(f.bodies, string(body))
	return f.err
}

func (f *fakeUpdates) handled() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.bodies...)
}

// fakeReadiness answers err.
type fakeReadiness struct{ err error }

func (f fakeReadiness) Ready(context.Context) error { return f.err }

// malformedError is how an adapter that cannot import httpserver marks a malformed body.
type malformedError struct{}

func (malformedError) Error() string   { return "not an update" }
func (malformedError) Malformed() bool { return true }

// serve starts a server on a free local port and returns its base URL.
func serve(t *testing.T, updates httpserver.UpdateHandler, ready httpserver.ReadinessChecker) string {
	t.Helper()
	return serveLogged(t, updates, ready, zaptest.NewLogger(t))
}

// serveLogged is serve with the server's logger given.
func serveLogged(t *testing.T, updates httpserver.UpdateHandler, ready httpserver.ReadinessChecker, log *zap.Logger) string {
	t.Helper()
	s, err := httpserver.New(httpserver.Config{Addr: "127.0.0.1:0", WebhookPath: "/telegram/hook", WebhookSecret: secret},
		updates, ready, httpserver.NewRegistry(), log)
	require.NoError(t, err)
	require.NoError(t, s.Start(t.Context()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		assert.NoError(t, s.Stop(ctx))
	})
	return "http://" + s.Addr()
}

func post(t *testing.T, url, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set(httpserver.SecretTokenHeader, token)
	}
	return do(t, req)
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

const update = `{"update_id":7,"message":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"},"text":"hi"}}`

func TestWebhook(t *testing.T) {
	cases := []struct {
		name    string
		token   string
		body    string
		err     error
		code    int
		handled bool
	}{
		{"an update with the secret is handled and answered 200", secret, update, nil, 200, true},
		{"a missing secret is refused with 401, unhandled", "", update, nil, 401, false},
		{"a wrong secret is refused with 401, unhandled", "wrong", update, nil, 401, false},
		{"a secret that only starts right is refused", secret + "x", update, nil, 401, false},
		{"a body that is not JSON gets 400, unhandled", secret, `{"update_id":`, nil, 400, false},
		{"an update the handler finds malformed gets 400", secret, `{"update_id":"seven"}`, malformedError{}, 400, true},
		{"the sentinel works as well", secret, `{}`, fmt.Errorf("decode: %w", httpserver.ErrMalformed), 400, true},
		{"an update that failed gets 503, to be delivered again", secret, update, errors.New("database unavailable"), 503, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			updates := &fakeUpdates{err: tc.err}
			base := serve(t, updates, fakeReadiness{})
			code, _ := post(t, base+"/telegram/hook", tc.token, tc.body)
			assert.Equal(t, tc.code, code)
			if tc.handled {
				assert.Equal(t, []string{tc.body}, updates.handled())
			} else {
				assert.Empty(t, updates.handled())
			}
		})
	}
}

func TestWebhookTakesOnlyPOSTsOnItsPath(t *testing.T) {
	updates := &fakeUpdates{}
	base := serve(t, updates, fakeReadiness{})
	code, _ := get(t, base+"/telegram/hook")
	assert.Equal(t, http.StatusMethodNotAllowed, code)
	code, _ = post(t, base+"/telegram/other", secret, update)
	assert.Equal(t, http.StatusNotFound, code)
	assert.Empty(t, updates.handled())
}

func TestWithoutAWebhookPathThereIsNoWebhook(t *testing.T) {
	updates := &fakeUpdates{}
	s, err := httpserver.New(httpserver.Config{Addr: "127.0.0.1:0"}, nil, fakeReadiness{}, httpserver.NewRegistry(), zaptest.NewLogger(t))
	require.NoError(t, err)
	require.NoError(t, s.Start(t.Context()))
	defer func() { assert.NoError(t, s.Stop(context.Background())) }()
	code, _ := post(t, "http://"+s.Addr()+"/", secret, update)
	assert.Equal(t, http.StatusNotFound, code)
	code, _ = get(t, "http://"+s.Addr()+"/healthz")
	assert.Equal(t, http.StatusOK, code)
	assert.Empty(t, updates.handled())
}

func TestAWebhookWithoutASecretDoesNotStart(t *testing.T) {
	s, err := httpserver.New(httpserver.Config{Addr: "127.0.0.1:0", WebhookPath: "/"}, &fakeUpdates{}, fakeReadiness{}, httpserver.NewRegistry(), zap.NewNop())
	require.NoError(t, err)
	assert.ErrorContains(t, s.Start(t.Context()), "secret token")
}

func TestHealthAndReadiness(t *testing.T) {
	base := serve(t, &fakeUpdates{}, fakeReadiness{})
	code, body := get(t, base+"/healthz")
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, "ok\n", body)
	code, _ = get(t, base+"/readyz")
	assert.Equal(t, http.StatusOK, code)

	dbErr := errors.New(`connect to postgres at db.internal:5432/filekeeper: FATAL: password authentication failed for user "fk_admin"`)
	core, logs := observer.New(zapcore.InfoLevel)
	base = serveLogged(t, &fakeUpdates{}, fakeReadiness{err: dbErr}, zap.New(core))
	code, _ = get(t, base+"/healthz")
	assert.Equal(t, http.StatusOK, code, "the process is up even when the database is not")
	for range 3 {
		code, body = get(t, base+"/readyz")
		assert.Equal(t, http.StatusServiceUnavailable, code)
		for _, secret := range []string{"db.internal", "fk_admin", "password", "FATAL"} {
			assert.NotContains(t, body, secret, "/readyz must not show the database's error to whoever asks")
		}
	}
	failures := logs.FilterMessage("not ready").All()
	require.Len(t, failures, 1, "the reason is logged once, not on every probe")
	assert.Equal(t, zapcore.WarnLevel, failures[0].Level)
	assert.Contains(t, failures[0].ContextMap()["error"], "password authentication failed")
}

// degradedReadiness is ready, without what reason says.
type degradedReadiness struct {
	fakeReadiness
	reason string
}

func (d degradedReadiness) Degraded() string { return d.reason }

func TestReadyzSaysWhatADegradedInstanceDoesWithout(t *testing.T) {
	base := serve(t, &fakeUpdates{}, degradedReadiness{reason: "Redis unreachable: the flood limits are not shared"})
	code, body := get(t, base+"/readyz")
	assert.Equal(t, http.StatusOK, code, "a degraded instance still serves")
	assert.Equal(t, "ready, degraded: Redis unreachable: the flood limits are not shared\n", body)

	base = serve(t, &fakeUpdates{}, degradedReadiness{})
	_, body = get(t, base+"/readyz")
	assert.Equal(t, "ready\n", body, "nothing missing: plainly ready")

	base = serve(t, &fakeUpdates{}, degradedReadiness{fakeReadiness: fakeReadiness{err: errors.New("no database")}, reason: "Redis unreachable"})
	code, _ = get(t, base+"/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, code, "not ready wins")
}

func TestMetricsExposeTheRegistry(t *testing.T) {
	reg := httpserver.NewRegistry()
	handled := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "filekeeper_updates_total", Help: "h"}, []string{"type", "outcome"})
	reg.MustRegister(handled)
	handled.WithLabelValues("message", "handled").Add(2)
	s, err := httpserver.New(httpserver.Config{Addr: "127.0.0.1:0", WebhookPath: "/hook", WebhookSecret: secret}, &fakeUpdates{}, fakeReadiness{}, reg, zaptest.NewLogger(t))
	require.NoError(t, err)
	require.NoError(t, s.Start(t.Context()))
	defer func() { assert.NoError(t, s.Stop(context.Background())) }()
	base := "http://" + s.Addr()
	post(t, base+"/hook", secret, update)
	post(t, base+"/hook", "wrong", update)

	code, body := get(t, base+"/metrics")
	require.Equal(t, http.StatusOK, code)
	for _, want := range []string{
		`filekeeper_updates_total{outcome="handled",type="message"} 2`,
		`filekeeper_webhook_requests_total{code="200"} 1`,
		`filekeeper_webhook_requests_total{code="401"} 1`,
		"go_goroutines",
		"process_cpu_seconds_total",
	} {
		assert.Contains(t, body, want)
	}
}

func TestStopWaitsForAnUpdateUnderWay(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	updates := blockingUpdates{started: started, release: release}
	s, err := httpserver.New(httpserver.Config{Addr: "127.0.0.1:0", WebhookPath: "/hook", WebhookSecret: secret}, updates, fakeReadiness{}, httpserver.NewRegistry(), zaptest.NewLogger(t))
	require.NoError(t, err)
	require.NoError(t, s.Start(t.Context()))
	answered := make(chan int, 1)
	go func() {
		code, _ := post(t, "http://"+s.Addr()+"/hook", secret, update)
		answered <- code
	}()
	<-started
	stopped := make(chan error, 1)
	go func() { stopped <- s.Stop(context.Background()) }()
	// Shutting down closes the listener first, then waits for the requests under way.
	require.Eventually(t, func() bool {
		conn, err := net.Dial("tcp", s.Addr())
		if err == nil {
			conn.Close()
		}
		return err != nil
	}, 5*time.Second, 5*time.Millisecond, "the server still takes connections")
	select {
	case <-stopped:
		t.Fatal("stopped with an update under way")
	default:
	}
	close(release)
	assert.Equal(t, http.StatusOK, <-answered)
	assert.NoError(t, <-stopped)
}

type blockingUpdates struct{ started, release chan struct{} }

func (b blockingUpdates) HandleUpdate(context.Context, []byte) error {
	close(b.started)
	<-b.release
	return nil
}

func TestModuleServesWithTheApplication(t *testing.T) {
	var s *httpserver.Server
	app := fxtest.New(t,
		fx.Supply(httpserver.Config{Addr: "127.0.0.1:0"}, zaptest.NewLogger(t)),
		fx.Provide(func() httpserver.ReadinessChecker { return fakeReadiness{} }),
		httpserver.Module,
		fx.Populate(&s),
	)
	app.RequireStart()
	code, _ := get(t, "http://"+s.Addr()+"/readyz")
	assert.Equal(t, http.StatusOK, code)
	app.RequireStop()
	_, err := http.Get("http://" + s.Addr() + "/healthz")
	assert.Error(t, err, "nothing listens after stop")
}
