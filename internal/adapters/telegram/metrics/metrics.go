// Package metrics is the Telegram adapter's Prometheus metrics: updates handled and Bot API calls.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
)

// Recorder holds the Telegram adapter's Prometheus metrics. A nil *Recorder records nothing, so
// the adapter's constructors work without them.
type Recorder struct {
	updates     *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	calls       *prometheus.CounterVec
	floodWaits  *prometheus.CounterVec
	floodWaited prometheus.Counter
}

// New makes the metrics; Register them with a registry.
func New() *Recorder {
	return &Recorder{
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
func (m *Recorder) Register(reg prometheus.Registerer) error {
	for _, c := range []prometheus.Collector{m.updates, m.duration, m.calls, m.floodWaits, m.floodWaited} {
		if err := reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}

// ObserveUpdate counts an update of type kind with its outcome (one of the updates.Outcome
// constants) and how long it took: the dispatcher's updates.Observe.
func (m *Recorder) ObserveUpdate(kind, outcome string, took time.Duration) {
	if m == nil {
		return
	}
	m.updates.WithLabelValues(kind, outcome).Inc()
	m.duration.WithLabelValues(kind).Observe(took.Seconds())
}

// Transport counts the Bot API requests made through next (http.DefaultTransport if nil).
func (m *Recorder) Transport(next http.RoundTripper) http.RoundTripper {
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
	m    *Recorder
}

func (t countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := flood.Method(req.URL.Path)
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		t.m.calls.WithLabelValues(method, "network_error").Inc()
		return resp, err
	}
	t.m.calls.WithLabelValues(method, callOutcome(resp.StatusCode)).Inc()
	if resp.StatusCode == http.StatusTooManyRequests {
		t.m.floodWaits.WithLabelValues(method).Inc()
		t.m.floodWaited.Add(float64(flood.RetryAfter(resp)))
	}
	return resp, nil
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
