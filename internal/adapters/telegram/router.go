package telegram

import (
	"context"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Router turns an update into use-case calls and a Reply. It holds no business rule: the use
// cases decide, the router only translates and renders.
type Router struct {
	app    app.Application
	limits app.Limits
	sender *Sender
	log    *zap.Logger
	// traffic counts the updates handled, for /stats; nil counts nothing.
	traffic *Traffic
	// botUsername is learnt from getMe at start; commands addressed to other bots are ignored.
	botUsername string
}

// NewRouter builds a Router.
func NewRouter(a app.Application, limits app.Limits, sender *Sender, log *zap.Logger) *Router {
	return &Router{app: a, limits: limits, sender: sender, log: log}
}

// SetBotUsername tells the router the bot's own username.
func (r *Router) SetBotUsername(name string) { r.botUsername = name }

// Handle processes one update at most once in effect: its id is claimed in the same unit of work
// as its effects, and the reply is delivered after the commit. An error means nothing was
// committed and the update must be retried.
func (r *Router) Handle(ctx context.Context, upd *models.Update) error {
	log := loggerFrom(ctx, r.log.With(zap.Int64("update_id", upd.ID))) // the dispatcher's carries the request id
	var reply Reply
	first, err := r.app.Updates.Once(ctx, upd.ID, func(ctx context.Context) error {
		var err error
		reply, err = r.route(ctx, upd, log)
		return err
	})
	if err != nil {
		return err
	}
	r.traffic.noteUpdate()
	if !first {
		noteDuplicate(ctx)
		log.Info("update already handled: skipped")
		return nil
	}
	r.markBlocked(ctx, r.sender.Deliver(ctx, reply, log), log)
	return nil
}

// Apologize tells the sender of an update that could not be handled that something went wrong,
// and marks the update handled so a redelivery does not fail again.
func (r *Router) Apologize(ctx context.Context, upd *models.Update) {
	log := loggerFrom(ctx, r.log.With(zap.Int64("update_id", upd.ID)))
	first, err := r.app.Updates.Once(ctx, upd.ID, func(context.Context) error { return nil })
	if err != nil || !first {
		log.Warn("apology skipped", zap.Bool("already_handled", !first), zap.Error(err))
		return
	}
	var reply Reply
	t := english
	switch {
	case upd.Message != nil && !private(upd.Message.Chat):
		reply.Send(upd.Message.Chat.ID, Plain(t.Internal), 0) // no library buttons in a shared chat
	case upd.Message != nil:
		reply.Send(upd.Message.Chat.ID, t.Hint(t.Internal), 0)
	case upd.CallbackQuery != nil:
		reply.Answer(upd.CallbackQuery.ID, t.Internal, true)
	}
	r.markBlocked(ctx, r.sender.Deliver(ctx, reply, log), log)
}

// request is one user's update under way: who, where, in which language, and the reply so far.
type request struct {
	ctx   context.Context
	user  domain.User
	t     *Texts
	chat  int64
	msgID int // the message a pressed button belongs to; 0 for a new message
	log   *zap.Logger
	reply Reply
	// toast answers the pressed button (every press is answered, with "" if nothing else).
	toast string
	alert bool
}

func (q *request) notify(text string, alert bool) { q.toast, q.alert = text, alert }

// show puts v on screen: in place of the pressed button's message, or as a new message.
func (q *request) show(v View) { q.reply.Show(q.chat, q.msgID, v) }

func (r *Router) route(ctx context.Context, upd *models.Update, log *zap.Logger) (Reply, error) {
	if reply, ok := r.onSharedChat(upd, log); ok {
		return reply, nil // a shared chat: nobody's library, and nobody is registered for it
	}
	var from *models.User
	switch {
	case upd.Message != nil && upd.Message.From != nil:
		from = upd.Message.From
	case upd.CallbackQuery != nil:
		from = &upd.CallbackQuery.From
	case upd.InlineQuery != nil && upd.InlineQuery.From != nil:
		from = upd.InlineQuery.From
	default:
		return Reply{}, nil // other update types are not for this bot
	}
	user, err := r.app.Commands.RegisterUser.Handle(ctx, profileOf(from))
	if err != nil {
		return Reply{}, err
	}
	q := &request{ctx: ctx, user: user, t: r.texts(user), log: log.With(zap.Int64("user_id", user.TelegramID))}
	switch {
	case upd.Message != nil:
		q.chat = upd.Message.Chat.ID
		err = r.onMessage(q, upd.Message)
	case upd.CallbackQuery != nil:
		err = r.onButtonPressed(q, upd.CallbackQuery)
	default:
		err = r.onInlineQuery(q, upd.InlineQuery)
	}
	r.recordRenames(&q.reply)
	return q.reply, err
}

// texts picks the user's language.
func (r *Router) texts(u domain.User) *Texts {
	if u.Lang() == domain.Russian {
		return russian
	}
	return english
}
