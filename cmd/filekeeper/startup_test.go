package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/config"
)

// The start as a person sees it at a terminal: the program in a process of its own,
// LOG_FORMAT=console (as under make run), its whole output.

// TestHelperProcess is the program itself when another test runs this test binary with
// FILEKEEPER_HELPER=1: main's run with the arguments after "--".
func TestHelperProcess(t *testing.T) {
	if os.Getenv("FILEKEEPER_HELPER") != "1" {
		t.Skip("the program, for the tests that run it")
	}
	os.Exit(run(flag.Args(), os.Stderr))
}

// output is a process's combined output, safe to read while it runs.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// process is the binary running with env (on top of a minimal environment), in a directory
// without a .env; it is killed when the test ends.
type process struct {
	cmd  *exec.Cmd
	out  *output
	done chan error
}

func startBinary(t *testing.T, args []string, env ...string) *process {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, args...)...)
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{"FILEKEEPER_HELPER=1", "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "LOG_FORMAT=console", "HTTP_ADDR=127.0.0.1:0"}, env...)
	p := &process{cmd: cmd, out: &output{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	require.NoError(t, cmd.Start())
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.done
	})
	return p
}

// exitCode waits for the process to exit, within limit.
func (p *process) exitCode(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // for the cleanup
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		require.NoError(t, err)
		return 0
	case <-time.After(limit):
		t.Fatalf("still running after %v; output:\n%s", limit, p.out)
		return -1
	}
}

// waitOutput waits until the output contains part.
func (p *process) waitOutput(t *testing.T, part string) string {
	t.Helper()
	require.Eventually(t, func() bool { return strings.Contains(p.out.String(), part) }, 30*time.Second, 20*time.Millisecond,
		"no %q in the output:\n%s", part, p.out)
	return p.out.String()
}

// hangingBotAPI accepts connections and never answers; it counts the getMe calls.
func hangingBotAPI(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var getMe atomic.Int32
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			getMe.Add(1)
		}
		hang(r, stop)
	}))
	t.Cleanup(func() { close(stop); srv.Close() })
	return srv, &getMe
}

// hang holds a request until the client goes away or stop is closed. The body is read first: the
// server notices a client gone only once it has.
func hang(r *http.Request, stop <-chan struct{}) {
	_, _ = io.Copy(io.Discard, r.Body)
	select {
	case <-r.Context().Done():
	case <-stop:
	}
}

// assertSaidOnce checks a failed start's output: the reason once, plainly, and nothing of fx's.
func assertSaidOnce(t *testing.T, out string, reasons ...string) {
	t.Helper()
	assert.Equal(t, 1, strings.Count(out, "filekeeper: cannot start:"), "one failure line:\n%s", out)
	for _, reason := range reasons {
		assert.Equal(t, 1, strings.Count(out, reason), "%q once:\n%s", reason, out)
	}
	for _, noise := range []string{"OnStart hook", "rolling back", "go.uber.org/fx", "stacktrace", "goroutine ", "ERROR", tgtest.Token} {
		assert.NotContains(t, out, noise, "output:\n%s", out)
	}
}

func TestAStartErrorIsSaidOnceInPlainWords(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	token := "BOT_TOKEN=" + tgtest.Token
	t.Run("a PostgreSQL server that does not answer", func(t *testing.T) {
		p := startBinary(t, []string{"run"}, token, "BOT_API_URL="+api.URL(),
			"DATABASE_URL=postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
		assert.Equal(t, exitFailed, p.exitCode(t, 30*time.Second))
		assertSaidOnce(t, p.out.String(), "cannot connect to PostgreSQL at 127.0.0.1:1/none (connection refused): check DATABASE_URL")
	})
	t.Run("a Bot API that never answers, after BOT_API_STARTUP_TIMEOUT", func(t *testing.T) {
		hang, getMe := hangingBotAPI(t)
		begin := time.Now()
		p := startBinary(t, []string{"run"}, token, "BOT_API_URL="+hang.URL, "DATABASE_URL="+pgtest.NewDatabase(t),
			"BOT_API_STARTUP_TIMEOUT=3s", "BOT_API_TIMEOUT=500ms", "BOT_API_RETRIES=0")
		assert.Equal(t, exitFailed, p.exitCode(t, 60*time.Second))
		assert.GreaterOrEqual(t, time.Since(begin), 3*time.Second, "it waited the whole BOT_API_STARTUP_TIMEOUT")
		assert.GreaterOrEqual(t, getMe.Load(), int32(2), "getMe was tried again")
		assertSaidOnce(t, p.out.String(), hang.URL+" did not answer getMe within 3s")
		assert.Contains(t, p.out.String(), "HTTPS_PROXY")
		assert.Contains(t, p.out.String(), "BOT_API_URL")
	})
	t.Run("root without DATABASE_URL is refused before anything starts", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("only root is refused; TestRootNeedsADatabaseURL in internal/config covers the rule")
		}
		p := startBinary(t, []string{"run"}, token, "BOT_API_URL="+api.URL())
		assert.Equal(t, exitUsage, p.exitCode(t, 30*time.Second))
		out := p.out.String()
		assert.Contains(t, out, "the embedded PostgreSQL cannot run as root")
		assert.NotContains(t, out, "embedded postgres", "nothing was started")
		assert.Empty(t, api.Calls(), "nothing was called")
	})
}

func TestTheReadyLineComesOnceTheBotCanAnswer(t *testing.T) {
	t.Run("run", func(t *testing.T) {
		api := tgtest.NewServer()
		t.Cleanup(api.Close)
		p := startBinary(t, []string{"run"}, "BOT_TOKEN="+tgtest.Token, "BOT_API_URL="+api.URL(), "DATABASE_URL="+pgtest.NewDatabase(t), "POLL_TIMEOUT=1s")
		out := p.waitOutput(t, "File Keeper is ready")
		assert.Equal(t, 1, strings.Count(out, "is ready"), "one ready line:\n%s", out)
		line := lineWith(out, "File Keeper is ready")
		for _, part := range []string{"@filekeeper_test_bot", api.URL(), "long polling", "database: PostgreSQL at 127.0.0.1:5432/", "/healthz"} {
			assert.Contains(t, line, part)
		}
		assert.Less(t, strings.Index(out, "bot started"), strings.Index(out, line), "ready only after getMe and setMyCommands")
		stopBinary(t, p)
	})
	t.Run("sandbox", func(t *testing.T) {
		addr := freeAddr(t)
		p := startBinary(t, []string{"sandbox"}, "SANDBOX_ADDR="+addr, "SANDBOX_FILES_DIR="+t.TempDir(), "DATABASE_URL="+pgtest.NewDatabase(t))
		out := p.waitOutput(t, "File Keeper sandbox is ready")
		line := lineWith(out, "File Keeper sandbox is ready")
		assert.Contains(t, line, "open http://"+addr)
		assert.Contains(t, out, "database: PostgreSQL at 127.0.0.1:5432/")
		assert.Equal(t, 1, strings.Count(out, "is ready"), "one ready line:\n%s", out)
		assert.Less(t, strings.Index(out, "bot started"), strings.Index(out, line), "ready only after the bot started")
		stopBinary(t, p)
	})
}

// TestTheBotAPIIsReachedThroughTheProxyOfTheEnvironment: with HTTP_PROXY set (HTTPS_PROXY for an
// https:// BOT_API_URL), getMe and getUpdates go through the proxy.
func TestTheBotAPIIsReachedThroughTheProxyOfTheEnvironment(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	target, err := url.Parse(api.URL())
	require.NoError(t, err)
	var methods sync.Map
	proxy := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		methods.Store(r.In.URL.Host+":"+r.In.URL.Path[strings.LastIndex(r.In.URL.Path, "/")+1:], true)
		r.SetURL(target)
	}})
	t.Cleanup(proxy.Close)
	// A host that resolves nowhere: only the proxy can reach it (and localhost is never proxied).
	p := startBinary(t, []string{"run"}, "BOT_TOKEN="+tgtest.Token, "BOT_API_URL=http://bot-api.invalid",
		"HTTP_PROXY="+proxy.URL, "DATABASE_URL="+pgtest.NewDatabase(t), "POLL_TIMEOUT=1s")
	p.waitOutput(t, "File Keeper is ready")
	require.Eventually(t, func() bool {
		_, polled := methods.Load("bot-api.invalid:getUpdates")
		return polled
	}, 30*time.Second, 20*time.Millisecond, "getUpdates did not go through the proxy")
	_, gotMe := methods.Load("bot-api.invalid:getMe")
	assert.True(t, gotMe, "getMe went through the proxy")
	stopBinary(t, p)
}

// TestGetMeIsTriedAgainUntilTheBotAPIAnswers: a Bot API that does not answer the first tries
// delays the start, without failing it.
func TestGetMeIsTriedAgainUntilTheBotAPIAnswers(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	target, err := url.Parse(api.URL())
	require.NoError(t, err)
	var getMe atomic.Int32
	stop := make(chan struct{})
	forward := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target) }}
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getMe") && getMe.Add(1) <= 2 {
			hang(r, stop) // the first two tries hang
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(stop); flaky.Close() })

	cfg, err := config.Load("testdata/absent.env")
	require.NoError(t, err)
	cfg.BotToken, cfg.BotAPIURL, cfg.DatabaseURL = tgtest.Token, flaky.URL, pgtest.NewDatabase(t)
	cfg.HTTPAddr, cfg.PollTimeout = "127.0.0.1:0", time.Second
	cfg.BotAPITimeout, cfg.BotAPIRetries, cfg.BotAPIStartupTimeout = 300*time.Millisecond, 0, 30*time.Second
	require.NoError(t, cfg.Validate())
	core, logs := observer.New(zapcore.InfoLevel)
	log := zap.New(zapcore.NewTee(zaptest.NewLogger(t).Core(), core))
	application := fx.New(Options(cfg, log))
	ctx, cancel := context.WithTimeout(t.Context(), application.StartTimeout())
	defer cancel()
	require.NoError(t, application.Start(ctx))
	defer func() { assert.NoError(t, application.Stop(context.Background())) }()
	assert.Equal(t, int32(3), getMe.Load())
	assert.Equal(t, 2, logs.FilterMessageSnippet("trying again").Len())
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "setMyCommands" })
}

func TestFxStartTimeoutOutlastsTheStartupWaits(t *testing.T) {
	for _, wait := range []time.Duration{time.Second, time.Minute, 10 * time.Minute} {
		cfg, err := config.Load("testdata/absent.env")
		require.NoError(t, err)
		cfg.BotToken, cfg.BotAPIStartupTimeout = tgtest.Token, wait
		application := fx.New(Options(cfg, zap.NewNop()))
		assert.Greater(t, application.StartTimeout(), wait+time.Minute, "BOT_API_STARTUP_TIMEOUT=%v and the embedded PostgreSQL's minute", wait)
	}
	assert.Equal(t, telegram.DefaultStartupTimeout, time.Minute)
}

func lineWith(out, part string) string {
	for line := range strings.SplitSeq(out, "\n") {
		if strings.Contains(line, part) {
			return line
		}
	}
	return ""
}

func stopBinary(t *testing.T, p *process) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, exitOK, p.exitCode(t, 15*time.Second), "output:\n%s", p.out)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}
