// Package httpserver is the HTTP adapter: it serves Telegram's webhook, handing each update to an
// UpdateHandler (the Telegram adapter, bound by fx: adapters do not import each other), and, for
// the platform running the bot, /healthz (the process is up), /readyz (it can serve: a
// ReadinessChecker says the database is reachable and migrated) and /metrics (Prometheus).
package httpserver

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.uber.org/zap"
)

// DefaultAddr is where the server listens unless told otherwise: this host only.
const DefaultAddr = "127.0.0.1:8081"

// SecretTokenHeader carries the webhook's secret token on every delivery from Telegram.
const SecretTokenHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxUpdateSize bounds a webhook body; Telegram's updates are a few kilobytes.
const maxUpdateSize = 4 << 20

// Config tells where to listen and whether to take webhook deliveries.
type Config struct {
	// Addr is host:port; port 0 picks a free port (see Server.Addr).
	Addr string
	// WebhookPath is the path Telegram POSTs updates to (the path of the webhook URL); empty
	// means no webhook endpoint (long polling).
	WebhookPath string
	// WebhookSecret must match the secret token header of every delivery.
	WebhookSecret string
}

// UpdateHandler handles one update, given as the JSON body Telegram POSTed. It returns only when
// the update's effects are committed (nil: the delivery is answered 200, and a duplicate of an
// update handled before is no error). An error that matches ErrMalformed, or has a
// Malformed() bool method returning true, means the body can never be handled (400); any other
// error means nothing was committed and Telegram must deliver the update again (503).
type UpdateHandler interface {
	HandleUpdate(ctx context.Context, body []byte) error
}

// ReadinessChecker tells whether the application can serve: nil when it can.
type ReadinessChecker interface {
	Ready(ctx context.Context) error
}

// Degradation is what a ReadinessChecker may also tell: what the application does without while
// it still serves (e.g. a shared store out of reach), "" when nothing. /readyz then answers 200
// "ready, degraded: <reason>": the instance is kept in the load balancer, and an operator sees why.
type Degradation interface {
	Degraded() string
}

// ErrMalformed marks a webhook body that is not an update.
var ErrMalformed = errors.New("malformed update")

// readyTimeout bounds one readiness check, well within a probe's usual timeout.
const readyTimeout = 3 * time.Second

// Server is the HTTP server. Nothing listens until Start.
type Server struct {
	cfg      Config
	updates  UpdateHandler
	ready    ReadinessChecker
	gatherer prometheus.Gatherer
	log      *zap.Logger
	requests *prometheus.CounterVec
	// refusals rate-limits the warning about deliveries without the right secret: anyone who
	// can reach the port can send them, as fast as they like.
	refusals *everyInterval

	mu   sync.Mutex
	http *http.Server
	addr string
	done chan struct{}

	readyMu  sync.Mutex
	notReady string // the reason /readyz last failed with, "" when it last passed
}

// New builds a Server. updates may be nil when cfg has no WebhookPath; reg serves /metrics, and
// the server's own metric (webhook requests by status code) is registered with it.
func New(cfg Config, updates UpdateHandler, ready ReadinessChecker, reg *prometheus.Registry, log *zap.Logger) (*Server, error) {
	s := &Server{cfg: cfg, updates: updates, ready: ready, gatherer: reg, log: log, refusals: newEveryInterval(time.Minute, time.Now),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "filekeeper_webhook_requests_total",
			Help: "Webhook deliveries answered, by HTTP status code.",
		}, []string{"code"})}
	if err := reg.Register(s.requests); err != nil {
		return nil, fmt.Errorf("register the webhook metric: %w", err)
	}
	return s, nil
}

// NewRegistry is a Prometheus registry with the Go runtime's and the process's metrics.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// Handler is the server's routing, for tests and for mounting elsewhere.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { writeText(w, http.StatusOK, "ok") })
	mux.HandleFunc("GET /readyz", s.serveReady)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.gatherer, promhttp.HandlerOpts{}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The webhook's path comes from configuration: compared as is, never read as a pattern.
		if s.cfg.WebhookPath != "" && r.URL.Path == s.cfg.WebhookPath {
			s.serveWebhook(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// Start listens on Addr and serves in the background.
func (s *Server) Start(context.Context) error {
	if s.cfg.WebhookPath != "" && (s.updates == nil || s.cfg.WebhookSecret == "") {
		return errors.New("http server: a webhook needs an update handler and a secret token")
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("http server: listen on HTTP_ADDR %s: %w", s.cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          zap.NewStdLog(s.log.Named("net_http")),
	}
	done := make(chan struct{})
	s.mu.Lock()
	s.http, s.addr, s.done = srv, ln.Addr().String(), done
	s.mu.Unlock()
	go func() {
		defer close(done)
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server stopped serving", zap.Error(err))
		}
	}()
	s.log.Info("http server listening", zap.String("addr", ln.Addr().String()), zap.Bool("webhook", s.cfg.WebhookPath != ""))
	return nil
}

// Stop stops taking requests and waits for those under way (webhook updates being handled) until
// ctx ends; then it closes the connections left.
func (s *Server) Stop(ctx context.Context) error {
	s.mu.Lock()
	srv, done := s.http, s.done
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("http server: shut down: %w", err)
	}
	<-done
	s.log.Info("http server stopped")
	return nil
}

// Addr is the address the server listens on, with the port it got; "" before Start.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	err := s.ready.Ready(ctx)
	s.logReadiness(err)
	if err != nil {
		// The reason stays in the log: a database's error text (hosts, users, schema) is not for
		// whoever can reach the port.
		writeText(w, http.StatusServiceUnavailable, "not ready: see the bot's log")
		return
	}
	if d, ok := s.ready.(Degradation); ok {
		if reason := d.Degraded(); reason != "" {
			writeText(w, http.StatusOK, "ready, degraded: "+reason)
			return
		}
	}
	writeText(w, http.StatusOK, "ready")
}

// logReadiness logs a readiness failure once per change of reason, and the return to ready, so a
// probe polling every few seconds does not flood the log.
func (s *Server) logReadiness(err error) {
	reason := ""
	if err != nil {
		reason = err.Error()
	}
	s.readyMu.Lock()
	changed := reason != s.notReady
	s.notReady = reason
	s.readyMu.Unlock()
	switch {
	case !changed:
	case err != nil:
		s.log.Warn("not ready", zap.Error(err))
	default:
		s.log.Info("ready again")
	}
}

func (s *Server) serveWebhook(w http.ResponseWriter, r *http.Request) {
	code := s.webhook(w, r)
	s.requests.WithLabelValues(strconv.Itoa(code)).Inc()
	if code == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", http.MethodPost)
	}
	writeText(w, code, http.StatusText(code))
}

// webhook takes one delivery and returns the status to answer.
func (s *Server) webhook(w http.ResponseWriter, r *http.Request) int {
	if r.Method != http.MethodPost {
		return http.StatusMethodNotAllowed
	}
	got := []byte(r.Header.Get(SecretTokenHeader))
	if subtle.ConstantTimeCompare(got, []byte(s.cfg.WebhookSecret)) != 1 {
		if suppressed, ok := s.refusals.allow(); ok {
			s.log.Warn("webhook: refused a request without the right secret token (logged at most once a minute)",
				zap.String("remote_addr", r.RemoteAddr), zap.Int("refused_unlogged", suppressed))
		}
		return http.StatusUnauthorized
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateSize))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		s.log.Warn("webhook: refused a body over the size limit", zap.Int64("limit", tooBig.Limit))
		return http.StatusRequestEntityTooLarge
	case err != nil:
		return http.StatusBadRequest // the client went away mid-body
	case !json.Valid(body):
		s.log.Warn("webhook: refused a body that is not JSON", zap.Int("size", len(body)))
		return http.StatusBadRequest
	}
	err = s.updates.HandleUpdate(r.Context(), body)
	switch {
	case err == nil:
		return http.StatusOK
	case malformed(err):
		s.log.Warn("webhook: refused a body that is no update", zap.Error(err))
		return http.StatusBadRequest
	}
	// The Telegram adapter logged why; Telegram delivers the update again.
	s.log.Debug("webhook: update not handled: answering 503", zap.Error(err))
	return http.StatusServiceUnavailable
}

func malformed(err error) bool {
	var m interface{ Malformed() bool }
	return errors.Is(err, ErrMalformed) || errors.As(err, &m) && m.Malformed()
}

func writeText(w http.ResponseWriter, code int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = io.WriteString(w, text+"\n")
}

// everyInterval lets one event through per interval and counts the others.
type everyInterval struct {
	interval time.Duration
	now      func() time.Time

	mu         sync.Mutex
	last       time.Time
	suppressed int
}

func newEveryInterval(interval time.Duration, now func() time.Time) *everyInterval {
	return &everyInterval{interval: interval, now: now}
}

// allow reports whether this event may be logged, with how many were not since the last one.
func (e *everyInterval) allow() (suppressed int, ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	if !e.last.IsZero() && now.Sub(e.last) < e.interval {
		e.suppressed++
		return 0, false
	}
	suppressed, e.suppressed, e.last = e.suppressed, 0, now
	return suppressed, true
}
