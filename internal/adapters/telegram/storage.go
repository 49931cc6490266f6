package telegram

import (
	"context"
	"errors"

	"github.com/go-telegram/bot"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/mirror"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// A file id is valid only for the bot that received it. A file another bot received is sent
// from its copy in the storage chat: the bot forwards the copy into the storage chat, which gives
// it a file id of its own, deletes the forward, records the new id (later sends use it as any
// other) and sends the file. Should that fail, the copy itself is copied to the user. A file with
// no copy is answered with KeptByAnotherBot: never an error, never silence.

// wrongFileID is Telegram's refusal of a file id that is not the bot's.
const wrongFileID = "wrong file identifier"

// fromStorage is what sending a file needs to cope with a file id of another bot.
type fromStorage struct {
	botID int64
	lost  views.View // told when the file cannot be sent at all
	// rebound records a file id of this bot got for the file from its copy; refused records that
	// Telegram refused the file's id as another bot's.
	rebound func(ctx context.Context, newID string) error
	refused func(ctx context.Context) error
}

// prepareFiles makes every file the reply sends sendable by the running bot: a file it cannot
// send at all is answered in words; the others learn how to turn to their copy.
func (r *Router) prepareFiles(q *exchange) {
	for i, a := range q.reply.actions {
		if s, ok := a.(sendFile); ok {
			q.reply.actions[i] = r.sendable(s, q.t, q.log)
		}
	}
}

// sendable is the send of a file by the running bot: the file, told how to turn to its copy, or,
// when it has none and is another bot's, a word saying so.
func (r *Router) sendable(s sendFile, t *views.Texts, log *zap.Logger) action {
	botID, f := r.botID(), s.file
	lost := views.Plain(failureOf(t, subject{topic: onFile}, domain.ErrKeptByAnotherBot).text)
	if f.Unreachable(botID) {
		log.Warn("a file kept by another bot, with no copy, was asked for", zap.Int64("file_id", f.ID), zap.Int64("file_bot_id", f.BotID))
		return sendText{chatID: s.chatID, view: lost}
	}
	s.storage = r.storageFor(f, lost)
	return s
}

// storageFor is how sending f copes with a file id of another bot; lost is told if it cannot.
func (r *Router) storageFor(f domain.File, lost views.View) *fromStorage {
	botID := r.botID()
	return &fromStorage{
		botID: botID,
		lost:  lost,
		rebound: func(ctx context.Context, newID string) error {
			_, err := r.app.Storage.Rebound(ctx, f, newID, botID)
			return err
		},
		refused: func(ctx context.Context) error { return r.app.Storage.Refused(ctx, f, botID) },
	}
}

// fromCopy is the file with a file id of the running bot, got by forwarding its copy.
func (a sendFile) fromCopy(ctx context.Context, b *bot.Bot) (domain.File, error) {
	f := a.file
	log := logging.FromContext(ctx, zap.NewNop()).WithLazy(zap.Int64("file_id", f.ID))
	id, err := mirror.FileIDFromCopy(ctx, b, f, log)
	if err != nil {
		return f, err
	}
	if err := a.storage.rebound(ctx, id); err != nil {
		log.Warn("a file id got from the copy was not recorded: the next send gets another", zap.Error(err))
	}
	log.Info("file rebound to this bot from its copy")
	f.TelegramFileID, f.BotID = id, a.storage.botID
	return f, nil
}

// copyOut sends the file's copy itself to the user, with the file's caption and keyboard.
func (a sendFile) copyOut(ctx context.Context, b *bot.Bot) error {
	c := a.file.Copy
	_, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: a.chatID, FromChatID: c.ChatID, MessageID: int(c.MessageID),
		Caption: views.FileCaption(a.file), ReplyMarkup: markup(a.keyboard), ProtectContent: a.protect})
	return err
}

// deliverElsewhere sends a file the running bot has no file id of, or whose id Telegram refused:
// from its copy, or (none) in words.
func (a sendFile) deliverElsewhere(ctx context.Context, b *bot.Bot) error {
	log := logging.FromContext(ctx, zap.NewNop()).WithLazy(zap.Int64("file_id", a.file.ID))
	if !a.file.Copy.Exists() {
		log.Warn("Telegram refused the file id as another bot's and the file has no copy")
		if err := a.storage.refused(ctx); err != nil {
			log.Warn("the refusal was not recorded", zap.Error(err))
		}
		return sendText{chatID: a.chatID, view: a.storage.lost}.deliver(ctx, b)
	}
	f, err := a.fromCopy(ctx, b)
	if err == nil {
		a.file, a.storage = f, nil // a file id of this bot: sent as any other
		return a.deliver(ctx, b)
	}
	log.Warn("no file id from the copy: the copy is copied to the user", zap.Error(err))
	return a.copyOut(ctx, b)
}

// refusedAsForeign tells Telegram's refusal of a file id that is not the running bot's.
func refusedAsForeign(err error) bool {
	return errors.Is(err, bot.ErrorBadRequest) && refused(err, wrongFileID)
}
