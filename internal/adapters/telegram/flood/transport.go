// Package flood keeps the bot within Telegram's limits: an http.RoundTripper that paces the Bot API
// calls (all calls, each chat, each group), honours retry_after on 429 and retries what is safe
// to retry.
package flood

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/logging"
)

// Config sets how the bot paces and retries its Bot API calls. The zero value turns it all
// off: calls go straight through and are never retried.
type Config struct {
	// GlobalPerSec bounds all calls together: at most that many start in any second
	// (Telegram: about 30 a second).
	GlobalPerSec float64
	// ChatPerSec bounds the messages sent or edited in one chat, after ChatBurst at once
	// (Telegram: about one a second, short bursts allowed).
	ChatPerSec float64
	ChatBurst  int
	// GroupPerMin bounds the messages into one group or channel: at most that many in any
	// minute, on top of ChatPerSec (Telegram: 20 a minute).
	GroupPerMin float64
	// Retries bounds the tries after the first one of a call answered 429 or 5xx, or lost to
	// the network.
	Retries int
	// Backoff is the pause before the first retry of a 5xx or network error; it doubles with
	// each retry, with jitter.
	Backoff time.Duration
	// AttemptTimeout bounds one try; a hung request is abandoned after it. 0: no bound but the
	// caller's context.
	AttemptTimeout time.Duration
	// OnFloodWait, if set, is told of every 429 answer: the method and the pause Telegram asked
	// for (the Telegram adapter counts them for /stats). It runs once the pause is in force.
	OnFloodWait func(method string, retryAfter time.Duration)
	// Shared, if set, counts the limits for all the instances of the bot together (Redis); nil
	// counts them in this process.
	Shared Shared
	// Instances is how many instances share the limits: while Shared cannot be reached, this one
	// paces its calls at 1/Instances of them. 0 or 1: the whole of them.
	Instances int
}

// off reports whether c paces and retries nothing: the zero value, whatever its hook.
func (c Config) off() bool {
	return c.GlobalPerSec == 0 && c.ChatPerSec == 0 && c.ChatBurst == 0 && c.GroupPerMin == 0 &&
		c.Retries == 0 && c.Backoff == 0 && c.AttemptTimeout == 0
}

// Transport is the http.RoundTripper every Bot API call of the client goes through: it waits
// for the call's turn under the flood limits (all calls, the chat, the group), retries a call
// answered 429 once retry_after has passed (pausing the chat meanwhile, or all calls when the
// call has no chat), and retries 5xx answers and network errors with a jittered exponential
// backoff — but a call whose outcome is unknown (sent, then the connection was lost, timed out,
// or a gateway gave up waiting) is repeated only when repeating it is harmless: a message is
// never sent twice. Requests that are not Bot API calls (file downloads) pass through as they
// are. next is http.DefaultTransport if nil.
func (c Config) Transport(next http.RoundTripper, log *zap.Logger) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	if c.off() {
		return next
	}
	limits := newLimiter(c, time.Now)
	if c.Shared != nil {
		limits = newShareLimiter(c.share(c.Instances), time.Now)
	}
	return &transport{cfg: c, next: next, log: log, limits: limits, now: time.Now}
}

type transport struct {
	cfg    Config
	next   http.RoundTripper
	log    *zap.Logger
	limits *limiter
	now    func() time.Time
}

// apiCall is what the transport needs to know of a Bot API request.
type apiCall struct {
	method string
	chat   string // chat_id as sent; "" if none
}

// sendsMessage reports whether the call puts a message into its chat (or changes one), which is
// what the per-chat limits count.
func (c apiCall) sendsMessage() bool {
	m := strings.ToLower(c.method)
	if m == "sendchataction" {
		return false
	}
	for _, prefix := range []string{"send", "edit", "copy", "forward"} {
		if strings.HasPrefix(m, prefix) {
			return true
		}
	}
	return false
}

// repeatable reports whether doing the call twice has the effect of doing it once, so it may be
// repeated when the outcome of a try is unknown. Sending, copying or forwarding is not: a user
// would get the message twice.
func (c apiCall) repeatable() bool {
	m := strings.ToLower(c.method)
	for _, prefix := range []string{"get", "edit", "set", "delete", "answercallbackquery", "answerinlinequery"} {
		if strings.HasPrefix(m, prefix) {
			return true
		}
	}
	return false
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := Method(req.URL.Path)
	if method == "other" || strings.EqualFold(method, "getUpdates") {
		return t.next.RoundTrip(req)
	}
	body, err := readBody(req)
	if err != nil {
		return nil, fmt.Errorf("bot api %s: read the request body: %w", method, err)
	}
	call, bot := apiCall{method: method, chat: chatIDOf(req, body)}, botOf(req.URL.Path)
	ctx := req.Context()
	log := logging.FromContext(ctx, t.log).WithLazy(zap.String("method", method), zap.String("chat_id", call.chat))
	for retry := 0; ; retry++ {
		if err := t.wait(ctx, bot, call); err != nil {
			return nil, err
		}
		res := t.try(req, body)
		wait, again, why := t.verdict(ctx, bot, call, res, retry)
		if !again {
			return res.resp, res.outcome()
		}
		log.Info("bot api call: retrying", zap.String("reason", why), zap.Int("retry", retry+1), zap.Duration("after", wait), zap.Error(res.err))
		if res.resp != nil {
			_ = res.resp.Body.Close()
		}
		if err := sleepUntil(ctx, t.now, t.now().Add(wait)); err != nil {
			return nil, fmt.Errorf("bot api %s: before retry %d: %w", method, retry+1, err)
		}
	}
}

// attempt is the result of one try: a response with its body read, or an error; written tells
// whether the request reached the server whole (so it may have been acted on).
type attempt struct {
	resp     *http.Response
	err      error
	written  bool
	timedOut bool
}

// try sends the request once, within the attempt timeout, and reads the whole answer.
func (t *transport) try(req *http.Request, body []byte) attempt {
	ctx := req.Context()
	cancel := context.CancelFunc(func() {})
	if t.cfg.AttemptTimeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, t.cfg.AttemptTimeout)
	}
	defer cancel()
	var written atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) { written.Store(info.Err == nil) },
	})
	r := req.Clone(ctx)
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	r.ContentLength = int64(len(body))
	resp, err := t.next.RoundTrip(r)
	if err == nil {
		var answer []byte
		answer, err = io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(answer))
		if err != nil {
			resp = nil
		}
	}
	timedOut := err != nil && req.Context().Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded)
	if timedOut {
		err = fmt.Errorf("no answer within %v: %w", t.cfg.AttemptTimeout, err)
	}
	return attempt{resp: resp, err: err, written: written.Load(), timedOut: timedOut}
}

// verdict decides whether to try again, and after how long.
func (t *transport) verdict(ctx context.Context, bot string, c apiCall, a attempt, retry int) (wait time.Duration, again bool, why string) {
	if ctx.Err() != nil {
		return 0, false, ""
	}
	delay := t.retryDelay(retry)
	switch {
	case a.err != nil && !a.written:
		why = "network error before the request was sent"
	case a.err != nil && !c.repeatable():
		return 0, false, "" // sent, then lost: it may have been done; a message must not go twice
	case a.err != nil && a.timedOut:
		why = "no answer in time (the call is safe to repeat)"
	case a.err != nil:
		why = "connection lost after sending (the call is safe to repeat)"
	case a.resp.StatusCode == http.StatusTooManyRequests:
		after := time.Duration(max(RetryAfter(a.resp), 1)) * time.Second
		t.pause(ctx, bot, c, after)
		if t.cfg.OnFloodWait != nil { // after the pause: a test sees the count once the bucket is paused
			t.cfg.OnFloodWait(c.method, after)
		}
		// The limiter waits out the pause before the retry; no delay on top.
		delay, why = 0, fmt.Sprintf("429: retry after %v", after)
		if deadline, ok := ctx.Deadline(); ok && deadline.Before(t.now().Add(after)) {
			return 0, false, "" // the caller would be gone before the pause ends
		}
	case a.resp.StatusCode == http.StatusGatewayTimeout && !c.repeatable():
		return 0, false, "" // the gateway gave up waiting: the call may have been done
	case a.resp.StatusCode >= 500:
		why = fmt.Sprintf("server error %d", a.resp.StatusCode)
	default:
		return 0, false, ""
	}
	if retry >= t.cfg.Retries {
		return 0, false, ""
	}
	return delay, true, why
}

// retryDelay is the pause before retry number retry+1 of a 5xx or network error: Config.Backoff
// doubled each time, half of it random, so instances that failed together do not retry together.
func (t *transport) retryDelay(retry int) time.Duration {
	d := t.cfg.Backoff << min(retry, 10)
	if d <= 0 {
		return 0
	}
	return d/2 + rand.N(d/2+1)
}

// readBody takes the request's whole body, so it can be sent again.
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	return io.ReadAll(req.Body)
}
