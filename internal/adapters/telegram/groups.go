package telegram

import (
	"strings"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/incoming"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// A library is personal: it lives in the owner's private chat with the bot. In a group, a
// supergroup or a channel the bot keeps nothing and shows nothing of anyone's library — the
// sender of a group message is not even certain (every anonymous administrator of every group
// writes as GroupAnonymousBot) — and answers only when spoken to, with a button that opens the
// private chat.

// privateStartPayload is the /start payload of the button that leads from a group to the private
// chat; it is no share token (those are 16 characters or more), so /start shows the main menu.
const privateStartPayload = "group"

// private reports whether chat is a user's private chat with the bot.
func private(chat models.Chat) bool { return chat.Type == models.ChatTypePrivate }

// onSharedChat handles the updates that come from a shared chat (or about one: my_chat_member),
// and reports false for the others, which are a user's own.
func (r *Router) onSharedChat(upd *models.Update, log *zap.Logger) (Reply, bool) {
	var reply Reply
	switch {
	case upd.MyChatMember != nil:
		r.onMembership(&reply, upd.MyChatMember, log)
	case upd.ChannelPost != nil || upd.EditedChannelPost != nil || (upd.EditedMessage != nil && !private(upd.EditedMessage.Chat)):
		log.Debug("not for this bot: nothing kept", zap.String("update", updates.Type(upd)))
	case upd.Message != nil && !private(upd.Message.Chat):
		r.onGroupMessage(&reply, upd.Message, log)
	case upd.CallbackQuery != nil && !private(incoming.PressedChat(upd.CallbackQuery)):
		cq := upd.CallbackQuery
		log.Info("button pressed in a shared chat: only a toast", zap.Int64("user_id", cq.From.ID),
			zap.String("chat_type", string(incoming.PressedChat(cq).Type)), zap.String("data", cq.Data))
		reply.Answer(cq.ID, textsOf(&cq.From).GroupButtonToast, false)
	default:
		return Reply{}, false
	}
	return reply, true
}

// textsOf is the language of someone the bot may not know: a group member who never started it.
func textsOf(u *models.User) *views.Texts {
	if u == nil {
		return views.English
	}
	return views.For(domain.User{LanguageCode: u.LanguageCode}.Lang())
}

// onGroupMessage answers a message in a shared chat only when it is addressed to the bot (one of
// its commands, a mention, a reply to it): with the way to the private chat. Files and other
// talk are the group's, not the bot's: nothing is kept and nothing said.
func (r *Router) onGroupMessage(reply *Reply, m *models.Message, log *zap.Logger) {
	log = log.With(zap.String("chat_type", string(m.Chat.Type))) // the update's logger has the chat_id
	if m.From != nil {
		log = log.With(zap.Int64("user_id", m.From.ID))
	}
	_, isFile := incoming.File(m)
	if !r.addressed(m) {
		log.Info("message in a shared chat: nothing kept", zap.Bool("file", isFile))
		return
	}
	t := textsOf(m.From)
	if m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID {
		t = views.English // an anonymous administrator: nobody's language is known
	}
	log.Info("spoken to in a shared chat: pointed to the private chat", zap.Bool("file", isFile))
	reply.Send(m.Chat.ID, r.privateChatView(t, t.GroupStart), m.ID)
}

// addressed reports whether a message in a shared chat speaks to the bot: one of its commands
// (/start, or /start@bot), a mention of @bot, or a reply to one of its messages.
func (r *Router) addressed(m *models.Message) bool {
	text := m.Text + " " + m.Caption
	if name, _, ok := incoming.Command(strings.TrimSpace(m.Text), r.botUsername()); ok && knownCommand(name) {
		return true
	}
	if r.botUsername() != "" && strings.Contains(strings.ToLower(text), "@"+strings.ToLower(r.botUsername())) {
		return true
	}
	q := m.ReplyToMessage
	return q != nil && q.From != nil && r.botUsername() != "" && strings.EqualFold(q.From.Username, r.botUsername())
}

// onMembership greets a group the bot was just added to, once, with the way to the private chat;
// being removed, or a change in a private chat (the user blocked or unblocked the bot), needs no
// words.
func (r *Router) onMembership(reply *Reply, u *models.ChatMemberUpdated, log *zap.Logger) {
	log = log.With(zap.String("chat_type", string(u.Chat.Type)),
		zap.Int64("user_id", u.From.ID), zap.String("old_status", string(u.OldChatMember.Type)),
		zap.String("new_status", string(u.NewChatMember.Type)))
	joined := present(u.NewChatMember.Type) && !present(u.OldChatMember.Type)
	group := u.Chat.Type == models.ChatTypeGroup || u.Chat.Type == models.ChatTypeSupergroup
	if !joined || !group {
		log.Info("the bot's membership changed")
		return
	}
	log.Info("the bot was added to a group: said hello")
	t := textsOf(&u.From)
	reply.Send(u.Chat.ID, r.privateChatView(t, t.GroupHello), 0)
}

// present reports whether a chat member status is in the chat.
func present(s models.ChatMemberType) bool {
	switch s {
	case models.ChatMemberTypeMember, models.ChatMemberTypeAdministrator, models.ChatMemberTypeOwner, models.ChatMemberTypeRestricted:
		return true
	}
	return false
}

// privateChatView is text with one URL button that opens the private chat with the bot.
func (r *Router) privateChatView(t *views.Texts, text string) views.View {
	url := "https://t.me/" + r.botUsername() + "?start=" + privateStartPayload
	return t.PrivateChatView(text, url)
}
