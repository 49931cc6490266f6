package botapi

import (
	"slices"
	"sync"

	"github.com/go-telegram/bot/models"
)

// EventType names what changed in a chat.
type EventType string

// The changes a chat goes through, as a Telegram app would show them.
const (
	EventMessage EventType = "message" // a new message, the user's or the bot's
	EventEdit    EventType = "edit"    // the bot edited a message: Message is the new version
	EventDelete  EventType = "delete"  // a message was deleted: MessageID
	EventAnswer  EventType = "answer"  // the bot answered a button press: Text, if any, is a toast (or an alert)
)

// Event is one change in a chat, for Watch.
type Event struct {
	Type      EventType       `json:"type"`
	Message   *models.Message `json:"message,omitempty"`
	MessageID int             `json:"message_id,omitempty"`
	Text      string          `json:"text,omitempty"`
	ShowAlert bool            `json:"show_alert,omitempty"`
	Inline    *InlineAnswer   `json:"inline,omitempty"` // EventInline
}

// watchBuffer is how many events a watcher may fall behind before it is dropped.
const watchBuffer = 256

type watcher struct {
	ch   chan Event
	once sync.Once
}

func (w *watcher) end() { w.once.Do(func() { close(w.ch) }) }

// Watch returns the chat as it is now — every message in it, the user's and the bot's, in order —
// and the changes from then on, with nothing lost or repeated in between. The channel closes when
// stop is called, when the server closes, or when the watcher falls too far behind; then Watch
// again for a fresh picture.
func (s *Server) Watch(chatID int64) (history []models.Message, events <-chan Event, stop func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := &watcher{ch: make(chan Event, watchBuffer)}
	if c, ok := s.chats[chatID]; ok {
		for _, m := range c.messages {
			history = append(history, m.msg)
		}
	}
	if s.closed {
		w.end()
		return history, w.ch, func() {}
	}
	s.watchers[chatID] = append(s.watchers[chatID], w)
	stop = func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.watchers[chatID] = slices.DeleteFunc(s.watchers[chatID], func(x *watcher) bool { return x == w })
		if len(s.watchers[chatID]) == 0 {
			delete(s.watchers, chatID)
		}
		w.end()
	}
	return history, w.ch, stop
}

// publish hands ev to the chat's watchers without waiting: one that is too far behind is dropped
// (its channel closes). The caller holds s.mu, so events of a chat are in the order of its changes.
func (s *Server) publish(chatID int64, ev Event) {
	ws := s.watchers[chatID]
	if len(ws) == 0 {
		return
	}
	if ev.Message != nil {
		m := *ev.Message
		ev.Message = &m
	}
	kept := ws[:0]
	for _, w := range ws {
		select {
		case w.ch <- ev:
			kept = append(kept, w)
		default:
			w.end()
		}
	}
	s.watchers[chatID] = kept
}
