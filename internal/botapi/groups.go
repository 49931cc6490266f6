package botapi

import (
	"net/http"

	"github.com/go-telegram/bot/models"
)

// Groups, supergroups and channels, as Telegram shows them to a bot: several people write in one
// chat, an anonymous administrator writes as GroupAnonymousBot on behalf of the group (with the
// group as sender_chat), a channel's posts come as channel_post with the channel as sender_chat,
// and the bot learns that it was added or removed through my_chat_member.

// GroupAnonymousBot is the account Telegram shows as the sender of every anonymous
// administrator's message, in every group: its id says nothing about who wrote.
var GroupAnonymousBot = models.User{ID: 1087968824, IsBot: true, FirstName: "Group", Username: "GroupAnonymousBot"}

// membership is who is in a shared chat: each bot's status and the people who wrote or joined.
type membership struct {
	bots    map[int64]models.ChatMemberType // by bot id; none until added: a chat first used by a test counts the bot in
	members map[int64]models.User
}

// botStatus is the status of the bot botID in the chat; "" when it was never added or removed.
func (c *chat) botStatus(botID int64) models.ChatMemberType { return c.members.bots[botID] }

func (c *chat) setBotStatus(botID int64, status models.ChatMemberType) {
	if c.members.bots == nil {
		c.members.bots = map[int64]models.ChatMemberType{}
	}
	c.members.bots[botID] = status
}

// Group makes (or renames) the group or supergroup chatID: a negative id, -100… for a supergroup,
// as chat() types them. The bot counts as a member until RemoveBot.
func (s *Server) Group(chatID int64, title string) models.Chat {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	c.info.Title = title
	return c.info
}

// Channel makes (or renames) the channel chatID (-100…).
func (s *Server) Channel(chatID int64, title string) models.Chat {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	c.info.Type, c.info.Title = models.ChatTypeChannel, title
	return c.info
}

// Members lists the people who wrote in or joined the shared chat, by id.
func (s *Server) Members(chatID int64) []models.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	out := make([]models.User, 0, len(c.members.members))
	for _, u := range c.members.members {
		out = append(out, u)
	}
	return out
}

// join adds u to the shared chat's members; the caller holds s.mu.
func (c *chat) join(u models.User) {
	if c.members.members == nil {
		c.members.members = map[int64]models.User{}
	}
	c.members.members[u.ID] = u
}

// SendInGroup queues m as a message from a member of the group chatID (joining them if they were
// not), the way Send does for a private chat. Files it carries are remembered like any others.
func (s *Server) SendInGroup(from models.User, chatID int64, m models.Message) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	c.join(from)
	sender := from
	m.From = &sender
	m = s.add(c, m, false, "")
	s.registerFiles(&m)
	return s.updates.Push(models.Update{Message: &m})
}

// SendTextInGroup sends a text in the group; one starting with "/" carries a bot_command entity.
func (s *Server) SendTextInGroup(from models.User, chatID int64, text string) models.Update {
	return s.SendInGroup(from, chatID, textMessage(text))
}

// SendAsAnonymousAdmin queues m as an anonymous administrator of the group writes it: from
// GroupAnonymousBot, with the group itself as sender_chat, as Telegram delivers it.
func (s *Server) SendAsAnonymousAdmin(chatID int64, m models.Message) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	anon, group := GroupAnonymousBot, c.info
	m.From, m.SenderChat = &anon, &group
	m = s.add(c, m, false, "")
	s.registerFiles(&m)
	return s.updates.Push(models.Update{Message: &m})
}

// PostInChannel queues m as a post of the channel chatID: a channel_post update whose sender
// is the channel, with no from, as Telegram delivers it.
func (s *Server) PostInChannel(chatID int64, m models.Message) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	if c.info.Type != models.ChatTypeChannel {
		c.info.Type = models.ChatTypeChannel
	}
	channel := c.info
	m.SenderChat = &channel
	m = s.add(c, m, false, "")
	s.registerFiles(&m)
	return s.updates.Push(models.Update{ChannelPost: &m})
}

// AddBot plays by adding the bot to the shared chat chatID (as an administrator in a channel,
// where only administrators post): a my_chat_member update from left to member.
func (s *Server) AddBot(by models.User, chatID int64) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	if c.info.Type != models.ChatTypeChannel {
		c.join(by)
	}
	status := models.ChatMemberTypeMember
	if c.info.Type == models.ChatTypeChannel {
		status = models.ChatMemberTypeAdministrator
	}
	return s.botStatusChanged(c, by, models.ChatMemberTypeLeft, status)
}

// RemoveBot plays by removing the bot from the shared chat chatID: a my_chat_member update to
// "left"; from then on every message the bot sends there is refused, as Telegram refuses it.
func (s *Server) RemoveBot(by models.User, chatID int64) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chat(chatID)
	old := c.botStatus(s.bot.ID)
	if old == "" {
		old = models.ChatMemberTypeMember
	}
	return s.botStatusChanged(c, by, old, models.ChatMemberTypeLeft)
}

// botStatusChanged records the bot's new status in c and queues the my_chat_member update.
func (s *Server) botStatusChanged(c *chat, by models.User, old, now models.ChatMemberType) models.Update {
	c.setBotStatus(s.bot.ID, now)
	bot := s.bot
	return s.updates.Push(models.Update{MyChatMember: &models.ChatMemberUpdated{
		Chat: c.info, From: by, Date: int(s.date()),
		OldChatMember: memberOf(bot, old), NewChatMember: memberOf(bot, now),
	}})
}

// memberOf is the chat_member object of u with status.
func memberOf(u models.User, status models.ChatMemberType) models.ChatMember {
	m := models.ChatMember{Type: status}
	switch status {
	case models.ChatMemberTypeAdministrator:
		m.Administrator = &models.ChatMemberAdministrator{User: u, CanPostMessages: true, CanDeleteMessages: true}
	case models.ChatMemberTypeMember:
		m.Member = &models.ChatMemberMember{User: &u}
	case models.ChatMemberTypeBanned:
		m.Banned = &models.ChatMemberBanned{User: &u}
	default:
		m.Type = models.ChatMemberTypeLeft
		m.Left = &models.ChatMemberLeft{User: &u}
	}
	return m
}

// checkMember refuses a message into a shared chat the bot is not in, or a channel where it is
// no administrator, as Telegram does; the caller holds s.mu.
func (s *Server) checkMember(method string, p params) *APIError {
	if !sends(method) {
		return nil
	}
	c, ok := s.chatByParam(p)
	if !ok || c.info.Type == models.ChatTypePrivate {
		return nil
	}
	return s.mayPost(c)
}

// mayPost tells whether the running bot may post in the shared chat c, in Telegram's words if
// not; the caller holds s.mu.
func (s *Server) mayPost(c *chat) *APIError {
	status := c.botStatus(s.bot.ID)
	switch {
	case status == models.ChatMemberTypeLeft || status == models.ChatMemberTypeBanned:
		return &APIError{Code: http.StatusForbidden, Description: "Forbidden: bot is not a member of the " + chatKind(c.info.Type) + " chat"}
	case c.info.Type == models.ChatTypeChannel && status == models.ChatMemberTypeMember:
		return badRequest("need administrator rights in the channel chat")
	}
	return nil
}

// chatKind is how Telegram's errors name a type of shared chat.
func chatKind(t models.ChatType) string {
	switch t {
	case models.ChatTypeSupergroup:
		return "supergroup"
	case models.ChatTypeChannel:
		return "channel"
	}
	return "group"
}
