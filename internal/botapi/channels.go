package botapi

import (
	"net/http"
	"strconv"

	"github.com/go-telegram/bot/models"
)

// What a bot does with a channel (or group) it keeps files in: copyMessage and forwardMessage
// out of it, getChat and getChatMember to check it may post there. Handlers run under s.mu.

// sharedChat resolves a chat id parameter of getChat and getChatMember, and the source of a copy
// or a forward: the bot sees only chats it knows, and no channel it is not in.
func (s *Server) sharedChat(p params, field string) (*chat, *APIError) {
	id, err := strconv.ParseInt(p[field], 10, 64)
	c, ok := s.chats[id]
	if err != nil || !ok {
		return nil, badRequest("chat not found")
	}
	switch c.botStatus(s.bot.ID) {
	case models.ChatMemberTypeLeft, models.ChatMemberTypeBanned:
		if c.info.Type == models.ChatTypeChannel {
			return nil, badRequest("chat not found")
		}
		return nil, &APIError{Code: http.StatusForbidden, Description: "Forbidden: bot is not a member of the " + chatKind(c.info.Type) + " chat"}
	}
	return c, nil
}

// source finds from_chat_id/message_id, the message a copy or forward takes.
func (s *Server) source(p params, notFound string) (models.Message, *APIError) {
	c, apiErr := s.sharedChat(p, "from_chat_id")
	if apiErr != nil {
		return models.Message{}, apiErr
	}
	id, err := p.int64("message_id")
	i, ok := c.find(int(id))
	if err != nil || !ok {
		return models.Message{}, badRequest(notFound)
	}
	return c.messages[i].msg, nil
}

// carried is what a copy or forward carries of m: its text or media and caption.
func carried(m models.Message) models.Message {
	return models.Message{Text: m.Text, Entities: m.Entities, Caption: m.Caption, CaptionEntities: m.CaptionEntities,
		Document: m.Document, Photo: m.Photo, Video: m.Video, Audio: m.Audio, Voice: m.Voice,
		Animation: m.Animation, VideoNote: m.VideoNote, Sticker: m.Sticker}
}

// copyMessage sends a message's content as the bot's own, with no link to the original; a
// caption given replaces the original's. It answers the new message's id alone, as Telegram does.
func copyMessage(s *Server, p params) (any, *APIError) {
	c, apiErr := s.chatParam(p)
	if apiErr != nil {
		return nil, apiErr
	}
	src, apiErr := s.source(p, "message to copy not found")
	if apiErr != nil {
		return nil, apiErr
	}
	m := s.forBot(carried(src))
	source := "\x00" + m.Text + "\x00" + m.Caption
	if _, ok := p["caption"]; ok {
		caption := format(p, "caption", "caption_entities")
		if caption.length() > maxCaptionLen {
			return nil, badRequest("message caption is too long")
		}
		m.Caption, m.CaptionEntities, source = caption.visible, nil, caption.source
	}
	kb, apiErr := parseMarkup(p["reply_markup"])
	if apiErr != nil {
		return nil, apiErr
	}
	m.ReplyMarkup = kb
	if apiErr := s.replyTo(c, p, &m); apiErr != nil {
		return nil, apiErr
	}
	sent := s.sendAsBot(c, m, source)
	return models.MessageID{ID: sent.ID}, nil
}

// forwardMessage sends a message on with its origin shown; its files come with file_ids of the
// running bot, whoever sent them first.
func forwardMessage(s *Server, p params) (any, *APIError) {
	c, apiErr := s.chatParam(p)
	if apiErr != nil {
		return nil, apiErr
	}
	src, apiErr := s.source(p, "message to forward not found")
	if apiErr != nil {
		return nil, apiErr
	}
	m := s.forBot(carried(src))
	m.ForwardOrigin = origin(src)
	return s.sendAsBot(c, m, ""), nil
}

// origin is the forward_origin of a forward of m.
func origin(m models.Message) *models.MessageOrigin {
	if m.Chat.Type == models.ChatTypeChannel {
		return &models.MessageOrigin{Type: models.MessageOriginTypeChannel, MessageOriginChannel: &models.MessageOriginChannel{
			Type: models.MessageOriginTypeChannel, Date: m.Date, Chat: m.Chat, MessageID: m.ID}}
	}
	var from models.User
	if m.From != nil {
		from = *m.From
	}
	return &models.MessageOrigin{Type: models.MessageOriginTypeUser, MessageOriginUser: &models.MessageOriginUser{
		Type: models.MessageOriginTypeUser, Date: m.Date, SenderUser: from}}
}

func getChat(s *Server, p params) (any, *APIError) {
	c, apiErr := s.sharedChat(p, "chat_id")
	if apiErr != nil {
		return nil, apiErr
	}
	i := c.info
	return models.ChatFullInfo{ID: i.ID, Type: i.Type, Title: i.Title, Username: i.Username,
		FirstName: i.FirstName, LastName: i.LastName}, nil
}

// getChatMember tells the status of user_id in the chat: the bot's own (a channel made by a test
// counts it an administrator, a group a member, until told otherwise), a member who wrote or
// joined, or "left".
func getChatMember(s *Server, p params) (any, *APIError) {
	c, apiErr := s.sharedChat(p, "chat_id")
	if apiErr != nil {
		return nil, apiErr
	}
	userID, err := p.int64("user_id")
	if err != nil || userID <= 0 {
		return nil, badRequest("invalid user_id specified")
	}
	if c.info.Type == models.ChatTypePrivate {
		if userID != c.info.ID && userID != s.bot.ID {
			return nil, badRequest("user not found")
		}
		return memberOf(models.User{ID: userID}, models.ChatMemberTypeMember), nil
	}
	if userID == s.bot.ID {
		status := c.botStatus(userID)
		if status == "" {
			status = models.ChatMemberTypeMember
			if c.info.Type == models.ChatTypeChannel {
				status = models.ChatMemberTypeAdministrator
			}
		}
		m := memberOf(s.bot, status)
		return &m, nil
	}
	if u, ok := c.members.members[userID]; ok {
		m := memberOf(u, models.ChatMemberTypeMember)
		return &m, nil
	}
	m := memberOf(models.User{ID: userID}, models.ChatMemberTypeLeft)
	return &m, nil
}

// SetBotStatus plays by changing the running bot's status in the shared chat chatID (promoted to
// administrator, made a plain member, removed, banned): a my_chat_member update, as Telegram
// sends it. In a channel only an administrator posts.
func (s *Server) SetBotStatus(by models.User, chatID int64, status models.ChatMemberType) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	old := c.botStatus(s.bot.ID)
	if old == "" {
		old = models.ChatMemberTypeLeft
	}
	return s.botStatusChanged(c, by, old, status)
}
