package telegram

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/traffic"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/app/replies"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Replies that survive a crash: the reply to an update is recorded (replies.Outbox) in the
// update's unit of work, delivered right after the commit, and forgotten once delivered (in
// batches, off the update's path: replies.Marker). A delivery that stops at a call that may get
// through later (no answer, the connection lost, the process stopping) records how far it went
// and leaves the rest to the sweep (SweepReplies), which resumes at the first action not done.

// NewDurableRouter is NewRouter whose replies go through outbox (forgotten through marks once
// delivered): none is lost to a crash after the commit.
func NewDurableRouter(a app.Application, limits app.Limits, sender *Sender, me *Started, outbox *replies.Outbox, marks *replies.Marker, log *zap.Logger) *Router {
	r := NewRouter(a, limits, sender, me, log)
	r.outbox, r.marks = outbox, marks
	return r
}

type durableRouterParams struct {
	fx.In
	App     app.Application
	Limits  app.Limits
	Sender  *Sender
	Me      *Started
	Traffic *traffic.Counter
	Log     *zap.Logger
	Outbox  *replies.Outbox `optional:"true"`
	Marks   *replies.Marker `optional:"true"`
}

// newDurableRouter is the graph's router: with the outbox when the graph has one.
func newDurableRouter(p durableRouterParams) *Router {
	r := newRouter(p.App, p.Limits, p.Sender, p.Me, p.Traffic, p.Log)
	if p.Outbox != nil && p.Marks != nil {
		r.outbox, r.marks = p.Outbox, p.Marks
	}
	return r
}

// afterSend is what is recorded once a message is sent, kept as data so that a reply sent again
// by a sweep records it too: a flow's prompt, or an album's confirmation.
type afterSend struct {
	Prompt *promptSent `json:"prompt,omitempty"`
	Album  *albumSent  `json:"album,omitempty"`
}

type promptSent struct {
	User int64       `json:"user"`
	Step domain.Step `json:"step"`
}

type albumSent struct {
	Owner    int64           `json:"owner"`
	Album    int64           `json:"album"`
	Received int             `json:"received"` // the files the confirmation shows
	Lang     domain.Language `json:"lang"`
}

// sendAfter adds a new message to the reply like Reply.Send, and records h once it is sent.
func (r *Router) sendAfter(q *exchange, chatID int64, v views.View, replyTo int, h afterSend) {
	q.reply.actions = append(q.reply.actions, sendText{chatID: chatID, view: v, replyTo: replyTo, after: &h, then: r.afterSent(h)})
}

// afterSent is what records h once its message m is sent.
func (r *Router) afterSent(h afterSend) func(ctx context.Context, m *models.Message) error {
	return func(ctx context.Context, m *models.Message) error {
		switch {
		case h.Prompt != nil:
			return r.app.Commands.Conversations.RememberPrompt(ctx, h.Prompt.User, h.Prompt.Step, m.ID)
		case h.Album != nil:
			a := h.Album
			now, stale, err := r.app.Commands.Albums.Confirmed(ctx, a.Owner, a.Album, m.Chat.ID, m.ID, a.Received)
			if err != nil || !stale {
				return err
			}
			return editText{chatID: m.Chat.ID, msgID: m.ID, view: views.For(a.Lang).AlbumSavedView(*now)}.deliver(ctx, r.sender.bot)
		}
		return nil
	}
}

// bind gives a decoded reply's actions what they do once sent, as the router gave them when it
// made the reply.
func (r *Router) bind(reply *Reply) {
	for i, a := range reply.actions {
		switch a := a.(type) {
		case sendText:
			if a.after != nil {
				a.then = r.afterSent(*a.after)
				reply.actions[i] = a
			}
		case sendFile:
			if a.storage != nil {
				a.storage = r.storageFor(a.file, a.storage.lost)
				reply.actions[i] = a
			}
		}
	}
	r.recordRenames(reply)
}

// nothing is an action left to do nothing: an inline query's answer, which a sweep could only
// send too late.
type nothing struct{}

func (nothing) name() string                            { return "nothing" }
func (nothing) chat() int64                             { return 0 }
func (nothing) deliver(context.Context, *bot.Bot) error { return nil }

// record keeps reply in the outbox, in the unit of work of ctx (the update's); 0 when there is no
// outbox, nothing a sweep could send, or the reply cannot be encoded (it is delivered all the
// same, as it was before the outbox).
func (r *Router) record(ctx context.Context, updateID int64, reply Reply, log *zap.Logger) (int64, error) {
	if r.outbox == nil || !reply.durable() {
		return 0, nil
	}
	payload, err := encodeReply(reply)
	if err != nil {
		log.Error("a reply cannot be recorded: it is sent, but not again after a crash", zap.Error(err))
		return 0, nil
	}
	return r.outbox.Record(ctx, r.botID(), updateID, payload, len(reply.actions))
}

// deliver delivers reply: recorded as id (not 0), through the outbox, or as it is.
func (r *Router) deliver(ctx context.Context, id int64, reply Reply, log *zap.Logger) []int64 {
	if id == 0 {
		return r.sender.Deliver(ctx, reply, log)
	}
	return r.deliverRecorded(ctx, app.OutboxReply{ID: id}, reply, r.marks.Done, log)
}

// deliverRecorded performs the actions of the reply rec, from the first not done, in order; done
// is told once all are. An action Telegram refuses is done (its refusal is its last word), and
// nothing more goes to a user who blocked the bot. At a call that may get through later the
// delivery stops: how far it went is recorded, and the sweep sends the rest.
func (r *Router) deliverRecorded(ctx context.Context, rec app.OutboxReply, reply Reply, done func(id int64), log *zap.Logger) (blocked []int64) {
	for i := rec.Delivered; i < len(reply.actions); i++ {
		a := reply.actions[i]
		if slices.Contains(blocked, a.chat()) {
			continue
		}
		if i == rec.Delivered && rec.Uncertain && !repeatUnknown(a) {
			log.Warn("an action that may have been done is not done again", zap.String("method", a.name()), zap.Int64("chat_id", a.chat()))
			continue
		}
		if !repeatUnknown(a) {
			// Before the call, not after: a crash in the middle of it must not repeat it.
			if err := r.outbox.Attempting(ctx, rec.ID, i); err != nil {
				log.Warn("the attempt of an action not to repeat was not recorded: a crash now could repeat it", zap.Error(err))
			}
		}
		err := a.deliver(ctx, r.sender.bot)
		switch {
		case err == nil:
		case a.chat() > 0 && userBlockedBot(err):
			log.Info("the user has blocked the bot: nothing more is sent to them", zap.String("method", a.name()), zap.Int64("chat_id", a.chat()))
			blocked = append(blocked, a.chat())
		case retryLater(err):
			log.Warn("bot api call failed: the rest of the reply is left to the sweep", zap.String("method", a.name()), zap.Int("action", i), zap.Error(err))
			r.stalled(ctx, rec.ID, i, !errors.Is(err, flood.ErrNotSent), log)
			return blocked
		default:
			log.Warn("bot api call failed", zap.String("method", a.name()), zap.Error(err))
		}
	}
	done(rec.ID)
	return blocked
}

// stallTimeout bounds recording a stalled delivery, which happens on a live context even when
// the update's is done (the process stopping).
const stallTimeout = 5 * time.Second

func (r *Router) stalled(ctx context.Context, id int64, delivered int, uncertain bool, log *zap.Logger) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stallTimeout)
	defer cancel()
	if err := r.outbox.Stalled(ctx, id, delivered, uncertain); err != nil {
		log.Warn("a stalled reply was not handed to the sweep: the periodic sweep sends it", zap.Error(err))
	}
}

// repeatUnknown decides, per kind of action, whether an action whose outcome is unknown (its
// call went out and no answer came, or the process died during it) is done again:
//   - an edit, a keyboard taken away, a button's answer: yes, doing them twice is doing them once
//     (and Telegram refuses a button's answer once too old, which ends it);
//   - a text message ("✅ Saved …", a list, a prompt): yes, a message twice is better than none;
//   - a file sent back: yes, the user asked for it, and a second copy of it is harmless;
//   - an album (sendMediaGroup): no, up to ten files twice clutter the chat more than a missing
//     album, which the user sees and sends again with the same button (its attempt is recorded
//     before the call, so a crash during it does not repeat it either).
func repeatUnknown(a action) bool {
	_, album := a.(sendAlbum)
	return !album
}

// retryLater reports whether a failed call may get through later: anything but Telegram's own
// refusal (400, 401, 403, 404, 409), and but a failure after the message went out (what is
// recorded once sent), which a repeat would send twice.
func retryLater(err error) bool {
	for _, final := range []error{bot.ErrorBadRequest, bot.ErrorUnauthorized, bot.ErrorForbidden, bot.ErrorNotFound, bot.ErrorConflict, errSentAnyway} {
		if errors.Is(err, final) {
			return false
		}
	}
	return true
}

// errSentAnyway marks a failure after the message was sent: recording what it gave failed.
var errSentAnyway = errors.New("sent, but not recorded")
