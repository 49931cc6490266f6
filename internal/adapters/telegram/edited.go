package telegram

import (
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/incoming"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
)

// onEditedMessage handles a message of the user's that they edited: a new caption of a file the
// bot keeps replaces the stored one (a short word says so); any other edit changes nothing.
func (r *Router) onEditedMessage(q *exchange, m *models.Message) error {
	in, ok := incoming.File(m)
	if !ok {
		q.log.Debug("edited message without a file: nothing to change")
		return nil
	}
	res, err := r.app.Commands.ManageFiles.EditCaption(q.ctx, q.user.ID, in.UniqueID, m.Caption)
	switch f := q.failure(onFile, err); {
	case f.gone():
		q.log.Info("caption edited on a file that is not kept", zap.String("file_unique_id", in.UniqueID))
		return nil
	case err != nil:
		return err
	case res.Changed:
		q.log.Info("caption edited", zap.Int64("file_id", res.File.ID))
		q.reply.Send(q.chat, views.Plain(q.t.CaptionEdited(res.File.Name)), m.ID)
	}
	return nil
}
