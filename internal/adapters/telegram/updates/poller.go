package updates

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"
)

// Poller receives updates by long polling. Unlike go-telegram/bot's own poller, which confirms
// updates as soon as they are read, it advances the offset only past updates that were handled,
// so an update read but not handled (a crash, a stop) is delivered again. It keeps fetching
// while slow chats drain: new updates go to their chat's line at once, and an update fetched
// again while it waits or after it was handled is skipped without touching the database.
type Poller struct {
	http       *http.Client
	url        string
	timeout    time.Duration
	allowed    []string
	dispatcher *Dispatcher
	log        *zap.Logger
	// recheck is how soon to ask again while updates are held and nothing new came.
	recheck time.Duration
	// refetch is the pause before asking again after new updates came among held ones.
	refetch time.Duration

	stop chan struct{}
	done chan struct{}
}

// PollerConfig is what a Poller needs to know of the Bot API it polls.
type PollerConfig struct {
	APIURL  string        // base URL of the Bot API server
	Token   string        // the bot's token
	Timeout time.Duration // long-poll wait of one getUpdates
	Allowed []string      // the update types to ask for
	// Transport carries the getUpdates calls (to count them, say); nil: http.DefaultTransport.
	Transport http.RoundTripper
}

// NewPoller builds a Poller for the Bot API of c, handing the updates to d.
func NewPoller(c PollerConfig, d *Dispatcher, log *zap.Logger) *Poller {
	return &Poller{
		http:       &http.Client{Timeout: c.Timeout + 15*time.Second, Transport: c.Transport},
		url:        c.APIURL + "/bot" + c.Token + "/getUpdates",
		timeout:    c.Timeout,
		allowed:    c.Allowed,
		dispatcher: d,
		log:        log,
		recheck:    250 * time.Millisecond,
		refetch:    5 * time.Millisecond,
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
	w := newPollWindow()
	finished := make(chan struct{}, 1)
	q := p.dispatcher.NewQueue(p.stop, func(upd *models.Update, handled bool) {
		w.finish(upd.ID, handled)
		select {
		case finished <- struct{}{}:
		default:
		}
	})
	pause := newFetchPause(100*time.Millisecond, 5*time.Second)
	for !stopped(p.stop) {
		offset := w.offset()
		updates, err := p.fetch(ctx, offset, p.timeout)
		if err != nil {
			if !stopped(p.stop) {
				p.log.Warn("getUpdates failed", zap.Error(err))
				p.sleep(pause.next())
			}
			continue
		}
		pause.reset()
		w.confirmed(offset)
		fresh, err := w.admit(updates)
		if err != nil {
			p.log.Warn("getUpdates answered an update that cannot be read", zap.Error(err))
			p.sleep(pause.next())
			continue
		}
		for _, u := range fresh {
			q.Push(u)
		}
		p.pace(len(updates), len(fresh), finished)
	}
	q.Wait()
	if offset := w.offset(); offset > w.sent {
		p.confirm(offset)
	}
}

// pace waits before the next getUpdates when the last one answered updates already held: Telegram
// answers at once while any update from the offset on is pending, so asking again at once
// would only fetch the same updates again. It waits refetch, for the new updates that come
// meanwhile to make a batch; when only held updates came, it then waits for one of them to be
// done (the offset may move) or recheck, for the new ones of other chats.
func (p *Poller) pace(got, fresh int, finished <-chan struct{}) {
	if got == 0 || got == fresh {
		return // a long poll that timed out, or only new updates: ask again at once
	}
	select {
	case <-time.After(p.refetch):
	case <-p.stop:
		return
	}
	if fresh > 0 {
		return
	}
	select {
	case <-finished:
	case <-time.After(p.recheck - p.refetch):
	case <-p.stop:
	}
}

// pollWindow is what the poller holds of the updates Telegram has not been told are handled: those
// waiting or under way, and those done but above one that is not (the offset cannot pass it).
// getUpdates returns at most 100 updates from the offset, and the offset never passes an
// update held, so the window holds at most 100 updates.
type pollWindow struct {
	mu   sync.Mutex
	held map[int64]bool // id -> done
	next int64          // one past the highest id seen
	sent int64          // the offset Telegram was last given: everything below it is confirmed
}

func newPollWindow() *pollWindow { return &pollWindow{held: map[int64]bool{}} }

// offset is the getUpdates offset that confirms every update done with below the oldest one
// that is not.
func (w *pollWindow) offset() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	offset := w.next
	for id, done := range w.held {
		if !done {
			offset = min(offset, id)
		}
	}
	return offset
}

// confirmed notes that Telegram was given offset: the done updates below it are forgotten.
func (w *pollWindow) confirmed(offset int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sent = max(w.sent, offset)
	for id, done := range w.held {
		if done && id < offset {
			delete(w.held, id)
		}
	}
}

// admit decodes the updates of a batch not held yet and holds them, in id order; those held or
// confirmed already are skipped undecoded. Only the poller's goroutine admits, so what it finds
// fresh stays fresh while it decodes without the lock (finish only marks held updates done).
func (w *pollWindow) admit(raws []json.RawMessage) ([]*models.Update, error) {
	var fresh []json.RawMessage
	w.mu.Lock()
	for _, raw := range raws {
		id, err := updateID(raw)
		if err != nil {
			w.mu.Unlock()
			return nil, err
		}
		if _, ok := w.held[id]; !ok && id >= w.sent {
			fresh = append(fresh, raw)
		}
	}
	w.mu.Unlock()
	updates := make([]*models.Update, 0, len(fresh))
	for _, raw := range fresh {
		u, err := decodeUpdate(raw)
		if err != nil {
			return nil, err
		}
		updates = append(updates, u)
	}
	slices.SortFunc(updates, func(a, b *models.Update) int { return cmp.Compare(a.ID, b.ID) })
	updates = slices.CompactFunc(updates, func(a, b *models.Update) bool { return a.ID == b.ID })
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, u := range updates {
		w.held[u.ID] = false
		w.next = max(w.next, u.ID+1)
	}
	return updates, nil
}

// finish notes an update done with. One left (the queue stopped) stays held and not done, so
// the offset stops before it and Telegram delivers it again.
func (w *pollWindow) finish(id int64, handled bool) {
	if !handled {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.held[id] = true
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

type getUpdatesRequest struct {
	Offset         int64    `json:"offset,omitempty"`
	Limit          int      `json:"limit"`
	Timeout        int      `json:"timeout"`
	AllowedUpdates []string `json:"allowed_updates"`
}

var errGetUpdates = errors.New("getUpdates refused")

func (p *Poller) fetch(ctx context.Context, offset int64, timeout time.Duration) ([]json.RawMessage, error) {
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
		return nil, fmt.Errorf("getUpdates: %w", RedactToken(err))
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read getUpdates answer (HTTP %d): %w", resp.StatusCode, RedactToken(err))
	}
	r, err := readAnswer(answer)
	if err != nil {
		return nil, fmt.Errorf("decode getUpdates answer (HTTP %d): %w", resp.StatusCode, err)
	}
	if !r.OK {
		return nil, fmt.Errorf("%w: %d %s", errGetUpdates, r.ErrorCode, r.Description)
	}
	return r.Result, nil
}

// RedactToken keeps the bot token out of logged URLs: the error of a request without its URL.
func RedactToken(err error) error {
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

// fetchPause is the pause after a failed getUpdates: base, doubled after each failure in a row,
// at most ceiling; reset after a success.
type fetchPause struct{ cur, base, ceiling time.Duration }

func newFetchPause(base, ceiling time.Duration) *fetchPause {
	return &fetchPause{base: base, ceiling: ceiling}
}

func (p *fetchPause) next() time.Duration {
	p.cur = min(max(p.cur*2, p.base), p.ceiling)
	return p.cur
}

func (p *fetchPause) reset() { p.cur = 0 }
