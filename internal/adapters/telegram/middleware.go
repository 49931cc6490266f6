package telegram

import (
	"context"
	"encoding/hex"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"
)

// What wraps the handling of every update, polled or posted to the webhook: a request id and a
// logger carrying it, the facts of the update's log line, and per-chat ordering.

// newRequestID is a short random id that ties together the log lines of one update.
func newRequestID() string {
	var b [6]byte
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	return hex.EncodeToString(b[:])
}

// updateScope is what the handling of one update shares through its context.
type updateScope struct {
	log *zap.Logger // with the request id, update id and chat id

	mu        sync.Mutex
	duplicate bool
}

type scopeKey struct{}

func withScope(ctx context.Context, s *updateScope) context.Context {
	return context.WithValue(ctx, scopeKey{}, s)
}

// loggerFrom is the logger of the update ctx belongs to, or fallback outside one. Code handling
// an update logs through it, so every line of the update carries its request id.
func loggerFrom(ctx context.Context, fallback *zap.Logger) *zap.Logger {
	if s, ok := ctx.Value(scopeKey{}).(*updateScope); ok {
		return s.log
	}
	return fallback
}

// noteDuplicate records that the update was handled before (its outcome is "duplicate").
func noteDuplicate(ctx context.Context) {
	if s, ok := ctx.Value(scopeKey{}).(*updateScope); ok {
		s.mu.Lock()
		s.duplicate = true
		s.mu.Unlock()
	}
}

func (s *updateScope) wasDuplicate() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.duplicate
}

// updateType is the kind of an update, as Telegram names its field: a bounded set of values
// for a metric label.
func updateType(u *models.Update) string {
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

// handlerOf names what handles an update, for its log line: "/start", "document", "text",
// "button", "inline_query" … A command the bot does not know is "/other", so the set stays small.
func handlerOf(u *models.Update) string {
	switch {
	case u.CallbackQuery != nil:
		return "button"
	case u.Message == nil:
		return updateType(u)
	}
	m := u.Message
	if strings.HasPrefix(m.Text, "/") {
		head, _, _ := strings.Cut(m.Text[1:], " ")
		name, _, _ := strings.Cut(head, "@")
		if name = strings.ToLower(name); knownCommand(name) {
			return "/" + name
		}
		return "/other"
	}
	if f, ok := incomingFile(m); ok {
		return string(f.Carrier)
	}
	if m.Text != "" {
		return "text"
	}
	return "message"
}

func knownCommand(name string) bool {
	return slices.ContainsFunc(Commands, func(c models.BotCommand) bool { return c.Command == name })
}

// userOf is the Telegram id of whoever sent an update, 0 if nobody did.
func userOf(u *models.Update) int64 {
	switch {
	case u.Message != nil && u.Message.From != nil:
		return u.Message.From.ID
	case u.CallbackQuery != nil:
		return u.CallbackQuery.From.ID
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return u.InlineQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.From.ID
	}
	return 0
}

// chatLocks lets one update of a chat run at a time when updates arrive concurrently (webhook
// deliveries); a chat's entry lives only while someone holds or waits for it.
type chatLocks struct {
	mu    sync.Mutex
	chats map[int64]*chatLock
}

type chatLock struct {
	token chan struct{} // holds one token: taking it is locking
	refs  int           // holders and waiters
}

func newChatLocks() *chatLocks { return &chatLocks{chats: map[int64]*chatLock{}} }

// lock waits for the chat's turn, or ctx's end (then it returns ctx's error).
func (l *chatLocks) lock(ctx context.Context, chat int64) (unlock func(), err error) {
	l.mu.Lock()
	c, ok := l.chats[chat]
	if !ok {
		c = &chatLock{token: make(chan struct{}, 1)}
		c.token <- struct{}{}
		l.chats[chat] = c
	}
	c.refs++
	l.mu.Unlock()
	done := func() {
		l.mu.Lock()
		if c.refs--; c.refs == 0 {
			delete(l.chats, chat)
		}
		l.mu.Unlock()
	}
	select {
	case <-c.token:
		return func() { c.token <- struct{}{}; done() }, nil
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
}

// size is the number of chats with an entry, for tests.
func (l *chatLocks) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.chats)
}
