package botapi

import (
	"encoding/json"
	"slices"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// The bot's messages: sendMessage, the edits, deleteMessage, answerCallbackQuery. Handlers run
// under s.mu.

func sendMessage(s *Server, p params) (any, *APIError) {
	c, apiErr := s.chatParam(p)
	if apiErr != nil {
		return nil, apiErr
	}
	text, apiErr := messageText(p, "message is too long")
	if apiErr != nil {
		return nil, apiErr
	}
	kb, apiErr := parseMarkup(p["reply_markup"])
	if apiErr != nil {
		return nil, apiErr
	}
	m := models.Message{Text: text.visible, ReplyMarkup: kb, HasProtectedContent: p["protect_content"] == "true"}
	if apiErr := s.replyTo(c, p, &m); apiErr != nil {
		return nil, apiErr
	}
	return s.sendAsBot(c, m, text.source), nil
}

// messageText is the text parameter of a send or an edit, refused when empty or too long;
// Telegram words the second differently for each (tooLong).
func messageText(p params, tooLong string) (formatted, *APIError) {
	text := format(p, "text", "entities")
	switch n := text.length(); {
	case n == 0:
		return formatted{}, badRequest("message text is empty")
	case n > maxTextLen:
		return formatted{}, badRequest(tooLong)
	}
	return text, nil
}

// sendAsBot adds m to the chat as the bot's message.
func (s *Server) sendAsBot(c *chat, m models.Message, source string) models.Message {
	bot := s.bot
	m.From = &bot
	return s.add(c, m, true, source)
}

// replyTo fills in the quoted message of reply_parameters.
func (s *Server) replyTo(c *chat, p params, m *models.Message) *APIError {
	raw := p["reply_parameters"]
	if raw == "" {
		return nil
	}
	var rp models.ReplyParameters
	if json.Unmarshal([]byte(raw), &rp) != nil {
		return badRequest("can't parse reply parameters JSON object")
	}
	if i, ok := c.find(rp.MessageID); ok {
		quoted := c.messages[i].msg
		m.ReplyToMessage = &quoted
		return nil
	}
	if !rp.AllowSendingWithoutReply {
		return badRequest("message to be replied not found")
	}
	return nil
}

// messageParam finds the message chat_id/message_id name: its chat and its index there, or
// notFound, Telegram's words for the method.
func (s *Server) messageParam(p params, notFound string) (*chat, int, *APIError) {
	c, apiErr := s.chatParam(p)
	if apiErr != nil {
		return nil, 0, apiErr
	}
	id, err := p.int64("message_id")
	if err != nil {
		return nil, 0, badRequest(notFound)
	}
	i, ok := c.find(int(id))
	if !ok {
		return nil, 0, badRequest(notFound)
	}
	return c, i, nil
}

// botMessage finds the bot's message chat_id/message_id names, for an edit.
func (s *Server) botMessage(p params) (*stored, *APIError) {
	c, i, apiErr := s.messageParam(p, "message to edit not found")
	if apiErr != nil {
		return nil, apiErr
	}
	if !c.messages[i].fromBot {
		return nil, badRequest("message can't be edited")
	}
	return c.messages[i], nil
}

var errNotModified = badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")

func editMessageText(s *Server, p params) (any, *APIError) {
	target, apiErr := s.botMessage(p)
	if apiErr != nil {
		return nil, apiErr
	}
	text, apiErr := messageText(p, "MESSAGE_TOO_LONG")
	if apiErr != nil {
		return nil, apiErr
	}
	if target.msg.Text == "" {
		return nil, badRequest("there is no text in the message to edit")
	}
	return s.edit(target, p, text, func(m *models.Message) { m.Text = text.visible })
}

func editMessageCaption(s *Server, p params) (any, *APIError) {
	target, apiErr := s.botMessage(p)
	if apiErr != nil {
		return nil, apiErr
	}
	caption := format(p, "caption", "caption_entities")
	switch {
	case caption.length() > maxCaptionLen:
		return nil, badRequest("message caption is too long")
	case target.msg.Text != "":
		return nil, badRequest("there is no caption in the message to edit")
	}
	return s.edit(target, p, caption, func(m *models.Message) { m.Caption = caption.visible })
}

func editMessageReplyMarkup(s *Server, p params) (any, *APIError) {
	target, apiErr := s.botMessage(p)
	if apiErr != nil {
		return nil, apiErr
	}
	return s.edit(target, p, formatted{source: target.source}, func(*models.Message) {})
}

// edit replaces the message's content and keyboard (none sent: the keyboard goes, as in
// Telegram), or answers "not modified" when that would change nothing.
func (s *Server) edit(target *stored, p params, content formatted, apply func(*models.Message)) (any, *APIError) {
	kb, apiErr := parseMarkup(p["reply_markup"])
	if apiErr != nil {
		return nil, apiErr
	}
	if content.source == target.source && sameMarkup(kb, target.msg.ReplyMarkup) {
		return nil, errNotModified
	}
	m := target.msg
	apply(&m)
	m.ReplyMarkup = kb
	m.EditDate = s.date()
	target.msg, target.source = m, content.source
	s.publish(m.Chat.ID, Event{Type: EventEdit, Message: &m})
	return m, nil
}

func deleteMessage(s *Server, p params) (any, *APIError) {
	c, i, apiErr := s.messageParam(p, "message to delete not found")
	if apiErr != nil {
		return nil, apiErr
	}
	if c.info.Type != models.ChatTypePrivate && s.mayPost(c) != nil {
		return nil, badRequest("message can't be deleted")
	}
	id := c.messages[i].msg.ID
	c.messages = slices.Delete(c.messages, i, i+1)
	s.publish(c.info.ID, Event{Type: EventDelete, MessageID: id})
	return true, nil
}

// query is a button press waiting for its answer.
type query struct {
	chatID   int64
	answered bool
}

func answerCallbackQuery(s *Server, p params) (any, *APIError) {
	q, ok := s.queries[p["callback_query_id"]]
	if !ok || q.answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	text := p["text"]
	if utf8.RuneCountInString(text) > 200 {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	q.answered = true
	s.publish(q.chatID, Event{Type: EventAnswer, Text: text, ShowAlert: p.bool("show_alert")})
	return true, nil
}
