package telegram

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"
)

// UpdateHandler handles one update. An error means nothing was committed and the update must be
// tried again; Apologize is the last word for an update whose handling panicked.
type UpdateHandler interface {
	Handle(ctx context.Context, upd *models.Update) error
	Apologize(ctx context.Context, upd *models.Update)
}

// Dispatcher handles updates: a batch of polled ones (Run), or one at a time as the webhook
// receives them (Handle). One chat's updates are handled one after another, in order; different
// chats concurrently, at most Concurrency at a time. Every update gets a request id carried by
// each of its log lines, one closing log line with its outcome and duration, and a panic in its
// handling is recovered: the user gets an apology and the update counts as handled.
type Dispatcher struct {
	handler     UpdateHandler
	log         *zap.Logger
	metrics     *Metrics
	concurrency int
	timeout     time.Duration // for one update, including its retries
	retries     int
	backoff     time.Duration

	chats *chatLocks    // the turns of chats whose updates arrive concurrently (webhook)
	slots chan struct{} // the concurrency bound of Handle
}

// NewDispatcher builds a Dispatcher.
func NewDispatcher(h UpdateHandler, log *zap.Logger, concurrency int, timeout time.Duration) *Dispatcher {
	concurrency = max(concurrency, 1)
	return &Dispatcher{handler: h, log: log, concurrency: concurrency, timeout: timeout, retries: 3, backoff: 100 * time.Millisecond,
		chats: newChatLocks(), slots: make(chan struct{}, concurrency)}
}

// SetMetrics makes the dispatcher count updates and their durations in m.
func (d *Dispatcher) SetMetrics(m *Metrics) { d.metrics = m }

// Run handles updates and returns the ids of those that were handled. After stop is closed no
// further update starts, but those under way finish: they run on a context that stop does not
// cancel. When an update of a chat fails, the chat's later updates wait for the next batch.
func (d *Dispatcher) Run(stop <-chan struct{}, updates []*models.Update) map[int64]bool {
	handled := make(map[int64]bool, len(updates))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, d.concurrency)
	for _, chat := range groupByChat(updates) {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			for _, upd := range chat {
				if stopped(stop) {
					return
				}
				ctx, cancel := context.WithTimeout(context.Background(), d.timeout)
				done := d.handle(ctx, stop, upd)
				cancel()
				if !done {
					return
				}
				mu.Lock()
				handled[upd.ID] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
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
	waitCtx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	if chat := chatOf(upd); chat != 0 {
		unlock, err := d.chats.lock(waitCtx, chat)
		if err != nil {
			return fmt.Errorf("update %d: waiting for the chat's turn: %w", upd.ID, err)
		}
		defer unlock()
	}
	select {
	case d.slots <- struct{}{}:
		defer func() { <-d.slots }()
	case <-waitCtx.Done():
		return fmt.Errorf("update %d: waiting for a free worker: %w", upd.ID, waitCtx.Err())
	}
	hctx, cancelHandling := context.WithDeadline(context.WithoutCancel(ctx), deadline)
	defer cancelHandling()
	if !d.handle(hctx, nil, upd) {
		return fmt.Errorf("update %d: %w", upd.ID, errNotHandled)
	}
	return nil
}

func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// handle runs one update with bounded retries on ctx; it reports whether the update is done with.
func (d *Dispatcher) handle(ctx context.Context, stop <-chan struct{}, upd *models.Update) (done bool) {
	scope := &updateScope{log: d.log.With(zap.String("request_id", newRequestID()), zap.Int64("update_id", upd.ID), zap.Int64("chat_id", chatOf(upd)))}
	ctx = withScope(ctx, scope)
	start := time.Now()
	outcome, attempts := outcomeFailed, 0
	var err error
	defer func() {
		if p := recover(); p != nil {
			scope.log.Error("update handler panicked", zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			d.apologize(ctx, scope.log, upd)
			outcome, done = outcomePanicked, true
		}
		d.finish(scope.log, upd, outcome, time.Since(start), attempts, err)
	}()
	wait := d.backoff
	for attempts = 1; ; attempts++ {
		if err = d.handler.Handle(ctx, upd); err == nil {
			outcome = outcomeHandled
			if scope.wasDuplicate() {
				outcome = outcomeDuplicate
			}
			return true
		}
		if attempts > d.retries || stopped(stop) || ctx.Err() != nil {
			return false
		}
		scope.log.Warn("update failed: retrying", zap.Int("attempt", attempts), zap.Error(err))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		wait *= 2
	}
}

// apologize tells the user something went wrong; a panic of the apology itself is only logged.
func (d *Dispatcher) apologize(ctx context.Context, log *zap.Logger, upd *models.Update) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("apology panicked", zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
		}
	}()
	d.handler.Apologize(ctx, upd)
}

// finish writes the update's closing log line and counts it.
func (d *Dispatcher) finish(log *zap.Logger, upd *models.Update, outcome string, took time.Duration, attempts int, err error) {
	kind := updateType(upd)
	d.metrics.observeUpdate(kind, outcome, took)
	fields := []zap.Field{zap.Int64("user_id", userOf(upd)), zap.String("update_type", kind), zap.String("handler", handlerOf(upd)),
		zap.String("outcome", outcome), zap.Duration("duration", took)}
	switch outcome {
	case outcomeFailed:
		log.Error("update failed: left for redelivery", append(fields, zap.Int("attempts", attempts), zap.Error(err))...)
	case outcomePanicked:
		log.Error("update handled with an apology after a panic", fields...)
	default:
		log.Info("update handled", fields...)
	}
}

// groupByChat splits updates into per-chat sequences, keeping their order.
func groupByChat(updates []*models.Update) [][]*models.Update {
	index := make(map[string]int)
	var groups [][]*models.Update
	for _, u := range updates {
		key := fmt.Sprint(chatOf(u))
		if chatOf(u) == 0 {
			key = fmt.Sprintf("update-%d", u.ID) // no chat: nothing to keep in order with
		}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], u)
	}
	return groups
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
