package telegram

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the Telegram adapter's Prometheus metrics. A nil *Metrics records nothing, so the
// adapter's constructors work without them.
type Metrics struct {
	updates     *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	calls       *prometheus.CounterVec
	floodWaits  *prometheus.CounterVec
	floodWaited prometheus.Counter
}

// Update outcomes, the outcome label of filekeeper_updates_total and of the log line of an update.
const (
	outcomeHandled   = "handled"   // its effects committed
	outcomeDuplicate = "duplicate" // handled before: nothing changed
	outcomeFailed    = "failed"    // nothing committed: it will be delivered again
	outcomePanicked  = "panicked"  // the handler panicked: parked, the user got an apology
	outcomeParked    = "parked"    // it could not be handled: parked, the user was told
)

// NewMetrics makes the metrics; Register them with a registry.
func NewMetrics() *Metrics {
	return &Metrics{
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "filekeeper_updates_total",
			Help: "Telegram updates handled, by type (message, callback_query, inline_query …) and outcome (handled, duplicate, failed, panicked, parked).",
		}, []string{"type", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "filekeeper_update_duration_seconds",
			Help:    "Time to handle one update, retries and the reply included, by type.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"type"}),
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "filekeeper_botapi_calls_total",
			Help: "Bot API requests, by method and outcome (ok, too_many_requests, forbidden, bad_request, conflict, error, network_error).",
		}, []string{"method", "outcome"}),
		floodWaits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "filekeeper_botapi_flood_waits_total",
			Help: "Bot API answers 429 Too Many Requests, each asking the bot to wait retry_after seconds, by method.",
		}, []string{"method"}),
		floodWaited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "filekeeper_botapi_flood_wait_seconds_total",
			Help: "Seconds the Bot API asked the bot to wait (retry_after of 429 answers).",
		}),
	}
}

// Register registers every metric with reg.
func (m *Metrics) Register(reg prometheus.Registerer) error {
	for _, c := range []prometheus.Collector{m.updates, m.duration, m.calls, m.floodWaits, m.floodWaited} {
		if err := reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}

func (m *Metrics) observeUpdate(kind, outcome string, took time.Duration) {
	if m == nil {
		return
	}
	m.updates.WithLabelValues(kind, outcome).Inc()
	m.duration.WithLabelValues(kind).Observe(took.Seconds())
}

// Transport counts the Bot API requests made through next (http.DefaultTransport if nil).
func (m *Metrics) Transport(next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	if m == nil {
		return next
	}
	return countingTransport{next: next, m: m}
}

type countingTransport struct {
	next http.RoundTripper
	m    *Metrics
}

func (t countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := apiMethod(req.URL.Path)
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		t.m.calls.WithLabelValues(method, "network_error").Inc()
		return resp, err
	}
	t.m.calls.WithLabelValues(method, callOutcome(resp.StatusCode)).Inc()
	if resp.StatusCode == http.StatusTooManyRequests {
		t.m.floodWaits.WithLabelValues(method).Inc()
		t.m.floodWaited.Add(float64(retryAfter(resp)))
	}
	return resp, nil
}

// apiMethod is the Bot API method of a request path, …/bot<token>/<method> (BOT_API_URL may
// have a path of its own): the token never becomes a label, and anything but a method name —
// a file download, …/file/bot<token>/<file_path> — is "other".
func apiMethod(path string) string {
	i := strings.LastIndexByte(path, '/')
	if i < 0 || !strings.Contains(path[:i], "/bot") || strings.Contains(path, "/file/bot") {
		return "other"
	}
	method := path[i+1:]
	if method == "" || strings.IndexFunc(method, func(r rune) bool { return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') }) >= 0 {
		return "other"
	}
	return method
}

func callOutcome(status int) string {
	switch {
	case status >= 200 && status < 300:
		return "ok"
	case status == http.StatusTooManyRequests:
		return "too_many_requests"
	case status == http.StatusForbidden:
		return "forbidden"
	case status == http.StatusBadRequest:
		return "bad_request"
	case status == http.StatusConflict:
		return "conflict"
	}
	return "error"
}

// retryAfter reads parameters.retry_after of a 429 answer, putting the body back for the client.
func retryAfter(resp *http.Response) int {
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return 0
	}
	var answer struct {
		Parameters struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if json.Unmarshal(body, &answer) == nil && answer.Parameters.RetryAfter > 0 {
		return answer.Parameters.RetryAfter
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
		return s
	}
	return 0
}
