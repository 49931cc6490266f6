package telegram

import (
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func (r *Router) showCategories(q *exchange, page domain.Cursor) error {
	cats, err := r.app.Queries.Categories.List(q.ctx, q.user.ID, page, q.user.PageSize)
	if err != nil {
		return err
	}
	q.show(q.t.CategoriesView(cats, r.limits.MaxCategories))
	return nil
}

// categoryFailed explains a category that is not the user's (any more) and shows the
// categories; any other error is returned.
func (r *Router) categoryFailed(q *exchange, err error) error {
	if f := q.failure(onCategory, err); f.gone() {
		q.notify(f.text, false)
		return r.showCategories(q, domain.Cursor{})
	}
	return err
}

func (r *Router) showCategory(q *exchange, id int64) error {
	c, err := r.app.Queries.Categories.Summary(q.ctx, q.user.ID, id)
	if err != nil {
		return r.categoryFailed(q, err)
	}
	q.show(q.t.CategoryMenuView(c.Category, c.Files))
	return nil
}

func (r *Router) confirmCategoryDelete(q *exchange, id int64) error {
	c, err := r.app.Queries.Categories.Summary(q.ctx, q.user.ID, id)
	if err != nil {
		return r.categoryFailed(q, err)
	}
	q.show(q.t.CategoryDeleteConfirm(c.Category, c.Files))
	return nil
}

func (r *Router) deleteCategory(q *exchange, id int64) error {
	c, affected, err := r.app.Commands.Categories.Delete(q.ctx, q.user.ID, id)
	if err != nil {
		return r.categoryFailed(q, err)
	}
	q.reply.Send(q.chat, views.Plain(q.t.CategoryDeletedText(c.Name, affected)), 0)
	return r.showCategories(q, domain.Cursor{})
}

func (r *Router) showUploadPicker(q *exchange, page domain.Cursor) error {
	cats, err := r.app.Queries.Categories.List(q.ctx, q.user.ID, page, q.user.PageSize)
	if err != nil {
		return err
	}
	q.show(q.t.UploadPicker(cats))
	return nil
}

// startUpload begins an upload into a category; with no category, files need no flow at all.
func (r *Router) startUpload(q *exchange, categoryID int64) error {
	if categoryID == 0 {
		if err := r.endFlow(q); err != nil {
			return err
		}
		q.show(q.t.Hint(q.t.UploadHint))
		return nil
	}
	c, err := r.app.Queries.Categories.Get(q.ctx, q.user.ID, categoryID)
	if err != nil {
		return r.categoryFailed(q, err)
	}
	if err := r.endFlow(q); err != nil {
		return err
	}
	_, err = r.app.Commands.Conversations.Begin(q.ctx, domain.Conversation{UserID: q.user.ID, Step: domain.StepUpload, CategoryID: c.ID, PromptMessageID: q.msgID})
	if err != nil {
		return r.categoryFailed(q, err)
	}
	r.showPrompt(q, domain.StepUpload, q.t.Prompt(q.t.UploadInto(c.Name)))
	return nil
}
