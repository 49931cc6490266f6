package telegram

import (
	"context"
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

// Dispatcher handles a batch of updates: one chat's updates one after another, in order; different
// chats concurrently, at most Concurrency at a time.
type Dispatcher struct {
	handler     UpdateHandler
	log         *zap.Logger
	concurrency int
	timeout     time.Duration // for one update, including its retries
	retries     int
	backoff     time.Duration
}

// NewDispatcher builds a Dispatcher.
func NewDispatcher(h UpdateHandler, log *zap.Logger, concurrency int, timeout time.Duration) *Dispatcher {
	return &Dispatcher{handler: h, log: log, concurrency: max(concurrency, 1), timeout: timeout, retries: 3, backoff: 100 * time.Millisecond}
}

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
				if stopped(stop) || !d.handle(stop, upd) {
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

func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// handle runs one update with bounded retries; it reports whether the update is done with.
func (d *Dispatcher) handle(stop <-chan struct{}, upd *models.Update) (done bool) {
	ctx, cancel := context.WithTimeout(context.Background(), d.timeout)
	defer cancel()
	log := d.log.With(zap.Int64("update_id", upd.ID), zap.Int64("chat_id", chatOf(upd)))
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			log.Error("update handler panicked", zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			d.handler.Apologize(ctx, upd)
			done = true
		}
	}()
	wait := d.backoff
	for attempt := 1; ; attempt++ {
		err := d.handler.Handle(ctx, upd)
		if err == nil {
			log.Debug("update handled", zap.Duration("duration", time.Since(start)))
			return true
		}
		if attempt > d.retries || stopped(stop) || ctx.Err() != nil {
			log.Error("update failed: left for redelivery", zap.Int("attempts", attempt), zap.Error(err))
			return false
		}
		log.Warn("update failed: retrying", zap.Int("attempt", attempt), zap.Error(err))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		wait *= 2
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
