package telegram

import (
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// confirmAlbum confirms a file sent in an album with the album's one message: the group's first
// file sends it (and records it once sent), the others edit it, and a file that comes while the
// first confirmation is on its way leaves it to that one, which is brought up to date once
// recorded.
func (r *Router) confirmAlbum(q *exchange, m *models.Message, a app.AlbumArrival) {
	switch a.Confirm {
	case app.ConfirmEdit:
		q.reply.Show(a.Album.ChatID, a.Album.MessageID, q.t.AlbumSavedView(a))
	case app.ConfirmPending:
		q.log.Info("album file counted: its confirmation is on its way", zap.Int64("album_id", a.Album.ID))
	default:
		r.sendAfter(q, q.chat, q.t.AlbumSavedView(a), m.ID, afterSend{Album: &albumSent{
			Owner: q.user.ID, Album: a.Album.ID, Received: a.Album.Received, Lang: q.user.Lang()}})
	}
}

// albumFailed handles the error of a press on an album as fileFailed does for a file.
func (r *Router) albumFailed(q *exchange, err error, albumID int64, back views.ListRef) error {
	switch f := q.failure(onAlbum, err); f.cause {
	case causeForbidden:
		q.log.Warn("button for another user's album", zap.Int64("album_id", albumID))
		q.notify(f.text, true)
		return nil
	case causeNotFound:
		q.notify(f.text, false)
		return r.showList(q, back)
	}
	return err
}

func (r *Router) showAlbum(q *exchange, albumID int64, back views.ListRef) error {
	d, err := r.app.Queries.Albums.Open(q.ctx, q.user.ID, albumID)
	if err != nil {
		if back.Filter.AlbumID == albumID {
			back = views.ListRef{}
		}
		return r.albumFailed(q, err, albumID, back)
	}
	q.show(q.t.AlbumView(d, back))
	return nil
}

// albumTitleOf is the title of the album of the user's file, "" if it is gone.
func (r *Router) albumTitleOf(q *exchange, fileID int64) string {
	d, err := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: fileID})
	if err != nil || d.File.AlbumID == nil {
		return ""
	}
	a, err := r.app.Queries.Albums.Open(q.ctx, q.user.ID, *d.File.AlbumID)
	if err != nil {
		return ""
	}
	return q.t.AlbumTitle(a.Live)
}

func (r *Router) sendAlbum(q *exchange, albumID int64) error {
	d, err := r.app.Queries.Albums.Open(q.ctx, q.user.ID, albumID)
	switch f := q.failure(onAlbum, err); {
	case f.gone():
		q.notify(f.text, true)
	case err != nil:
		return err
	case len(d.Files) == 0:
		q.notify(q.t.AlbumInTrash, true)
	default:
		q.notify(q.t.Sending, false)
		q.reply.SendAlbum(q.chat, d.Files, r.botID())
	}
	return nil
}

func (r *Router) beginAlbumRename(q *exchange, albumID int64, back views.ListRef) error {
	d, err := r.app.Queries.Albums.Open(q.ctx, q.user.ID, albumID)
	if err == nil && len(d.Files) == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return r.albumFailed(q, err, albumID, back)
	}
	c := domain.Conversation{Step: domain.StepRenameAlbum, FileID: d.Files[0].ID}
	return r.beginFlow(q, c, q.t.Prompt(q.t.AlbumRenameAsk), views.ListRef{Filter: domain.FileFilter{AlbumID: albumID}})
}

func (r *Router) renameAlbum(q *exchange, conv domain.Conversation, name string) error {
	d, err := r.app.Commands.Albums.RenameAlbumOf(q.ctx, q.user.ID, conv.FileID, name)
	switch f := q.failure(onAlbum, err); {
	case nameRefused(q, f):
		return nil
	case f.gone():
		if err := r.endFlow(q); err != nil {
			return err
		}
		q.reply.Send(q.chat, views.Plain(f.text), 0)
		return r.showList(q, views.ListRef{})
	case err != nil:
		return err
	}
	if err := r.endFlow(q); err != nil {
		return err
	}
	q.reply.Send(q.chat, views.Plain(q.t.AlbumRenamed(d.Album.Name)), 0)
	q.show(q.t.AlbumView(d, views.ListRef{}))
	return nil
}

func (r *Router) showAlbumMovePicker(q *exchange, albumID int64, back views.ListRef, page domain.Cursor) error {
	d, err := r.app.Queries.Albums.Open(q.ctx, q.user.ID, albumID)
	if err != nil {
		return r.albumFailed(q, err, albumID, back)
	}
	cats, err := r.app.Queries.Categories.List(q.ctx, q.user.ID, page, q.user.PageSize)
	if err != nil {
		return err
	}
	q.show(q.t.AlbumMovePicker(d, cats, back))
	return nil
}

func (r *Router) moveAlbum(q *exchange, albumID, categoryID int64, back views.ListRef) error {
	d, err := r.app.Commands.Albums.Move(q.ctx, q.user.ID, albumID, categoryID)
	if f := q.failure(onCategory, err); categoryID != 0 && f.gone() {
		if _, aerr := r.app.Queries.Albums.Open(q.ctx, q.user.ID, albumID); aerr == nil {
			q.notify(f.text, false) // the album is there, the category gone
			return r.showAlbumMovePicker(q, albumID, back, domain.Cursor{})
		}
	}
	if err != nil {
		return r.albumFailed(q, err, albumID, back)
	}
	q.notify(q.t.Moved, false)
	q.show(q.t.AlbumView(d, back))
	return nil
}

func (r *Router) confirmAlbumDelete(q *exchange, albumID int64, back views.ListRef) error {
	d, err := r.app.Queries.Albums.Open(q.ctx, q.user.ID, albumID)
	if err != nil {
		return r.albumFailed(q, err, albumID, back)
	}
	if len(d.Files) == 0 {
		q.show(q.t.AlbumView(d, back)) // in the trash already: the card shows Restore
		return nil
	}
	q.show(q.t.AlbumDeleteConfirm(d, back))
	return nil
}

func (r *Router) trashAlbum(q *exchange, albumID int64, back views.ListRef) error {
	d, err := r.app.Commands.Albums.Trash(q.ctx, q.user.ID, albumID)
	if err != nil {
		return r.albumFailed(q, err, albumID, back)
	}
	q.show(q.t.AlbumTrashedView(d, back))
	return nil
}

func (r *Router) restoreAlbum(q *exchange, albumID int64, back views.ListRef) error {
	d, err := r.app.Commands.Albums.Restore(q.ctx, q.user.ID, albumID)
	if err != nil {
		return r.albumFailed(q, err, albumID, back)
	}
	q.notify(q.t.Restored, false)
	if back.Filter.Trashed {
		back = views.ListRef{} // the album left the trash: its card returns to all files
	}
	q.show(q.t.AlbumView(d, back))
	return nil
}
