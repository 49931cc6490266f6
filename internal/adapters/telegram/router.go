package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/incoming"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/traffic"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/app/replies"
	"github.com/filekeeper/filekeeper/internal/domain"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// Router turns an update into use-case calls and a Reply. It holds no business rule: the use
// cases decide, the router only translates and renders.
type Router struct {
	app    app.Application
	limits app.Limits
	sender *Sender
	log    *zap.Logger
	// traffic counts the updates handled, for /stats; nil counts nothing.
	traffic *traffic.Counter
	// me is who the bot is, learnt from getMe at start, before any update is taken; commands
	// addressed to other bots are ignored.
	me *Started
	// outbox records each reply with its update's effects, and marks forgets it once delivered
	// (outbox.go); nil: replies are delivered after the commit and lost to a crash before.
	outbox *replies.Outbox
	marks  *replies.Marker
}

// NewRouter builds a Router for the bot me (nil: a bot with no username, as in tests that
// address no command to it).
func NewRouter(a app.Application, limits app.Limits, sender *Sender, me *Started, log *zap.Logger) *Router {
	if me == nil {
		me = &Started{}
	}
	return &Router{app: a, limits: limits, sender: sender, me: me, log: log}
}

// logFor is the logger of the update under way: the one its context carries, or the router's
// with the update's id (made only then: a logger's With costs a copy of its encoder).
func (r *Router) logFor(ctx context.Context, updateID int64) *zap.Logger {
	if log := logging.FromContext(ctx, nil); log != nil {
		return log
	}
	return r.log.With(zap.Int64("update_id", updateID))
}

// botUsername is the bot's own @username, without the @.
func (r *Router) botUsername() string { return r.me.Username }

// Handle processes one update at most once in effect: its id is claimed (for this bot) in the
// same unit of work as its effects, and the reply is delivered after the commit. An error means
// nothing was committed and the update must be retried (or parked).
func (r *Router) Handle(ctx context.Context, upd *models.Update) error {
	log := r.logFor(ctx, upd.ID) // the dispatcher's carries the request id
	if r.gate(ctx, upd, log) {
		return nil // refused or dropped: nothing kept, and done with (the offset moves past it)
	}
	var reply Reply
	var recorded int64
	first, err := r.app.Updates.OnceFor(ctx, r.botID(), upd.ID, func(ctx context.Context) error {
		var err error
		if reply, err = r.route(ctx, upd, log); err != nil {
			return err
		}
		recorded, err = r.record(ctx, upd.ID, reply, log)
		return err
	})
	if err != nil {
		return err
	}
	r.traffic.NoteUpdate()
	if !first {
		updates.NoteDuplicate(ctx)
		log.Info("update already handled: skipped")
		return nil
	}
	r.markBlocked(ctx, r.deliver(ctx, recorded, reply, log), log)
	return nil
}

// Park keeps an update that could not be handled in the dead-letter table (claimed, so a
// redelivery changes nothing) and tells its sender, in their language, that it was kept. An
// error means nothing was recorded.
func (r *Router) Park(ctx context.Context, upd *models.Update, cause error, attempts int) error {
	log := r.logFor(ctx, upd.ID)
	payload, err := json.Marshal(upd)
	if err != nil {
		return fmt.Errorf("park update %d: encode it: %w", upd.ID, err)
	}
	p := app.ParkedUpdate{BotID: r.botID(), UpdateID: upd.ID, Payload: payload, Error: cause.Error(), Attempts: attempts}
	// The note is recorded with the park (the outbox): a crash before it is sent loses it not.
	var reply Reply
	var recorded int64
	first, _, err := r.app.Updates.Park(ctx, p, updates.UserOf(upd), func(ctx context.Context, sender *domain.User) error {
		reply = r.parkedReply(upd, sender)
		var err error
		recorded, err = r.record(ctx, upd.ID, reply, log)
		return err
	})
	if err != nil {
		return err
	}
	if !first {
		updates.NoteDuplicate(ctx)
		log.Info("update already handled: not parked")
		return nil
	}
	r.traffic.NoteUpdate()
	r.markBlocked(ctx, r.deliver(ctx, recorded, reply, log), log)
	return nil
}

// Replay handles a parked update again (after a fix), in one unit of work that unparks it; the
// reply is delivered after the commit. An error means it failed again and stays parked.
func (r *Router) Replay(ctx context.Context, p app.ParkedUpdate) error {
	log := r.logFor(ctx, p.UpdateID)
	var upd models.Update
	if err := json.Unmarshal(p.Payload, &upd); err != nil {
		err = fmt.Errorf("decode parked update %d: %w", p.UpdateID, err)
		return r.app.Updates.Replay(ctx, p, func(context.Context) error { return err })
	}
	var reply Reply
	var recorded int64
	err := r.app.Updates.Replay(ctx, p, func(ctx context.Context) error {
		var err error
		if reply, err = r.route(ctx, &upd, log); err != nil {
			return err
		}
		recorded, err = r.record(ctx, upd.ID, reply, log)
		return err
	})
	if err != nil {
		return err
	}
	r.markBlocked(ctx, r.deliver(ctx, recorded, reply, log), log)
	return nil
}

// Label names what handles an update, for the dispatcher's log line: "/start", "document",
// "text", "button", "inline_query" … A command the bot does not know is "/other", so the set
// stays small.
func (r *Router) Label(u *models.Update) string {
	switch {
	case u.CallbackQuery != nil:
		return "button"
	case u.Message == nil:
		return updates.Type(u)
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
	if f, ok := incoming.File(m); ok {
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

// parkedReply tells the sender of a parked update it was kept: as a message, or as the answer
// of the pressed button (an alert, since nothing else happens).
func (r *Router) parkedReply(upd *models.Update, sender *domain.User) Reply {
	t := views.English
	switch {
	case sender != nil:
		t = r.texts(*sender)
	case upd.Message != nil && upd.Message.From != nil:
		t = r.texts(domain.User{LanguageCode: upd.Message.From.LanguageCode})
	case upd.CallbackQuery != nil:
		t = r.texts(domain.User{LanguageCode: upd.CallbackQuery.From.LanguageCode})
	}
	var reply Reply
	switch {
	case upd.Message != nil && !private(upd.Message.Chat):
		reply.Send(upd.Message.Chat.ID, views.Plain(t.Parked), upd.Message.ID) // no library buttons in a shared chat
	case upd.Message != nil:
		reply.Send(upd.Message.Chat.ID, t.Hint(t.Parked), upd.Message.ID)
	case upd.CallbackQuery != nil:
		reply.Answer(upd.CallbackQuery.ID, t.Parked, true)
	case upd.InlineQuery != nil:
		reply.AnswerInline(upd.InlineQuery.ID, nil, "")
	}
	return reply
}

// botID is the Telegram id of the bot (the part of its token before the colon): update ids are
// the bot's own.
func (r *Router) botID() int64 {
	if r.sender == nil || r.sender.bot == nil {
		return 0
	}
	return r.sender.bot.ID()
}

// exchange is one user's update under way and the answer it gets: who, where, in which
// language, and the reply so far. (A request, in this package, is a call to the Bot API.)
type exchange struct {
	ctx   context.Context
	user  domain.User
	t     *views.Texts
	chat  int64
	msgID int // the message a pressed button belongs to; 0 for a new message
	log   *zap.Logger
	reply Reply
	// toast answers the pressed button (every press is answered, with "" if nothing else).
	toast string
	alert bool
}

func (q *exchange) notify(text string, alert bool) { q.toast, q.alert = text, alert }

// show puts v on screen: in place of the pressed button's message, or as a new message.
func (q *exchange) show(v views.View) { q.reply.Show(q.chat, q.msgID, v) }

func (r *Router) route(ctx context.Context, upd *models.Update, log *zap.Logger) (Reply, error) {
	if reply, banned, err := r.screen(ctx, upd, log); err != nil || banned {
		return reply, err // a banned user is not even registered
	}
	if reply, ok := r.onSharedChat(upd, log); ok {
		return reply, nil // a shared chat: nobody's library, and nobody is registered for it
	}
	var from *models.User
	switch {
	case upd.Message != nil && upd.Message.From != nil:
		from = upd.Message.From
	case upd.EditedMessage != nil && upd.EditedMessage.From != nil:
		from = upd.EditedMessage.From
	case upd.CallbackQuery != nil:
		from = &upd.CallbackQuery.From
	case upd.InlineQuery != nil && upd.InlineQuery.From != nil:
		from = upd.InlineQuery.From
	default:
		return Reply{}, nil // other update types are not for this bot
	}
	user, err := r.app.Commands.RegisterUser.Handle(ctx, incoming.Profile(from))
	if err != nil {
		return Reply{}, err
	}
	q := &exchange{ctx: ctx, user: user, t: r.texts(user), log: log.WithLazy(zap.Int64("user_id", user.TelegramID))}
	switch {
	case upd.Message != nil:
		q.chat = upd.Message.Chat.ID
		err = r.onMessage(q, upd.Message)
	case upd.EditedMessage != nil:
		q.chat = upd.EditedMessage.Chat.ID
		err = r.onEditedMessage(q, upd.EditedMessage)
	case upd.CallbackQuery != nil:
		err = r.onButtonPressed(q, upd.CallbackQuery)
	default:
		err = r.onInlineQuery(q, upd.InlineQuery)
	}
	r.recordRenames(&q.reply)
	r.prepareFiles(q)
	return q.reply, err
}

// texts picks the user's language.
func (r *Router) texts(u domain.User) *views.Texts { return views.For(u.Lang()) }
