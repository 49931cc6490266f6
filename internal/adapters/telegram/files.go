package telegram

import (
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func (r *Router) showKinds(q *exchange) error {
	counts, err := r.app.Queries.FileCounts.Handle(q.ctx, q.user.ID)
	if err != nil {
		return err
	}
	q.show(q.t.KindsMenu(counts))
	return nil
}

func (r *Router) showList(q *exchange, ref views.ListRef) error {
	if ref.Filter.AlbumID > 0 {
		return r.showAlbum(q, ref.Filter.AlbumID, views.ListRef{})
	}
	page, err := r.app.Queries.ListFiles.Handle(q.ctx, app.ListFilesInput{
		OwnerID: q.user.ID, Filter: ref.Filter, Cursor: ref.Cursor, PageSize: q.user.PageSize, Sort: q.user.Sort,
	})
	if f := q.failure(onCategory, err); f.gone() && ref.Filter.CategoryID > 0 {
		q.notify(f.text, false)
		return r.showCategories(q, domain.Cursor{})
	}
	if f := q.failure(onTag, err); f.gone() && ref.Filter.TagID > 0 {
		q.notify(f.text, false)
		return r.showTags(q, domain.Cursor{})
	}
	if f := q.failure(onSearch, err); f.gone() && ref.Filter.SearchID > 0 {
		return searchGone(q, ref.Filter.SearchID, f, err)
	}
	if err != nil {
		return err
	}
	name, err := r.listName(q, ref)
	if err != nil {
		return err
	}
	var albums map[int64]domain.AlbumSummary
	if ref.Filter.SearchID == 0 && ref.Filter.TagID == 0 { // a search or a tag lists files one by one
		if albums, err = r.app.Queries.Albums.OnPage(q.ctx, q.user.ID, page.Items, ref.Filter.Trashed); err != nil {
			return err
		}
	}
	q.show(q.t.FileListWithAlbums(ref, page, name, r.limits.TrashRetention, albums))
	return nil
}

// fileFailed handles the error of a press on a file: a file that is not the user's is refused
// with an alert; one that is not there any more is explained and the list it was pressed from
// shown. Any other error is returned: the update is retried.
func (r *Router) fileFailed(q *exchange, err error, fileID int64, back views.ListRef) error {
	switch f := q.failure(onFile, err); f.cause {
	case causeForbidden:
		q.log.Warn("button for another user's file", zap.Int64("file_id", fileID))
		q.notify(f.text, true)
		return nil
	case causeNotFound:
		q.notify(f.text, false)
		return r.showList(q, back)
	}
	return err
}

func (r *Router) sendBack(q *exchange, fileID int64) error {
	d, err := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: fileID})
	switch f := q.failure(onFile, err); {
	case f.cause == causeForbidden:
		q.log.Warn("button for another user's file", zap.Int64("file_id", fileID))
		q.notify(f.text, true)
	case f.cause == causeNotFound:
		q.notify(f.text, true)
	case err != nil:
		return err
	default:
		q.notify(q.t.Sending, false)
		q.reply.SendFile(q.chat, d.File)
	}
	return nil
}

func (r *Router) showCard(q *exchange, fileID int64, back views.ListRef) error {
	d, err := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: fileID, Trashed: true})
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	q.show(q.t.FileCard(d, back))
	return nil
}

func (r *Router) showMovePicker(q *exchange, fileID int64, back views.ListRef, page domain.Cursor) error {
	d, err := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: fileID})
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	cats, err := r.app.Queries.Categories.List(q.ctx, q.user.ID, page, q.user.PageSize)
	if err != nil {
		return err
	}
	q.show(q.t.MovePicker(d.File, cats, back))
	return nil
}

func (r *Router) moveFile(q *exchange, fileID, categoryID int64, back views.ListRef) error {
	d, err := r.app.Commands.ManageFiles.Move(q.ctx, q.user.ID, fileID, categoryID)
	if f := q.failure(onCategory, err); categoryID != 0 && f.gone() {
		// The file may be fine and the category gone: look again at the file first.
		if _, ferr := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: fileID}); ferr == nil {
			q.notify(f.text, false)
			return r.showMovePicker(q, fileID, back, domain.Cursor{})
		}
	}
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	q.notify(q.t.Moved, false)
	q.show(q.t.FileCard(d, back))
	return nil
}

// confirmFileAction asks before deleting a file to the trash, or (purge) forever.
func (r *Router) confirmFileAction(q *exchange, fileID int64, back views.ListRef, purge bool) error {
	d, err := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: fileID, Trashed: purge})
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	switch {
	case purge && !d.File.Trashed():
		return r.showCard(q, fileID, back) // restored meanwhile: the card shows what it is now
	case purge:
		q.show(q.t.Confirm(q.t.PurgeAsk, q.t.BtnYesPurge, d.File, views.ActPurgeYes, back))
	default:
		q.show(q.t.Confirm(q.t.DeleteAsk, q.t.BtnYesDelete, d.File, views.ActDeleteYes, back))
	}
	return nil
}

func (r *Router) trashFile(q *exchange, fileID int64, back views.ListRef) error {
	f, err := r.app.Commands.ManageFiles.Trash(q.ctx, q.user.ID, fileID)
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	q.show(q.t.TrashedView(f, back))
	return nil
}

func (r *Router) restoreFile(q *exchange, fileID int64, back views.ListRef) error {
	d, err := r.app.Commands.ManageFiles.Restore(q.ctx, q.user.ID, fileID)
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	q.notify(q.t.Restored, false)
	if back.Filter.Trashed {
		back = views.ListRef{} // the file left the trash: its card returns to all files
	}
	q.show(q.t.FileCard(d, back))
	return nil
}

func (r *Router) purgeFile(q *exchange, fileID int64, back views.ListRef) error {
	_, err := r.app.Commands.ManageFiles.DeleteForever(q.ctx, q.user.ID, fileID)
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	q.notify(q.t.PurgedForever, false)
	return r.showList(q, back)
}

// confirmEmptyTrash asks before emptying the trash, saying how many files it holds.
func (r *Router) confirmEmptyTrash(q *exchange) error {
	counts, err := r.app.Queries.FileCounts.Handle(q.ctx, q.user.ID)
	if err != nil {
		return err
	}
	if counts.Trashed == 0 {
		q.notify(q.t.TrashAlreadyEmpty, false)
		return r.showKinds(q)
	}
	q.show(q.t.EmptyTrashConfirm(counts.Trashed))
	return nil
}

func (r *Router) emptyTrash(q *exchange) error {
	n, err := r.app.Commands.ManageFiles.EmptyTrash(q.ctx, q.user.ID)
	if err != nil {
		return err
	}
	q.log.Info("trash emptied", zap.Int("files", n))
	if n == 0 {
		q.notify(q.t.TrashAlreadyEmpty, false)
		return r.showKinds(q)
	}
	q.show(q.t.TrashEmptiedView(n))
	return nil
}
