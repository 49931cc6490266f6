package telegram

import (
	"context"
	"strconv"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/incoming"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
)

// Who may use the bot is decided by app.Access; this file only asks it and renders the answer.
// gate asks before the update's unit of work, so what it refuses or drops costs no storage at
// all; screen asks inside it, before the sender is registered, so a banned user is not.

// gate asks whether the update may be handled and answers it here if not: a stranger to a private
// bot gets one polite sentence, an update over its sender's rate limit is dropped (the first of a
// flood tells the sender to slow down). It reports whether the update is done with. Nothing is
// read or written: not even the update's claim, so a redelivery is judged again.
func (r *Router) gate(ctx context.Context, upd *models.Update, log *zap.Logger) (done bool) {
	from := updates.UserOf(upd)
	v := r.app.Access.Admit(from, upd.ID)
	if v.Admission == app.Admitted {
		return false
	}
	updates.NoteDropped(ctx)
	log = log.WithLazy(zap.Int64("user_id", from)) // lazy: made only if a line is written
	t := textsOf(incoming.Sender(upd))
	var reply Reply
	switch {
	case v.Admission == app.Refused:
		log.Info("a stranger to the allowlist: refused, nothing kept")
		answerPrivately(&reply, upd, t.NotAllowed)
	case v.Warn:
		log.Info("over the rate limit: dropped, and told to slow down")
		answerPrivately(&reply, upd, t.SlowDown)
	default:
		return true // the rest of a flood: no call, no log line of its own (the dispatcher's is debug)
	}
	r.sender.Deliver(ctx, reply, log)
	return true
}

// answerPrivately says text to the sender of upd where only they see it: in their private chat,
// or as the answer of their button. A shared chat, an inline query, anything else: nothing.
func answerPrivately(reply *Reply, upd *models.Update, text string) {
	switch {
	case upd.Message != nil && private(upd.Message.Chat):
		reply.Send(upd.Message.Chat.ID, views.Plain(text), upd.Message.ID)
	case upd.CallbackQuery != nil:
		reply.Answer(upd.CallbackQuery.ID, text, true)
	}
}

// screen asks, in the update's unit of work, whether its sender is banned. A banned user is told
// once where only they see it (their private chat, their button); after that a button of theirs
// is answered silently (its spinner stops) and nothing else happens.
func (r *Router) screen(ctx context.Context, upd *models.Update, log *zap.Logger) (reply Reply, banned bool, err error) {
	from := updates.UserOf(upd)
	canTell := upd.CallbackQuery != nil || (upd.Message != nil && private(upd.Message.Chat))
	s, err := r.app.Access.Screen(ctx, from, canTell)
	if err != nil || !s.Banned {
		return Reply{}, false, err
	}
	log = log.WithLazy(zap.Int64("user_id", from)) // lazy: made only if a line is written
	if s.Tell {
		log.Info("a banned user: told so, once")
		answerPrivately(&reply, upd, textsOf(incoming.Sender(upd)).BannedNotice)
		return reply, true, nil
	}
	log.Info("a banned user: nothing said")
	if upd.CallbackQuery != nil {
		reply.Answer(upd.CallbackQuery.ID, "", false)
	}
	return reply, true, nil
}

// onBanCommand is an admin's /ban or /unban: of the Telegram id given, or of the sender of the
// forwarded message it replies to. To anyone else it is as if there were no such command.
func (r *Router) onBanCommand(q *exchange, m *models.Message, name, args string) error {
	if err := r.endFlow(q); err != nil {
		return err
	}
	if !r.app.Access.IsAdmin(q.user) {
		q.show(q.t.Hint(q.t.UnknownCommand("/" + name)))
		return nil
	}
	target, hidden := incoming.BanTarget(m, args)
	switch {
	case hidden:
		q.show(views.Plain(q.t.BanHidden))
		return nil
	case target == 0:
		q.show(views.Plain(q.t.BanUsage))
		return nil
	case name == "unban":
		return r.unban(q, target)
	}
	v, err := r.app.Access.Ban(q.ctx, q.user, target)
	if f := failureOf(q.t, subject{topic: onBan, name: strconv.FormatInt(target, 10)}, err); f.cause != notRefused {
		q.show(views.Plain(f.text))
		return nil
	} else if err != nil {
		return err
	}
	q.log.Info("user banned", zap.Int64("banned_user_id", target), zap.Bool("already", v.Already), zap.Int("files", v.Files))
	q.show(q.t.BanCard(v))
	return nil
}

// unban lifts the ban of target, by /unban or its button.
func (r *Router) unban(q *exchange, target int64) error {
	v, err := r.app.Access.Unban(q.ctx, q.user, target)
	if f := failureOf(q.t, subject{topic: onBan, name: strconv.FormatInt(target, 10)}, err); f.cause != notRefused {
		q.notify(f.text, false)
		q.show(views.Plain(f.text))
		return nil
	} else if err != nil {
		return err
	}
	q.log.Info("user unbanned", zap.Int64("banned_user_id", target))
	q.show(views.Plain(q.t.Unbanned(views.BanSubject(v))))
	return nil
}

// showBan is the ban's card (Cancel of the delete confirmation) or, with confirm, the question
// whether to delete the banned user's files.
func (r *Router) showBan(q *exchange, target int64, confirm bool) error {
	v, err := r.app.Access.Banned(q.ctx, q.user, target)
	if r.banRefused(q, err, target) {
		return nil
	} else if err != nil {
		return err
	}
	if confirm && v.Files > 0 {
		q.show(q.t.BanDeleteConfirm(v))
		return nil
	}
	q.show(q.t.BanCard(v))
	return nil
}

// deleteBannedFiles deletes the banned user's files for good, once confirmed.
func (r *Router) deleteBannedFiles(q *exchange, target int64) error {
	n, err := r.app.Access.DeleteFiles(q.ctx, q.user, target)
	if r.banRefused(q, err, target) {
		return nil
	} else if err != nil {
		return err
	}
	v, err := r.app.Access.Banned(q.ctx, q.user, target)
	if err != nil {
		return err
	}
	q.log.Info("a banned user's files deleted", zap.Int64("banned_user_id", target), zap.Int("files", n))
	q.notify(q.t.BanFilesDeleted(n), false)
	q.show(q.t.BanFilesDeletedView(n, v))
	return nil
}

// banRefused tells the admin a refusal of a ban's button (the user was unbanned meanwhile, or the
// presser is no admin) and reports whether err was one.
func (r *Router) banRefused(q *exchange, err error, target int64) bool {
	f := failureOf(q.t, subject{topic: onBan, name: strconv.FormatInt(target, 10)}, err)
	if f.cause == notRefused {
		return false
	}
	q.notify(f.text, true)
	return true
}
