// Package updates is how updates arrive: the Dispatcher (each chat's updates in order, chats
// concurrently within a bound, retries, panics, parking), the long Poller and its leader
// election, and the Webhook. It knows nothing of what an update means: its Handler does.
package updates

import (
	"context"
	"encoding/hex"
	"math/rand/v2"
	"sync"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/logging"
)

// What wraps the handling of every update, polled or posted to the webhook: a request id and a
// logger carrying it (in the context, through internal/logging), and the facts of the update's
// log line.

// NewRequestID is a short random id that ties together the log lines of one update.
func NewRequestID() string {
	var b [6]byte
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	return hex.EncodeToString(b[:])
}

// scope is what the handling of one update shares through its context.
type scope struct {
	log       *zap.Logger // with the request id and update id (lazily: made when first used)
	requestID string

	mu        sync.Mutex
	duplicate bool
	dropped   bool
}

type scopeKey struct{}

// withScope carries s in ctx, and its logger for logging.FromContext: code handling the update
// logs through it, so every line of the update carries its request id.
func withScope(ctx context.Context, s *scope) context.Context {
	return logging.NewContext(context.WithValue(ctx, scopeKey{}, s), s.log)
}

// NoteDuplicate records that the update ctx belongs to was handled before (its outcome is
// "duplicate"). Outside the handling of an update it does nothing.
func NoteDuplicate(ctx context.Context) {
	if s, ok := ctx.Value(scopeKey{}).(*scope); ok {
		s.mu.Lock()
		s.duplicate = true
		s.mu.Unlock()
	}
}

// NoteDropped records that the update ctx belongs to was dropped unhandled on purpose (its
// outcome is "dropped"): done with, nothing of it kept. Outside the handling of an update it
// does nothing.
func NoteDropped(ctx context.Context) {
	if s, ok := ctx.Value(scopeKey{}).(*scope); ok {
		s.mu.Lock()
		s.dropped = true
		s.mu.Unlock()
	}
}

func (s *scope) wasDropped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dropped
}

func (s *scope) wasDuplicate() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.duplicate
}

// Type is the kind of an update, as Telegram names its field: a bounded set of values
// for a metric label.
func Type(u *models.Update) string {
	switch {
	case u.Message != nil:
		return models.AllowedUpdateMessage
	case u.EditedMessage != nil:
		return models.AllowedUpdateEditedMessage
	case u.CallbackQuery != nil:
		return models.AllowedUpdateCallbackQuery
	case u.InlineQuery != nil:
		return models.AllowedUpdateInlineQuery
	case u.ChosenInlineResult != nil:
		return models.AllowedUpdateChosenInlineResult
	case u.MyChatMember != nil:
		return models.AllowedUpdateMyChatMember
	}
	return "other"
}

// UserOf is the Telegram id of whoever sent an update, 0 if nobody did.
func UserOf(u *models.Update) int64 {
	switch {
	case u.Message != nil && u.Message.From != nil:
		return u.Message.From.ID
	case u.EditedMessage != nil && u.EditedMessage.From != nil:
		return u.EditedMessage.From.ID
	case u.CallbackQuery != nil:
		return u.CallbackQuery.From.ID
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return u.InlineQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.From.ID
	}
	return 0
}
