package telegram

import (
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// beginFlow starts a multi-step flow and shows its prompt. A file or category that is gone
// meanwhile ends in the current state instead.
func (r *Router) beginFlow(q *exchange, c domain.Conversation, prompt views.View, back views.ListRef) error {
	if err := r.endFlow(q); err != nil { // the flow it replaces loses its Cancel
		return err
	}
	c.UserID = q.user.ID
	c.Return = domain.Place{Filter: back.Filter, Cursor: back.Cursor}
	c.PromptMessageID = q.msgID
	_, err := r.app.Commands.Conversations.Begin(q.ctx, c)
	about := onCategory
	if c.FileID != 0 {
		about = onFlowFile
	}
	if f := q.failure(about, err); f.gone() {
		return r.showGone(q, f, c.FileID != 0, back)
	}
	if err != nil {
		return err
	}
	r.showPrompt(q, c.Step, prompt)
	return nil
}

// showPrompt shows a flow's prompt. In place of the pressed message its id is known (beginFlow
// recorded it); a new message's id is recorded once it is sent, so that whenever the flow ends
// the prompt's Cancel button can be taken away.
func (r *Router) showPrompt(q *exchange, step domain.Step, prompt views.View) {
	if q.msgID != 0 {
		q.show(prompt)
		return
	}
	r.sendAfter(q, q.chat, prompt, 0, afterSend{Prompt: &promptSent{User: q.user.ID, Step: step}})
}

// endFlow ends the user's flow, if any: it is done, or the user moved on (or it expired).
func (r *Router) endFlow(q *exchange) error {
	c, _, err := r.app.Commands.Conversations.End(q.ctx, q.user.ID)
	if err != nil {
		return err
	}
	tidyPrompt(q, c)
	return nil
}

// tidyPrompt takes the Cancel button away from the prompt of a flow that ended, unless the prompt
// is the pressed message, which the answer replaces anyway.
func tidyPrompt(q *exchange, c domain.Conversation) {
	if c.PromptMessageID != 0 && c.PromptMessageID != q.msgID {
		q.reply.DropKeyboard(q.chat, c.PromptMessageID)
	}
}

// showGone says a file (or category) is gone, as f tells it, and shows where the user can go on
// from.
func (r *Router) showGone(q *exchange, f failure, file bool, back views.ListRef) error {
	q.reply.Send(q.chat, views.Plain(f.text), 0)
	if file {
		return r.showList(q, back)
	}
	return r.showCategories(q, domain.Cursor{})
}

// backOf is the list a flow returns to, as beginFlow recorded it.
func backOf(c domain.Conversation) views.ListRef {
	return views.ListRef{Filter: c.Return.Filter, Cursor: c.Return.Cursor}
}

func (r *Router) cancelFlow(q *exchange) error {
	if stale, err := r.staleCancel(q); stale || err != nil {
		return err
	}
	conv, ok, err := r.app.Commands.Conversations.End(q.ctx, q.user.ID)
	if err != nil {
		return err
	}
	tidyPrompt(q, conv)
	if !ok {
		q.show(q.t.Hint(q.t.NothingToCancel))
		return nil
	}
	q.show(q.t.Hint(q.t.CancelledFlow(q.t.FlowName(conv.Step, r.subjectOf(q, conv)))))
	return nil
}

// staleCancel answers the Cancel button of an older prompt (an old client, a replay) while
// another flow is under way: that flow is not the one the button cancelled, so it goes on.
func (r *Router) staleCancel(q *exchange) (bool, error) {
	if q.msgID == 0 {
		return false, nil // /cancel, or a button whose message is not known: cancel what is under way
	}
	conv, ok, err := r.app.Queries.Conversations.Current(q.ctx, q.user.ID)
	if err != nil || !ok || conv.PromptMessageID == 0 || conv.PromptMessageID == q.msgID {
		return false, err
	}
	q.log.Info("cancel of an older prompt: the flow under way goes on", zap.String("step", string(conv.Step)))
	q.show(q.t.Hint(q.t.NothingToCancel))
	return true, nil
}

// subjectOf names what a flow was about: the file or category name, "" if it is gone.
func (r *Router) subjectOf(q *exchange, c domain.Conversation) string {
	switch {
	case c.Step == domain.StepRenameAlbum:
		return r.albumTitleOf(q, c.FileID)
	case c.FileID != 0:
		if d, err := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: c.FileID}); err == nil {
			return d.File.Name
		}
	case c.CategoryID != 0:
		if cat, err := r.app.Queries.Categories.Get(q.ctx, q.user.ID, c.CategoryID); err == nil {
			return cat.Name
		}
	case c.Step == domain.StepUpload:
		return q.t.NoCategory
	}
	return ""
}

func (r *Router) finishUpload(q *exchange) error {
	conv, ok, err := r.app.Queries.Conversations.Current(q.ctx, q.user.ID)
	if err != nil {
		return err
	}
	if !ok || conv.Step != domain.StepUpload {
		q.show(q.t.Hint(q.t.UploadNothing))
		return nil
	}
	if err := r.endFlow(q); err != nil {
		return err
	}
	q.show(q.t.Hint(q.t.UploadEnded))
	return nil
}

func (r *Router) renameFile(q *exchange, conv domain.Conversation, name string) error {
	d, err := r.app.Commands.ManageFiles.Rename(q.ctx, q.user.ID, conv.FileID, name)
	switch f := q.failure(onFlowFile, err); {
	case nameRefused(q, f):
		return nil
	case f.gone():
		if err := r.endFlow(q); err != nil {
			return err
		}
		return r.showGone(q, f, true, backOf(conv))
	case err != nil:
		return err
	}
	if err := r.endFlow(q); err != nil {
		return err
	}
	text := q.t.Renamed(d.File.Name)
	if d.File.KeepsTelegramName() {
		text += "\n" + q.t.RenameKeepsTelegramName
	}
	q.reply.Send(q.chat, views.Plain(text), 0)
	q.show(q.t.FileCard(d, backOf(conv)))
	return nil
}

func (r *Router) createCategory(q *exchange, name string) error {
	c, err := r.app.Commands.Categories.Create(q.ctx, q.user.ID, name)
	switch f := failureOf(q.t, subject{topic: onCategory, name: trimmed(name)}, err); {
	case nameRefused(q, f):
		return nil
	case f.cause == causeDuplicate:
		q.show(q.t.Prompt(f.text))
		return nil
	case f.cause == causeCategoryLimit:
		if err := r.endFlow(q); err != nil {
			return err
		}
		q.reply.Send(q.chat, views.Plain(f.text), 0)
		return r.showCategories(q, domain.Cursor{})
	case err != nil:
		return err
	}
	if err := r.endFlow(q); err != nil {
		return err
	}
	q.reply.Send(q.chat, views.Plain(q.t.CategoryCreated(c.Name)), 0)
	q.show(q.t.CategoryMenuView(c, 0))
	return nil
}

func (r *Router) renameCategory(q *exchange, conv domain.Conversation, name string) error {
	c, err := r.app.Commands.Categories.Rename(q.ctx, q.user.ID, conv.CategoryID, name)
	switch f := failureOf(q.t, subject{topic: onCategory, name: trimmed(name)}, err); {
	case nameRefused(q, f):
		return nil
	case f.cause == causeDuplicate:
		q.show(q.t.Prompt(f.text))
		return nil
	case f.gone():
		if err := r.endFlow(q); err != nil {
			return err
		}
		return r.showGone(q, f, false, views.ListRef{})
	case err != nil:
		return err
	}
	if err := r.endFlow(q); err != nil {
		return err
	}
	q.reply.Send(q.chat, views.Plain(q.t.CategoryRenamed(c.Name)), 0)
	q.show(q.t.CategoryMenuView(c.Category, c.Files))
	return nil
}
