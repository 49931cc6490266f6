package telegram

import (
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func (r *Router) showTags(q *exchange, cursor domain.Cursor) error {
	page, err := r.app.Queries.Tags.List(q.ctx, q.user.ID, cursor, q.user.PageSize)
	if err != nil {
		return err
	}
	q.show(q.t.TagsView(page))
	return nil
}

// askTags begins the flow that changes a file's tags, showing those it carries.
func (r *Router) askTags(q *exchange, fileID int64, back views.ListRef) error {
	// The flow under way ends first: its take travels with the file's read, and the new flow's
	// check of the file is that read (no round trip more).
	if err := r.endFlow(q); err != nil {
		return err
	}
	d, err := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: fileID})
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	return r.beginFlow(q, domain.Conversation{Step: domain.StepEditTags, FileID: fileID}, q.t.TagsPrompt(d.File, d.Tags), back)
}

// editTags applies the tags the user sent to the flow's file; tags it cannot take leave the flow
// waiting for others.
func (r *Router) editTags(q *exchange, conv domain.Conversation, text string) error {
	d, err := r.app.Commands.Tags.Edit(q.ctx, q.user.ID, conv.FileID, text)
	switch f := q.failure(onFlowFile, err); {
	case f.is(causeBadTag, causeTooManyTags):
		q.show(q.t.Prompt(f.text))
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
	q.reply.Send(q.chat, views.Plain(q.t.TagsSavedText(d.File, d.Tags)), 0)
	q.show(q.t.FileCard(d, backOf(conv)))
	return nil
}
