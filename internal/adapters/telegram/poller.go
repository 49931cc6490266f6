package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"
)

// Poller receives updates by long polling. Unlike go-telegram/bot's own poller, which confirms
// updates as soon as they are read, it advances the offset only past updates that were handled,
// so an update read but not handled (a crash, a stop, a failure) is delivered again.
type Poller struct {
	http       *http.Client
	url        string
	timeout    time.Duration
	allowed    []string
	dispatcher *Dispatcher
	log        *zap.Logger

	stop chan struct{}
	done chan struct{}
}

// NewPoller builds a Poller for the Bot API at apiURL.
func NewPoller(apiURL, token string, timeout time.Duration, d *Dispatcher, log *zap.Logger) *Poller {
	return &Poller{
		http:       &http.Client{Timeout: timeout + 15*time.Second},
		url:        apiURL + "/bot" + token + "/getUpdates",
		timeout:    timeout,
		allowed:    AllowedUpdates,
		dispatcher: d,
		log:        log,
		stop:       make(chan struct{}),
		done:       make(chan struct{}),
	}
}

// Start begins polling in the background.
func (p *Poller) Start() {
	go p.run()
}

// Stop stops intake, waits for the updates under way to finish and confirms them to Telegram,
// or gives up when ctx ends.
func (p *Poller) Stop(ctx context.Context) error {
	close(p.stop)
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stop polling: %w", ctx.Err())
	}
}

func (p *Poller) run() {
	defer close(p.done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-p.stop:
			cancel() // abandons the long poll in flight: nothing it holds was confirmed
		case <-p.done:
		}
	}()
	var offset, sent int64
	backoff := newBackoff(100*time.Millisecond, 5*time.Second)
	for !stopped(p.stop) {
		updates, err := p.fetch(ctx, offset, p.timeout)
		if err != nil {
			if !stopped(p.stop) {
				p.log.Warn("getUpdates failed", zap.Error(err))
				p.sleep(backoff.next())
			}
			continue
		}
		sent = offset
		if len(updates) == 0 {
			backoff.reset()
			continue
		}
		handled := p.dispatcher.Run(p.stop, updates)
		next := nextOffset(offset, updates, handled)
		if len(handled) < len(updates) && !stopped(p.stop) {
			p.sleep(backoff.next()) // something failed: give the database a moment
		} else {
			backoff.reset()
		}
		offset = next
	}
	if offset > sent {
		p.confirm(offset)
	}
}

// confirm tells Telegram that updates below offset are handled, so a restart does not get them again.
func (p *Poller) confirm(offset int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := p.fetch(ctx, offset, 0); err != nil {
		p.log.Warn("confirming handled updates failed: they will be delivered again and skipped", zap.Int64("offset", offset), zap.Error(err))
		return
	}
	p.log.Info("confirmed handled updates", zap.Int64("offset", offset))
}

// nextOffset is the offset past the longest run of handled updates: an unhandled update and
// everything after it will be delivered again.
func nextOffset(offset int64, updates []*models.Update, handled map[int64]bool) int64 {
	ids := make([]int64, len(updates))
	for i, u := range updates {
		ids[i] = u.ID
	}
	slices.Sort(ids)
	for _, id := range ids {
		if !handled[id] {
			return max(offset, id)
		}
		offset = max(offset, id+1)
	}
	return offset
}

type getUpdatesRequest struct {
	Offset         int64    `json:"offset,omitempty"`
	Limit          int      `json:"limit"`
	Timeout        int      `json:"timeout"`
	AllowedUpdates []string `json:"allowed_updates"`
}

type getUpdatesResponse struct {
	OK          bool             `json:"ok"`
	Result      []*models.Update `json:"result"`
	ErrorCode   int              `json:"error_code"`
	Description string           `json:"description"`
}

var errGetUpdates = errors.New("getUpdates refused")

func (p *Poller) fetch(ctx context.Context, offset int64, timeout time.Duration) ([]*models.Update, error) {
	body, err := json.Marshal(getUpdatesRequest{Offset: offset, Limit: 100, Timeout: int(timeout.Seconds()), AllowedUpdates: p.allowed})
	if err != nil {
		return nil, fmt.Errorf("encode getUpdates: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build getUpdates request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", redactToken(err))
	}
	defer resp.Body.Close()
	var r getUpdatesResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return nil, fmt.Errorf("decode getUpdates answer (HTTP %d): %w", resp.StatusCode, err)
	}
	if !r.OK {
		return nil, fmt.Errorf("%w: %d %s", errGetUpdates, r.ErrorCode, r.Description)
	}
	return r.Result, nil
}

// redactToken keeps the bot token out of logged URLs.
func redactToken(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (p *Poller) sleep(d time.Duration) {
	select {
	case <-time.After(d):
	case <-p.stop:
	}
}

type backoff struct{ cur, base, cap time.Duration }

func newBackoff(base, cap time.Duration) *backoff { return &backoff{base: base, cap: cap} }

func (b *backoff) next() time.Duration {
	b.cur = min(max(b.cur*2, b.base), b.cap)
	return b.cur
}

func (b *backoff) reset() { b.cur = 0 }
