package telegram

import (
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Select many: the list's "☑ Select" turns its page into toggles; the selection lives in the use
// cases (stored, bounded, expiring), the handlers only show it and tell its refusals.

func (r *Router) listInput(q *exchange, ref views.ListRef) app.ListFilesInput {
	return app.ListFilesInput{OwnerID: q.user.ID, Filter: ref.Filter, Cursor: ref.Cursor, PageSize: q.user.PageSize}
}

func (r *Router) openSelection(q *exchange, ref views.ListRef) error {
	sp, err := r.app.Commands.Selections.Open(q.ctx, r.listInput(q, ref))
	return r.showSelectionPage(q, ref, sp, err)
}

func (r *Router) showSelection(q *exchange, ref views.ListRef) error {
	sp, err := r.app.Commands.Selections.Page(q.ctx, r.listInput(q, ref))
	return r.showSelectionPage(q, ref, sp, err)
}

func (r *Router) toggleSelected(q *exchange, fileID int64, ref views.ListRef) error {
	sp, err := r.app.Commands.Selections.Toggle(q.ctx, r.listInput(q, ref), fileID)
	if f := q.failure(onFile, err); f.gone() {
		if f.cause == causeForbidden {
			q.log.Warn("select button for another user's file", zap.Int64("file_id", fileID))
		}
		q.notify(f.text, true)
		return r.showSelection(q, ref)
	}
	return r.showSelectionPage(q, ref, sp, err)
}

func (r *Router) toggleSelectedPage(q *exchange, ref views.ListRef) error {
	sp, err := r.app.Commands.Selections.TogglePage(q.ctx, r.listInput(q, ref))
	return r.showSelectionPage(q, ref, sp, err)
}

// showSelectionPage shows the page of toggles, or tells why there is none: an expired selection
// (the plain list again), a full one (the page as it was), a list that is gone.
func (r *Router) showSelectionPage(q *exchange, ref views.ListRef, sp app.SelectionPage, err error) error {
	switch f := q.failure(onAnything, err); {
	case f.is(causeSelectionExpired):
		q.notify(f.text, true)
		return r.showList(q, views.ListRef{Filter: ref.Filter})
	case f.is(causeSelectionFull):
		q.notify(f.text, true)
		return r.showSelection(q, ref)
	case f.gone():
		return r.showList(q, ref) // the category or search is gone: showList tells it
	case err != nil:
		return err
	}
	name, err := r.listName(q, ref)
	if err != nil {
		return err
	}
	q.show(q.t.SelectionList(ref, sp, name))
	return nil
}

// listName is the name of the category, tag or search a list shows, "" for the other lists.
func (r *Router) listName(q *exchange, ref views.ListRef) (string, error) {
	switch {
	case ref.Filter.CategoryID > 0:
		c, err := r.app.Queries.Categories.Get(q.ctx, q.user.ID, ref.Filter.CategoryID)
		return c.Name, err
	case ref.Filter.TagID > 0:
		t, err := r.app.Queries.Tags.Get(q.ctx, q.user.ID, ref.Filter.TagID)
		return t.Name, err
	case ref.Filter.SearchID > 0:
		s, err := r.app.Queries.Find.Get(q.ctx, q.user.ID, ref.Filter.SearchID)
		return s.Text, err
	}
	return "", nil
}

func (r *Router) endSelection(q *exchange, ref views.ListRef) error {
	if err := r.app.Commands.Selections.Clear(q.ctx, q.user.ID); err != nil {
		return err
	}
	return r.showList(q, ref)
}

// selection is the user's selection on ref's list, or false when it is over (told, and the list
// shown again).
func (r *Router) selection(q *exchange, ref views.ListRef) (domain.Selection, bool, error) {
	sel, err := r.app.Commands.Selections.Current(q.ctx, q.user.ID, ref.Filter)
	if err != nil {
		return sel, false, r.showSelectionPage(q, ref, app.SelectionPage{}, err)
	}
	if len(sel.FileIDs) == 0 {
		q.notify(q.t.NothingSelected, false)
		return sel, false, r.showSelection(q, ref)
	}
	return sel, true, nil
}

func (r *Router) showSelectionMovePicker(q *exchange, ref views.ListRef, page domain.Cursor) error {
	sel, ok, err := r.selection(q, ref)
	if !ok {
		return err
	}
	cats, err := r.app.Queries.Categories.List(q.ctx, q.user.ID, page, q.user.PageSize)
	if err != nil {
		return err
	}
	q.show(q.t.SelectionMovePicker(len(sel.FileIDs), cats, ref))
	return nil
}

// confirmBatch asks once before the batch yes does (a move to categoryID, 0 for none).
func (r *Router) confirmBatch(q *exchange, yes views.Action, categoryID int64, ref views.ListRef) error {
	sel, ok, err := r.selection(q, ref)
	if !ok {
		return err
	}
	category := q.t.NoCategory
	if categoryID != 0 {
		c, err := r.app.Queries.Categories.Get(q.ctx, q.user.ID, categoryID)
		if f := q.failure(onCategory, err); f.gone() {
			q.notify(f.text, false)
			return r.showSelectionMovePicker(q, ref, domain.Cursor{})
		} else if err != nil {
			return err
		}
		category = c.Name
	}
	q.show(q.t.BatchConfirm(yes, len(sel.FileIDs), categoryID, category, ref))
	return nil
}

func (r *Router) applyBatch(q *exchange, action domain.BatchAction, categoryID int64, ref views.ListRef) error {
	res, err := r.app.Commands.Selections.Apply(q.ctx, q.user.ID, ref.Filter, action, categoryID)
	switch f := q.failure(onCategory, err); {
	case f.gone():
		q.notify(f.text, false)
		return r.showSelectionMovePicker(q, ref, domain.Cursor{})
	case f.is(causeNothingSelected):
		q.notify(f.text, true)
		return r.showSelection(q, ref)
	case err != nil:
		return r.showSelectionPage(q, ref, app.SelectionPage{}, err)
	}
	q.log.Info("batch applied", zap.Int64("batch_id", res.Batch.ID), zap.String("action", string(action)),
		zap.Int("files", res.Changed), zap.Int("skipped", res.Skipped))
	q.show(q.t.BatchDone(res, views.ListRef{Filter: ref.Filter}))
	return nil
}

func (r *Router) sendSelected(q *exchange, ref views.ListRef) error {
	files, err := r.app.Commands.Selections.Files(q.ctx, q.user.ID, ref.Filter)
	if f := q.failure(onAnything, err); f.is(causeNothingSelected) {
		q.notify(f.text, true)
		return r.showSelection(q, ref)
	} else if err != nil {
		return r.showSelectionPage(q, ref, app.SelectionPage{}, err)
	}
	q.notify(q.t.SendingFiles(len(files)), false)
	if err := r.showSelection(q, ref); err != nil {
		return err
	}
	for _, f := range files {
		q.reply.SendFile(q.chat, f)
	}
	return nil
}

func (r *Router) undoBatch(q *exchange, batchID int64, ref views.ListRef) error {
	res, err := r.app.Commands.Selections.Undo(q.ctx, q.user.ID, batchID)
	switch f := q.failure(onAnything, err); {
	case f.cause == causeForbidden:
		q.log.Warn("undo button of another user's batch", zap.Int64("batch_id", batchID))
		q.notify(q.t.StaleButton, true)
		return nil
	case f.cause == causeNotFound, f.is(causeBatchUndone):
		if f.cause == causeNotFound {
			f.text = q.t.StaleButton // forgotten: only the latest batches are kept
		}
		q.notify(f.text, true)
		return r.showList(q, ref)
	case err != nil:
		return err
	}
	q.log.Info("batch undone", zap.Int64("batch_id", batchID), zap.Int("files", res.Undone), zap.Int("changed", res.Changed))
	q.show(q.t.BatchUndoneView(res, ref))
	return nil
}

// askSelectionTags begins the flow whose next text is the tags for the selection on ref's list.
func (r *Router) askSelectionTags(q *exchange, ref views.ListRef) error {
	sel, ok, err := r.selection(q, ref)
	if !ok {
		return err
	}
	return r.beginFlow(q, domain.Conversation{Step: domain.StepTagSelection}, q.t.SelectionTagPrompt(len(sel.FileIDs)), ref)
}

// tagSelection applies the tags the user sent to the selection as one batch (the typed tags are
// its confirmation; ↩ Undo reverses it); tags it cannot take leave the flow waiting for others.
func (r *Router) tagSelection(q *exchange, conv domain.Conversation, text string) error {
	ref := views.ListRef{Filter: conv.Return.Filter, Cursor: conv.Return.Cursor}
	res, err := r.app.Commands.Selections.ApplyTags(q.ctx, q.user.ID, ref.Filter, text)
	f := q.failure(onAnything, err)
	if f.is(causeBadTag) {
		q.show(q.t.Prompt(f.text))
		return nil
	}
	if err := r.endFlow(q); err != nil {
		return err
	}
	// A text gets no toast: what went wrong is a message of its own, then the screen it leads to.
	switch {
	case f.is(causeNothingSelected):
		q.reply.Send(q.chat, views.Plain(f.text), 0)
		return r.showSelection(q, ref)
	case f.is(causeSelectionExpired):
		q.reply.Send(q.chat, views.Plain(f.text), 0)
		return r.showList(q, views.ListRef{Filter: ref.Filter})
	case err != nil:
		return r.showSelectionPage(q, ref, app.SelectionPage{}, err)
	}
	q.log.Info("batch applied", zap.Int64("batch_id", res.Batch.ID), zap.String("action", string(res.Batch.Action)),
		zap.Int("files", res.Changed), zap.Int("skipped", res.Skipped))
	q.show(q.t.BatchDone(res, views.ListRef{Filter: ref.Filter}))
	return nil
}
