package botapi

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"
)

// chat is one conversation: the users' messages and the bot's, with ids increasing from 1.
type chat struct {
	info     models.Chat
	lastID   int
	messages []*stored  // ordered by id; deleted ones removed
	members  membership // groups, supergroups and channels
}

// stored is a message as the chat holds it.
type stored struct {
	msg     models.Message
	fromBot bool
	// source is what the bot last sent for the message's text or caption (with its parse mode and
	// entities): Telegram answers "not modified" when an edit would change nothing.
	source string
}

// chat returns the chat with id, creating it on first use: private for positive ids, a group
// or (-100…) a supergroup for negative ones.
func (s *Server) chat(id int64) *chat {
	if c, ok := s.chats[id]; ok {
		return c
	}
	info := models.Chat{ID: id, Type: models.ChatTypePrivate}
	switch {
	case id <= -1_000_000_000_000:
		info.Type = models.ChatTypeSupergroup
	case id < 0:
		info.Type = models.ChatTypeGroup
	}
	c := &chat{info: info}
	s.chats[id] = c
	return c
}

// privateChat is the user's chat with the bot, named after the user.
func (s *Server) privateChat(u models.User) *chat {
	c := s.chat(u.ID)
	c.info.Username, c.info.FirstName, c.info.LastName = u.Username, u.FirstName, u.LastName
	return c
}

// add gives m the chat's next message id and date, and keeps it.
func (s *Server) add(c *chat, m models.Message, fromBot bool, source string) models.Message {
	c.lastID++
	m.ID = c.lastID
	m.Chat = c.info
	if m.Date == 0 {
		m.Date = s.date()
	}
	c.messages = append(c.messages, &stored{msg: m, fromBot: fromBot, source: source})
	s.trim(c)
	s.publish(c.info.ID, Event{Type: EventMessage, Message: &m})
	return m
}

// remember keeps a message that arrived from outside (Enqueue) unless the chat has it already.
func (s *Server) remember(m *models.Message) {
	c := s.chat(m.Chat.ID)
	if m.ID == 0 {
		c.lastID++
		m.ID = c.lastID
	}
	if _, ok := c.find(m.ID); ok {
		return
	}
	c.lastID = max(c.lastID, m.ID)
	i, _ := slices.BinarySearchFunc(c.messages, m.ID, func(e *stored, id int) int { return e.msg.ID - id })
	c.messages = slices.Insert(c.messages, i, &stored{msg: *m, fromBot: m.From != nil && m.From.ID == s.bot.ID})
	s.trim(c)
	s.publish(c.info.ID, Event{Type: EventMessage, Message: m})
}

// trim forgets the chat's oldest messages beyond Options.KeepMessages.
func (s *Server) trim(c *chat) {
	if s.keepMsgs > 0 && len(c.messages) > s.keepMsgs {
		c.messages = slices.Delete(c.messages, 0, len(c.messages)-s.keepMsgs)
	}
}

func (c *chat) find(id int) (int, bool) {
	return slices.BinarySearchFunc(c.messages, id, func(e *stored, id int) int { return e.msg.ID - id })
}

// chatParam resolves chat_id the way Telegram answers for it.
func (s *Server) chatParam(p params) (*chat, *APIError) {
	raw, ok := p["chat_id"]
	if !ok || raw == "" {
		return nil, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id == 0 {
		return nil, badRequest("chat not found")
	}
	return s.chat(id), nil
}

// Messages is the chat as the user sees the bot's part of it: the messages the bot sent, in
// order, with edits applied in place and deleted ones gone.
func (s *Server) Messages(chatID int64) []models.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[chatID]
	if !ok {
		return nil
	}
	var out []models.Message
	for _, m := range c.messages {
		if m.fromBot {
			out = append(out, m.msg)
		}
	}
	return out
}

// LastMessage is the newest message the bot shows in the chat.
func (s *Server) LastMessage(chatID int64) (models.Message, bool) {
	msgs := s.Messages(chatID)
	if len(msgs) == 0 {
		return models.Message{}, false
	}
	return msgs[len(msgs)-1], true
}

// errBlocked is Telegram's answer to anything the bot sends into the chat of a user who blocked it.
var errBlocked = APIError{Code: http.StatusForbidden, Description: "Forbidden: bot was blocked by the user"}

// Block plays the user of the private chat chatID blocking the bot: from then on every call that
// sends or edits a message in that chat is answered 403 "Forbidden: bot was blocked by the user",
// as Telegram answers it. Updates the user sent before still arrive.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// Unblock plays the user unblocking the bot.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// checkBlocked refuses a call that sends into the chat of a user who blocked the bot; the caller
// holds s.mu.
func (s *Server) checkBlocked(method string, p params) *APIError {
	if len(s.blocked) == 0 || !sends(method) {
		return nil
	}
	id, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil || !s.blocked[id] {
		return nil
	}
	e := errBlocked
	return &e
}

// sends reports whether method sends (copies, forwards) or edits a message.
func sends(method string) bool {
	return strings.HasPrefix(method, "send") || strings.HasPrefix(method, "edit") ||
		method == "copyMessage" || method == "forwardMessage"
}

// chatByParam is the chat chat_id names, if the server knows it; the caller holds s.mu.
func (s *Server) chatByParam(p params) (*chat, bool) {
	id, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil {
		return nil, false
	}
	c, ok := s.chats[id]
	return c, ok
}
