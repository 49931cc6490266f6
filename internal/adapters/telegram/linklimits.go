package telegram

import (
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// showFileLinkOptions offers the limits of a new link to a file before it is made.
func (r *Router) showFileLinkOptions(q *exchange, fileID int64, back views.ListRef, opts views.LinkOpts) error {
	d, err := r.app.Queries.GetFile.Handle(q.ctx, app.GetFileInput{OwnerID: q.user.ID, FileID: fileID})
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	q.show(q.t.NewLinkView(d.File.Name, views.LinkTarget{FileID: fileID, List: back}, opts))
	return nil
}

// showCategoryLinkOptions offers the limits of a new link to a category before it is made.
func (r *Router) showCategoryLinkOptions(q *exchange, categoryID int64, opts views.LinkOpts) error {
	c, err := r.app.Queries.Categories.Get(q.ctx, q.user.ID, categoryID)
	if err != nil {
		return r.categoryFailed(q, err)
	}
	q.show(q.t.NewLinkView("📁 "+c.Name, views.LinkTarget{CategoryID: categoryID}, opts))
	return nil
}

// showAlbumLinkOptions offers the limits of a new link to an album before it is made.
func (r *Router) showAlbumLinkOptions(q *exchange, albumID int64, back views.ListRef, opts views.LinkOpts) error {
	d, err := r.app.Queries.Albums.Open(q.ctx, q.user.ID, albumID)
	if err == nil && len(d.Files) == 0 {
		err = domain.ErrNotFound // in the trash: nothing to share
	}
	if err != nil {
		return r.albumFailed(q, err, albumID, back)
	}
	q.show(q.t.NewLinkView("📚 "+q.t.AlbumTitle(d.Live), views.LinkTarget{AlbumID: albumID, List: back}, opts))
	return nil
}

// showLinkSettings shows the ⚙ limits of one of the user's links; page is the page of links to
// return to.
func (r *Router) showLinkSettings(q *exchange, shareID int64, page domain.Cursor) error {
	d, err := r.app.Queries.Links.Link(q.ctx, q.user.ID, shareID)
	switch gone, err := linkGone(q, err, shareID); {
	case gone:
		return r.showLinksPage(q, page)
	case err != nil:
		return err
	}
	q.show(q.t.LinkSettingsView(d.Link, r.shareURL(d.Link.Token), d.Now, page))
	return nil
}

// setLinkLimits changes a limit of one of the user's links and shows its settings again.
func (r *Router) setLinkLimits(q *exchange, shareID int64, page domain.Cursor, opts views.LinkOpts) error {
	_, err := r.app.Commands.Shares.ChangeLimits(q.ctx, q.user.ID, shareID, opts.Change())
	switch gone, err := linkGone(q, err, shareID); {
	case gone:
		return r.showLinksPage(q, page)
	case err != nil:
		return err
	}
	q.log.Info("link limits changed", zap.Int64("share_id", shareID))
	q.notify(q.t.LinkLimitsSaved, false)
	return r.showLinkSettings(q, shareID, page)
}

// linkGone tells the user of a ⚙ button of a link that is not theirs (any more), or revoked, or
// of limits out of bounds (a forged button): gone then, and the page of links is to be shown.
func linkGone(q *exchange, err error, shareID int64) (bool, error) {
	switch f := q.failure(onOwnLink, err); {
	case f.gone(), f.is(causeRevoked, causeBadSettings):
		q.log.Info("limits of a link that is not the user's, revoked or out of bounds", zap.Int64("share_id", shareID), zap.Error(err))
		q.notify(f.text, false)
		return true, nil
	case err != nil:
		return false, err
	}
	return false, nil
}
