package updates

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
)

// Handler handles one update. An error means nothing was committed and the update must be
// tried again; Park is the last word for an update that cannot be handled.
type Handler interface {
	Handle(ctx context.Context, upd *models.Update) error
	// Park records an update that cannot be handled (a permanent error, a transient one that
	// outlasted its tries, a panic), with why and how many tries failed, marks it handled and
	// tells its sender something went wrong. An error means it could not be recorded: the update
	// stays to be tried again.
	Park(ctx context.Context, upd *models.Update, cause error, attempts int) error
	// Label names what handles upd, for its log line ("/start", "document", "button" …): a
	// small, bounded set.
	Label(upd *models.Update) string
}

// Observe is told of every update's outcome, for metrics: its Type, the outcome (one of the
// Outcome constants) and how long its handling took, retries included.
type Observe func(kind, outcome string, took time.Duration)

// Update outcomes, as Observe and the closing log line of an update name them.
const (
	OutcomeHandled   = "handled"   // its effects committed
	OutcomeDuplicate = "duplicate" // handled before: nothing changed
	OutcomeDropped   = "dropped"   // dropped on purpose (over a rate limit, a stranger): nothing kept
	OutcomeFailed    = "failed"    // nothing committed: it will be delivered again
	OutcomePanicked  = "panicked"  // the handler panicked: parked, the user got an apology
	OutcomeParked    = "parked"    // it could not be handled: parked, the user was told
)

// Dispatcher handles updates: polled ones as they come (a Queue), or one at a time as the
// webhook receives them (Handle). One chat's updates are handled one after another, in order;
// different chats concurrently, at most Concurrency at a time. Every update gets a request id
// carried by each of its log lines, one closing log line with its outcome and duration. An update
// whose handling fails permanently, or keeps failing, or panics, is parked: the user is told
// and the others go on.
type Dispatcher struct {
	handler     Handler
	log         *zap.Logger
	observe     Observe
	concurrency int
	timeout     time.Duration // for one handling of an update, including its retries
	retries     int           // tries again within one handling, after a transient failure
	// retryWait is the pause before the first retry of a handling (then doubled), and before the
	// second handling of a polled update that failed (then doubled, up to retryCap).
	retryWait time.Duration
	// parkAfter is how many failed handlings (each retried) of one update park it.
	parkAfter int
	// retryCap bounds the pause between two handlings of a polled update that failed.
	retryCap time.Duration
	failures *failureCounts

	chats *chatLocks    // the turns of chats whose updates arrive concurrently (webhook)
	slots chan struct{} // the concurrency bound
}

// NewDispatcher builds a Dispatcher handing updates to h, at most concurrency chats at a time,
// each handling within timeout. observe, if not nil, is told of every update's outcome.
func NewDispatcher(h Handler, log *zap.Logger, concurrency int, timeout time.Duration, observe Observe) *Dispatcher {
	concurrency = max(concurrency, 1)
	if observe == nil {
		observe = func(string, string, time.Duration) {}
	}
	return &Dispatcher{handler: h, log: log, observe: observe, concurrency: concurrency, timeout: timeout, retries: 3, retryWait: 100 * time.Millisecond,
		parkAfter: 3, retryCap: 2 * time.Second, failures: newFailureCounts(maxTrackedFailures),
		chats: newChatLocks(), slots: make(chan struct{}, concurrency)}
}

// Run handles updates and returns the ids of those done with (handled or parked): a Queue
// holding them, waited for. After stop is closed no further update starts, but those under way
// finish: they run on a context that stop does not cancel.
func (d *Dispatcher) Run(stop <-chan struct{}, updates []*models.Update) map[int64]bool {
	handled := make(map[int64]bool, len(updates))
	var mu sync.Mutex
	q := d.NewQueue(stop, func(upd *models.Update, done bool) {
		if done {
			mu.Lock()
			handled[upd.ID] = true
			mu.Unlock()
		}
	})
	for _, u := range updates {
		q.Push(u)
	}
	q.Wait()
	return handled
}

// errNotHandled means an update was not handled: nothing of it was committed, so it must be
// delivered again.
var errNotHandled = errors.New("update not handled: deliver it again")

// Handle handles one update in the caller's goroutine, once the update of its chat under way
// (if any) is done and a slot is free, all within the update timeout. An error means nothing was
// committed and the update must be delivered again. ctx ending (the webhook's client went away)
// gives up the wait for a turn, but never cuts short a handling under way.
func (d *Dispatcher) Handle(ctx context.Context, upd *models.Update) error {
	deadline := time.Now().Add(d.timeout)
	var waitCtx context.Context // made only if the chat's turn or a slot is not free at once
	cancel := context.CancelFunc(func() {})
	defer func() { cancel() }()
	wait := func() context.Context {
		if waitCtx == nil {
			waitCtx, cancel = context.WithDeadline(ctx, deadline)
		}
		return waitCtx
	}
	if chat := chatOf(upd); chat != 0 {
		unlock, err := d.chats.lock(wait, chat)
		if err != nil {
			return fmt.Errorf("update %d: waiting for the chat's turn: %w", upd.ID, err)
		}
		defer unlock()
	}
	if err := d.takeSlot(wait); err != nil {
		return fmt.Errorf("update %d: waiting for a free worker: %w", upd.ID, err)
	}
	defer func() { <-d.slots }()
	hctx, cancelHandling := context.WithDeadline(context.WithoutCancel(ctx), deadline)
	defer cancelHandling()
	if !d.handle(hctx, nil, upd) {
		return fmt.Errorf("update %d: %w", upd.ID, errNotHandled)
	}
	return nil
}

// takeSlot takes a slot of the concurrency bound, at once if one is free, or else waiting until
// one is or the context wait makes ends.
func (d *Dispatcher) takeSlot(wait func() context.Context) error {
	select {
	case d.slots <- struct{}{}:
		return nil
	default:
	}
	ctx := wait()
	select {
	case d.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// handle runs one update with bounded retries on ctx; it reports whether the update is done
// with (handled, or parked).
func (d *Dispatcher) handle(ctx context.Context, stop <-chan struct{}, upd *models.Update) (done bool) {
	// The update's own logger is lazy: most updates log nothing but their closing line, which
	// finish writes through d.log with the same fields.
	sc := &scope{requestID: NewRequestID()}
	sc.log = d.log.WithLazy(zap.String("request_id", sc.requestID), zap.Int64("update_id", upd.ID))
	ctx = withScope(ctx, sc)
	start := time.Now()
	outcome, attempts := OutcomeFailed, 0
	var err error
	defer func() {
		if p := recover(); p != nil {
			sc.log.Error("update handler panicked", zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			err = fmt.Errorf("panic: %v", p)
			if done = d.park(ctx, sc, upd, err, d.failures.add(upd.ID, attempts)); done {
				outcome = OutcomePanicked
			}
		}
		d.finish(sc, upd, outcome, time.Since(start), attempts, err)
	}()
	wait := d.retryWait
	for attempts = 1; ; attempts++ {
		if err = d.handler.Handle(ctx, upd); err == nil {
			d.failures.forget(upd.ID)
			outcome = OutcomeHandled
			switch {
			case sc.wasDuplicate():
				outcome = OutcomeDuplicate
			case sc.wasDropped():
				outcome = OutcomeDropped
			}
			return true
		}
		if app.Permanent(err) {
			break // the same update fails the same way every time
		}
		if attempts > d.retries || stopped(stop) || ctx.Err() != nil {
			break
		}
		sc.log.Warn("update failed: retrying", zap.Int("attempt", attempts), zap.Error(err))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		wait *= 2
	}
	tries := d.failures.add(upd.ID, attempts)
	if (app.Permanent(err) || tries >= d.parkAfter*(d.retries+1)) && d.park(ctx, sc, upd, err, tries) {
		outcome = OutcomeParked
		if sc.wasDuplicate() {
			outcome = OutcomeDuplicate
		}
		return true
	}
	return false
}

// parkTimeout bounds parking an update, on a context of its own: the handling's may be spent.
const parkTimeout = 10 * time.Second

// park hands the update to the handler's Park; it reports whether the update is now done with.
func (d *Dispatcher) park(ctx context.Context, sc *scope, upd *models.Update, cause error, tries int) (parked bool) {
	defer func() {
		if p := recover(); p != nil {
			sc.log.Error("parking an update panicked", zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			parked = false
		}
	}()
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), parkTimeout)
	defer cancel()
	if err := d.handler.Park(pctx, upd, cause, tries); err != nil {
		sc.log.Warn("parking an update failed: it will be tried again", zap.Error(err))
		return false
	}
	d.failures.forget(upd.ID)
	return true
}

// finish writes the update's closing log line and counts it. The line of an update handled (or
// dropped) is sampled by the logger, so its fields are made only when it is written.
func (d *Dispatcher) finish(sc *scope, upd *models.Update, outcome string, took time.Duration, attempts int, err error) {
	kind := Type(upd)
	d.observe(kind, outcome, took)
	level, msg := zap.InfoLevel, "update handled"
	switch outcome {
	case OutcomeFailed:
		level, msg = zap.ErrorLevel, "update failed: left for redelivery"
	case OutcomeParked:
		level, msg = zap.ErrorLevel, "update parked: it could not be handled; the user was told, and `filekeeper updates replay` runs it again"
	case OutcomePanicked:
		level, msg = zap.ErrorLevel, "update parked after a panic: the user got an apology"
	case OutcomeDropped:
		level, msg = zap.DebugLevel, "update dropped: nothing kept" // a flood would flood the log too
	}
	ce := d.log.Check(level, msg)
	if ce == nil {
		return
	}
	fields := []zap.Field{zap.String("request_id", sc.requestID), zap.Int64("update_id", upd.ID),
		zap.Int64("user_id", UserOf(upd)), zap.Int64("chat_id", chatOf(upd)), zap.String("update_type", kind),
		zap.String("handler", d.handler.Label(upd)), zap.String("outcome", outcome), zap.Duration("duration", took)}
	switch outcome {
	case OutcomeFailed:
		fields = append(fields, zap.Int("attempts", attempts), zap.Error(err))
	case OutcomeParked:
		fields = append(fields, zap.Int("attempts", attempts), zap.Bool("permanent", app.Permanent(err)), zap.Error(err))
	}
	ce.Write(fields...)
}

// maxTrackedFailures bounds the failure counts kept in memory.
const maxTrackedFailures = 10_000

// failureCounts counts the failed tries of updates not yet done with, across their handlings
// (each webhook delivery, each handling of a polled one).
type failureCounts struct {
	mu    sync.Mutex
	max   int
	tries map[int64]int
}

func newFailureCounts(max int) *failureCounts {
	return &failureCounts{max: max, tries: map[int64]int{}}
}

// add counts n more failed tries of the update and returns its total.
func (f *failureCounts) add(id int64, n int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.tries[id]; !ok && len(f.tries) >= f.max {
		clear(f.tries) // a bound, not a cache: at worst an update is tried a few more times
	}
	f.tries[id] += n
	return f.tries[id]
}

func (f *failureCounts) forget(id int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.tries, id)
}

// chatKey is what orders an update among others: its chat, or itself when it has none (then
// nothing is kept in order with it).
func chatKey(u *models.Update) string {
	if c := chatOf(u); c != 0 {
		return strconv.FormatInt(c, 10)
	}
	return "update-" + strconv.FormatInt(u.ID, 10)
}

// chatOf is the chat an update belongs to, 0 if none.
func chatOf(u *models.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil:
		if u.CallbackQuery.Message.Message != nil {
			return u.CallbackQuery.Message.Message.Chat.ID
		}
		return u.CallbackQuery.From.ID
	case u.InlineQuery != nil:
		return u.InlineQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}
