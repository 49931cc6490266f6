package telegram

import (
	"context"
	"errors"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// startSendAll is "⬇ Send all" on a list: the list's files are fixed and a job sends them (the
// package sendall), with its own progress message; a send under way is told, not doubled.
func (r *Router) startSendAll(q *exchange, ref views.ListRef) error {
	_, err := r.app.Commands.SendAll.Start(q.ctx, app.StartSendAllInput{OwnerID: q.user.ID, ChatID: q.chat, Filter: ref.Filter, Sort: q.user.Sort})
	var running app.BulkSendRunningError
	switch {
	case errors.As(err, &running):
		q.notify(q.t.SendAllRunning, true)
	case errors.Is(err, domain.ErrNotFound), errors.Is(err, domain.ErrForbidden):
		q.notify(q.t.SendAllNothing, false)
	case err != nil:
		return err
	default:
		q.notify(q.t.Sending, false)
	}
	return nil
}

// stopSendAll is ✖ Stop under a send-all's message: no group goes after the one under way, and
// the message says how far it got (the job corrects the count if a group was on its way).
func (r *Router) stopSendAll(q *exchange, sendID int64) error {
	s, err := r.app.Commands.SendAll.Stop(q.ctx, q.user.ID, sendID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		q.log.Info("✖ Stop of a send-all that is not the user's", zap.Int64("send_id", sendID))
		q.notify(q.t.SendAllOver, false)
		return nil
	case err != nil:
		return err
	case s.State == domain.BulkSendDone:
		q.notify(q.t.SendAllOver, false)
	}
	q.show(q.t.SendAllView(s))
	return nil
}

// SendBatch sends one group of a send-all's files to chatID, as the send-all job asks
// (domain.NextBatch made it): a group of one as a file of its own, with the storage copy's way
// round for a file of another bot, or its word when it has none; a larger group as one album. Its
// error is the Bot API's, for the job to try again.
func (r *Router) SendBatch(ctx context.Context, chatID int64, lang domain.Language, files []domain.File) error {
	switch len(files) {
	case 0:
		return nil
	case 1:
		log := logging.FromContext(ctx, zap.NewNop())
		return r.sendable(sendFile{chatID: chatID, file: files[0]}, views.For(lang), log).deliver(ctx, r.sender.bot)
	}
	return sendAlbum{chatID: chatID, files: files}.deliver(ctx, r.sender.bot)
}
