package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/httpserver"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/config"
)

// Helpers of the production delivery tests (webhook mode, polling leadership, health, metrics):
// several instances of the whole application, their HTTP servers, their logs.

// TestMain gives every application these tests start (the binary of the SIGTERM test too) a free
// port for its HTTP server, so tests and a bot running on this machine do not collide. The users
// the tests play act faster than Telegram lets a bot answer (about a message a second in a chat,
// 30 a second in all), so the flood limits are raised; the telegram adapter's tests check them.
// They also send faster than people type (a campaign of forged buttons, a dozen files at once),
// so the rate limit on incoming updates is raised too; access_test.go sets it where it is tested.
func TestMain(m *testing.M) {
	for name, value := range map[string]string{"HTTP_ADDR": "127.0.0.1:0",
		"FLOOD_GLOBAL_PER_SEC": "1000", "FLOOD_CHAT_PER_SEC": "1000", "FLOOD_GROUP_PER_MIN": "60000",
		"RATE_LIMIT_UPDATES": "1000"} {
		if os.Getenv(name) == "" {
			os.Setenv(name, value)
		}
	}
	os.Exit(m.Run())
}

// instance is one running application.
type instance struct {
	t    *testing.T
	name string
	app  *fx.App
	http *httpserver.Server
	logs *observer.ObservedLogs
	once sync.Once
}

// baseConfig is the configuration of an instance against the Bot API at apiURL and dbURL.
func baseConfig(t *testing.T, apiURL, dbURL string) config.Config {
	t.Helper()
	cfg, err := config.Load("testdata/absent.env")
	require.NoError(t, err)
	cfg.BotToken = tgtest.Token
	cfg.BotAPIURL = apiURL
	cfg.DatabaseURL = dbURL
	cfg.PollTimeout = time.Second
	cfg.HTTPAddr = "127.0.0.1:0"
	return cfg
}

// startInstance runs the whole application with cfg; it is stopped when the test ends.
func startInstance(t *testing.T, name string, cfg config.Config) *instance {
	t.Helper()
	require.NoError(t, cfg.Validate())
	core, logs := observer.New(zapcore.InfoLevel)
	log := zap.New(zapcore.NewTee(zaptest.NewLogger(t, zaptest.Level(zap.InfoLevel)).Core(), core)).With(zap.String("instance", name))
	in := &instance{t: t, name: name, logs: logs}
	in.app = fx.New(Options(cfg, log), fx.Populate(&in.http))
	require.NoError(t, in.app.Err())
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	require.NoError(t, in.app.Start(ctx))
	t.Cleanup(in.stop)
	return in
}

// stop stops the instance as SIGTERM would; only the first call does anything.
func (in *instance) stop() {
	in.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(in.t, in.app.Stop(ctx), in.name)
	})
}

// url is the address of path on the instance's HTTP server.
func (in *instance) url(path string) string { return "http://" + in.http.Addr() + path }

// waitLog waits until the instance logged message, and returns the first such entry.
func (in *instance) waitLog(message string) observer.LoggedEntry {
	in.t.Helper()
	var found []observer.LoggedEntry
	require.Eventually(in.t, func() bool {
		found = in.logs.FilterMessage(message).All()
		return len(found) > 0
	}, wait, 10*time.Millisecond, "%s did not log %q", in.name, message)
	return found[0]
}

// logged counts the instance's log entries whose message contains part.
func (in *instance) logged(part string) int {
	return in.logs.FilterMessageSnippet(part).Len()
}

// get GETs url and returns the status code and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	return do(t, req)
}

// postUpdate POSTs body to a webhook as Telegram would, with secret as its secret token ("" for none).
func postUpdate(t *testing.T, url, secret string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(httpserver.SecretTokenHeader, secret)
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := (&http.Client{Timeout: 2 * wait}).Do(req)
	if !assert.NoError(t, err) {
		return 0, ""
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	assert.NoError(t, err)
	return resp.StatusCode, string(body)
}

// count runs a count query on the database at dbURL.
func count(t *testing.T, dbURL, query string, args ...any) int {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dbURL)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	var n int
	require.NoError(t, conn.QueryRow(t.Context(), query, args...).Scan(&n))
	return n
}

// tcpProxy stands between an instance and PostgreSQL, to take the database away and give it back.
type tcpProxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	down  bool
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &tcpProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(func() {
		_ = ln.Close()
		p.cut()
		p.wg.Wait()
	})
	return p
}

func (p *tcpProxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		if !p.track(client, server) {
			_ = client.Close() // PostgreSQL "unavailable": the connection ends at once
			_ = server.Close()
			continue
		}
		p.wg.Add(2)
		go p.pipe(client, server)
		go p.pipe(server, client)
	}
}

// track keeps conns to close them on a cut; while cut, it refuses them (false).
func (p *tcpProxy) track(conns ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.down {
		return false
	}
	for _, c := range conns {
		p.conns[c] = true
	}
	return true
}

func (p *tcpProxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	_, _ = io.Copy(dst, src)
	_ = dst.Close()
	_ = src.Close()
}

// cut closes every connection and refuses new ones until restore.
func (p *tcpProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		_ = c.Close()
	}
	clear(p.conns)
}

func (p *tcpProxy) restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = false
}

// hostOf is the host:port of a database URL.
func hostOf(t *testing.T, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	return u.Host
}

// through returns dbURL with its host replaced by the proxy's address.
func (p *tcpProxy) through(t *testing.T, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	u.Host = p.ln.Addr().String()
	return u.String()
}

// metricLine is the line of a Prometheus text exposition that starts with series, "" if none.
func metricLine(exposition, series string) string {
	for line := range strings.Lines(exposition) {
		if strings.HasPrefix(line, series+" ") {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// metricValue is the value of series in exposition, -1 if absent.
func metricValue(exposition, series string) float64 {
	line := metricLine(exposition, series)
	if line == "" {
		return -1
	}
	var v float64
	_, _ = fmt.Sscan(line[len(series)+1:], &v)
	return v
}
