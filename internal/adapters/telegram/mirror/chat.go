package mirror

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"
)

// ErrChat is a storage chat (STORAGE_CHAT_ID) the bot cannot keep copies in; the error says what
// is wrong and what to do.
var ErrChat = errors.New("the storage chat cannot be used")

// chatError is ErrChat in plain words.
type chatError struct{ msg string }

func (e *chatError) Error() string { return e.msg }
func (e *chatError) Unwrap() error { return ErrChat }

// checkChat tells whether the bot me can post (and delete) in the storage chat chatID:
// a channel or group where it is an administrator. A Bot API that does not answer is an error of
// its own, not a verdict on the chat.
func checkChat(ctx context.Context, b *bot.Bot, chatID int64, me *models.User) error {
	plain := func(format string, args ...any) error {
		return &chatError{fmt.Sprintf("STORAGE_CHAT_ID %d: ", chatID) + fmt.Sprintf(format, args...)}
	}
	add := fmt.Sprintf("add @%s to it as an administrator allowed to post and delete messages", me.Username)
	chat, err := b.GetChat(ctx, &bot.GetChatParams{ChatID: chatID})
	switch {
	case errors.Is(err, bot.ErrorBadRequest), errors.Is(err, bot.ErrorForbidden):
		return plain("the bot is not a member of this chat, or there is no such chat: %s (a channel's id starts with -100)", add)
	case err != nil:
		return fmt.Errorf("check the storage chat %d: %w", chatID, err)
	case chat.Type == models.ChatTypePrivate:
		return plain("this is a private chat with a person, not a channel or group id: use the id of a private channel (it starts with -100) and %s", add)
	}
	member, err := b.GetChatMember(ctx, &bot.GetChatMemberParams{ChatID: chatID, UserID: me.ID})
	if err != nil {
		return fmt.Errorf("check the bot's rights in the storage chat %d: %w", chatID, err)
	}
	switch member.Type {
	case models.ChatMemberTypeOwner:
		return nil
	case models.ChatMemberTypeAdministrator:
		if chat.Type == models.ChatTypeChannel && !member.Administrator.CanPostMessages {
			return plain("the bot is an administrator of %q but may not post messages: allow it to post", chat.Title)
		}
		return nil
	case models.ChatMemberTypeLeft, models.ChatMemberTypeBanned:
		return plain("the bot is not a member of %q: %s", chat.Title, add)
	}
	return plain("the bot is a member of %q but not an administrator: make @%s an administrator allowed to post and delete messages", chat.Title, me.Username)
}

// Start checks the storage chat, if one is set, as the bot me (from getMe), and adopts the files
// kept before bots were recorded (the bot running since received them). With backfill, the files
// kept before the storage chat was set get their copy, once per chat.
func (m *Mirror) Start(ctx context.Context, me *models.User, backfill bool, log *zap.Logger) error {
	if chatID := m.cfg.ChatID; chatID != 0 {
		if err := checkChat(ctx, m.bot, chatID, me); err != nil {
			return err
		}
		log.Info("storage chat ready: every file kept is copied there", zap.Int64("storage_chat_id", chatID))
		if backfill {
			if err := m.storage.StartBackfill(ctx, chatID); err != nil {
				return err
			}
		}
	}
	n, err := m.storage.Adopt(ctx, me.ID)
	if err != nil {
		return err
	}
	if n > 0 {
		log.Info("files kept before their bot was recorded are this bot's", zap.Int("files", n), zap.Int64("bot_id", me.ID))
	}
	return nil
}
