package telegram

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Reply is what the bot says in answer to one update. Handlers build it inside the update's unit
// of work; it is delivered only after that commits, so a rolled-back or replayed update says nothing.
type Reply struct {
	actions []action
}

type action interface {
	deliver(ctx context.Context, b *bot.Bot) error
	name() string
	chat() int64 // the chat it writes to; 0 for none
}

// Send adds a new message to chatID. replyTo > 0 quotes the user's message.
func (r *Reply) Send(chatID int64, v views.View, replyTo int) {
	r.actions = append(r.actions, sendText{chatID: chatID, view: v, replyTo: replyTo})
}

// DropKeyboard takes the inline keyboard away from message msgID of chatID.
func (r *Reply) DropKeyboard(chatID int64, msgID int) {
	r.actions = append(r.actions, dropKeyboard{chatID: chatID, msgID: msgID})
}

// Show replaces the message a button belongs to with v; msgID 0 (an inaccessible message)
// sends v as a new message instead.
func (r *Reply) Show(chatID int64, msgID int, v views.View) {
	if msgID == 0 {
		r.Send(chatID, v, 0)
		return
	}
	r.actions = append(r.actions, editText{chatID: chatID, msgID: msgID, view: v})
}

// inPlace reports whether the message a button was pressed on may be edited into what the
// button opens: a menu of the bot's own. A reply may not — an edit keeps its quote (Telegram
// keeps reply_to_message), so a file card would sit under the quote of another upload, and the
// confirmation ("✅ Saved …") would be lost — nor may a file sent back, which has no text: what
// their buttons open comes as a new message.
func inPlace(m *models.Message) bool { return m.ReplyToMessage == nil && m.Text != "" }

// Answer answers a button press; every press must be answered or the button spins.
func (r *Reply) Answer(callbackID, text string, alert bool) {
	r.actions = append(r.actions, answerCallback{id: callbackID, text: text, alert: alert})
}

// SendFile sends a kept file back with the method that fits its kind.
func (r *Reply) SendFile(chatID int64, f domain.File) {
	r.actions = append(r.actions, sendFile{chatID: chatID, file: f})
}

// SendFileWith sends a file back with a keyboard under it.
func (r *Reply) SendFileWith(chatID int64, f domain.File, kb *models.InlineKeyboardMarkup) {
	r.actions = append(r.actions, sendFile{chatID: chatID, file: f, keyboard: kb})
}

// SendProtectedFile sends a file with protect_content: the receiver can neither forward it nor
// save it from Telegram.
func (r *Reply) SendProtectedFile(chatID int64, f domain.File) {
	r.actions = append(r.actions, sendFile{chatID: chatID, file: f, protect: true})
}

// AnswerInline answers an inline query with results personal to the asker.
func (r *Reply) AnswerInline(queryID string, results []models.InlineQueryResult, nextOffset string) {
	r.actions = append(r.actions, answerInline{id: queryID, results: results, next: nextOffset})
}

type answerInline struct {
	id      string
	results []models.InlineQueryResult
	next    string
}

func (a answerInline) name() string { return "answerInlineQuery" }

func (a answerInline) chat() int64 { return 0 }

func (a answerInline) deliver(ctx context.Context, b *bot.Bot) error {
	_, err := b.AnswerInlineQuery(ctx, &bot.AnswerInlineQueryParams{
		InlineQueryID: a.id, Results: a.results, NextOffset: a.next,
		IsPersonal: true, CacheTime: inlineCacheSeconds,
	})
	return err
}

// inlineCacheSeconds is short: a user expects a file they just saved to show up.
const inlineCacheSeconds = 5

type sendText struct {
	chatID  int64
	view    views.View
	replyTo int
	// after is what is recorded once sent (outbox.go), and then the closure that records it;
	// nil: nothing to do once sent.
	after *afterSend
	then  func(ctx context.Context, m *models.Message) error
}

func (a sendText) name() string { return "sendMessage" }

func (a sendText) chat() int64 { return a.chatID }

func (a sendText) deliver(ctx context.Context, b *bot.Bot) error {
	p := &bot.SendMessageParams{ChatID: a.chatID, Text: a.view.Text, ReplyMarkup: markup(a.view.Keyboard)}
	if a.replyTo > 0 {
		p.ReplyParameters = &models.ReplyParameters{MessageID: a.replyTo, AllowSendingWithoutReply: true}
	}
	m, err := b.SendMessage(ctx, p)
	if err != nil || a.then == nil {
		return err
	}
	if err := a.then(ctx, m); err != nil {
		return fmt.Errorf("once sent: %w: %w", errSentAnyway, err)
	}
	return nil
}

type dropKeyboard struct {
	chatID int64
	msgID  int
}

func (a dropKeyboard) name() string { return "editMessageReplyMarkup" }

func (a dropKeyboard) chat() int64 { return a.chatID }

func (a dropKeyboard) deliver(ctx context.Context, b *bot.Bot) error {
	_, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: a.chatID, MessageID: a.msgID})
	if refused(err, notModified) || refused(err, editedGone) {
		return nil // it has no keyboard any more, or it is gone: nothing left to take away
	}
	return err
}

type editText struct {
	chatID int64
	msgID  int
	view   views.View
}

func (a editText) name() string { return "editMessageText" }

func (a editText) chat() int64 { return a.chatID }

func (a editText) deliver(ctx context.Context, b *bot.Bot) error {
	_, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{
		ChatID: a.chatID, MessageID: a.msgID, Text: a.view.Text, ReplyMarkup: markup(a.view.Keyboard),
	})
	switch {
	case refused(err, notModified):
		return nil // the user pressed the button of the page already shown
	case refused(err, editedGone):
		return sendText{chatID: a.chatID, view: a.view}.deliver(ctx, b)
	}
	return err
}

// What Telegram says (400 Bad Request) of an edit that changes nothing, and of one whose message
// is gone.
const (
	notModified = "message is not modified"
	editedGone  = "message to edit not found"
)

// refused reports whether Telegram refused a call as a bad request, saying reason.
func refused(err error, reason string) bool {
	return errors.Is(err, bot.ErrorBadRequest) && strings.Contains(err.Error(), reason)
}

// markup is a message's inline keyboard as the Bot API takes it: none at all (not a null one)
// for a view without.
func markup(kb *models.InlineKeyboardMarkup) models.ReplyMarkup {
	if kb == nil {
		return nil
	}
	return kb
}

type answerCallback struct {
	id    string
	text  string
	alert bool
}

func (a answerCallback) name() string { return "answerCallbackQuery" }

func (a answerCallback) chat() int64 { return 0 }

func (a answerCallback) deliver(ctx context.Context, b *bot.Bot) error {
	_, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: a.id, Text: a.text, ShowAlert: a.alert})
	return err
}

type sendFile struct {
	chatID   int64
	file     domain.File
	keyboard *models.InlineKeyboardMarkup
	protect  bool // protect_content
	// reuploaded records the new file id of a renamed file uploaded again under its name; set
	// (by Router.recordRenames) only for a file whose RenamePending is true.
	reuploaded func(ctx context.Context, newTelegramID string) error
	// storage copes with a file id of another bot (storage.go); set by Router.prepareFiles.
	storage *fromStorage
}

func (a sendFile) name() string { return "send_" + string(a.file.Carrier) }

func (a sendFile) chat() int64 { return a.chatID }

func (a sendFile) deliver(ctx context.Context, b *bot.Bot) error {
	if a.storage != nil && !a.file.KeptBy(a.storage.botID) {
		return a.deliverElsewhere(ctx, b)
	}
	if a.reuploaded != nil {
		if sent, err := a.deliverRenamed(ctx, b); sent {
			return err
		}
	}
	// A file id can only go back as the media type it came as.
	_, err := a.send(ctx, b, a.file.Carrier, &models.InputFileString{Data: a.file.TelegramFileID}, views.FileCaption(a.file))
	if a.storage != nil && refusedAsForeign(err) {
		return a.deliverElsewhere(ctx, b)
	}
	return err
}

// send sends in to the file's chat, with its keyboard, by the method of kind: the one place a
// file's send parameters are built, by file id or by upload.
func (a sendFile) send(ctx context.Context, b *bot.Bot, kind domain.Kind, in models.InputFile, caption string) (*models.Message, error) {
	chat, kb, p := a.chatID, markup(a.keyboard), a.protect
	switch kind {
	case domain.KindPhoto:
		return b.SendPhoto(ctx, &bot.SendPhotoParams{ChatID: chat, Photo: in, Caption: caption, ReplyMarkup: kb, ProtectContent: p})
	case domain.KindVideo:
		return b.SendVideo(ctx, &bot.SendVideoParams{ChatID: chat, Video: in, Caption: caption, ReplyMarkup: kb, ProtectContent: p})
	case domain.KindAudio:
		return b.SendAudio(ctx, &bot.SendAudioParams{ChatID: chat, Audio: in, Caption: caption, ReplyMarkup: kb, ProtectContent: p})
	case domain.KindVoice:
		return b.SendVoice(ctx, &bot.SendVoiceParams{ChatID: chat, Voice: in, Caption: caption, ReplyMarkup: kb, ProtectContent: p})
	case domain.KindAnimation:
		return b.SendAnimation(ctx, &bot.SendAnimationParams{ChatID: chat, Animation: in, Caption: caption, ReplyMarkup: kb, ProtectContent: p})
	case domain.KindVideoNote:
		// Video notes carry no caption in Telegram.
		return b.SendVideoNote(ctx, &bot.SendVideoNoteParams{ChatID: chat, VideoNote: in, ReplyMarkup: kb, ProtectContent: p})
	}
	return b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: chat, Document: in, Caption: caption, ReplyMarkup: kb, ProtectContent: p})
}

// Sender delivers replies through the Bot API. Pacing, waiting out 429s and retrying are the
// client's transport's (flood.Config.Transport), so every call passes them, a reply's or not.
type Sender struct {
	bot *bot.Bot
	log *zap.Logger
}

// NewSender builds a Sender over the Bot API client.
func NewSender(b *bot.Bot, log *zap.Logger) *Sender {
	return &Sender{bot: b, log: log}
}

// Deliver performs the reply's actions in order. A failed action is logged and the rest still
// run: the update's effects are committed, so the reply is best effort. It returns the private
// chats whose user has blocked the bot (Telegram answered 403): nothing more is sent there.
func (s *Sender) Deliver(ctx context.Context, r Reply, log *zap.Logger) (blocked []int64) {
	if log == nil {
		log = s.log
	}
	for _, a := range r.actions {
		if slices.Contains(blocked, a.chat()) {
			continue
		}
		err := a.deliver(ctx, s.bot)
		switch {
		case err == nil:
		case a.chat() > 0 && userBlockedBot(err):
			log.Info("the user has blocked the bot: nothing more is sent to them", zap.String("method", a.name()), zap.Int64("chat_id", a.chat()))
			blocked = append(blocked, a.chat())
		default:
			log.Warn("bot api call failed", zap.String("method", a.name()), zap.Error(err))
		}
	}
	return blocked
}

// userBlockedBot tells Telegram's 403 for a user who blocked the bot, or whose account is gone:
// a message to them cannot get through, now or on a retry.
func userBlockedBot(err error) bool {
	if !errors.Is(err, bot.ErrorForbidden) {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "blocked by the user") || strings.Contains(msg, "user is deactivated")
}
