package telegram

import (
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// shareURL is the link that opens a share: the bot's /start with the token as payload.
func (r *Router) shareURL(token string) string {
	return "https://t.me/" + r.botUsername() + "?start=" + token
}

// linkLimited answers a share refused because the user has as many links as they may: it says
// the limit and offers the links to revoke one. It reports whether err was that refusal.
func linkLimited(q *exchange, err error, back views.Callback) bool {
	f := q.failure(onAnything, err)
	if f.cause != causeLinkLimit {
		return false
	}
	q.log.Info("share refused: link limit reached", zap.Error(err))
	q.show(q.t.LinkLimitView(f.text, back))
	return true
}

func (r *Router) shareFile(q *exchange, fileID int64, back views.ListRef, opts views.LinkOpts) error {
	link, err := r.app.Commands.Shares.CreateLimited(q.ctx, q.user.ID, fileID, 0, opts.Options())
	if linkLimited(q, err, views.Callback{Action: views.ActCard, FileID: fileID, List: back}) {
		return nil
	}
	if err != nil {
		return r.fileFailed(q, err, fileID, back)
	}
	q.show(q.t.ShareCreated(link.Subject, r.shareURL(link.Share.Token), link.Share, views.Callback{Action: views.ActCard, FileID: fileID, List: back}))
	return nil
}

func (r *Router) shareCategory(q *exchange, categoryID int64, opts views.LinkOpts) error {
	link, err := r.app.Commands.Shares.CreateLimited(q.ctx, q.user.ID, 0, categoryID, opts.Options())
	if linkLimited(q, err, views.Callback{Action: views.ActCategory, CategoryID: categoryID}) {
		return nil
	}
	if err != nil {
		return r.categoryFailed(q, err)
	}
	q.show(q.t.ShareCreated("📁 "+link.Subject, r.shareURL(link.Share.Token), link.Share, views.Callback{Action: views.ActCategory, CategoryID: categoryID}))
	return nil
}

func (r *Router) shareAlbum(q *exchange, albumID int64, back views.ListRef, opts views.LinkOpts) error {
	link, err := r.app.Commands.Shares.CreateAlbumLink(q.ctx, q.user.ID, albumID, opts.Options())
	card := views.Callback{Action: views.ActAlbum, AlbumID: albumID, List: back}
	if linkLimited(q, err, card) {
		return nil
	}
	if err != nil {
		return r.albumFailed(q, err, albumID, back)
	}
	q.show(q.t.ShareCreated("📚 "+q.t.AlbumTitle(*link.Album), r.shareURL(link.Share.Token), link.Share, card))
	return nil
}

// openShare answers /start <token>: the shared file with a button to keep a copy, or the list
// of a shared category's files.
func (r *Router) openShare(q *exchange, token string) error {
	o, err := r.app.Commands.Shares.Open(q.ctx, q.user.ID, token)
	switch f := q.failure(onLink, err); {
	case f.is(causeRevoked, causeBadToken, causeNotFound, causeExpired, causeUsedUp):
		q.log.Info("link refused", zap.Int("cause", int(f.cause)))
		q.show(q.t.Hint(f.text))
		return nil
	case err != nil:
		return err
	}
	if o.File != nil {
		q.reply.Send(q.chat, views.Plain(q.t.SharedFile(o.File.Name)), 0)
		sendGiven(q, app.Given{File: *o.File, Protect: o.Share.Limits.Protect}, o.Share.ID)
		return nil
	}
	if o.Album != nil {
		if len(o.Files) == 0 {
			q.log.Info("link to an album whose files are all deleted", zap.Int64("share_id", o.Share.ID))
			q.show(q.t.Hint(q.t.SharedAlbumEmpty))
			return nil
		}
		q.reply.Send(q.chat, views.Plain(q.t.SharedAlbum(q.t.AlbumTitle(*o.Album), len(o.Files))), 0)
		q.reply.SendAlbumProtected(q.chat, o.Files, r.botID(), o.Share.Limits.Protect)
		return nil
	}
	q.show(q.t.SharedCategoryView(o))
	return nil
}

// shareFailed explains a button of a link that gives nothing: the link was revoked, what it
// shared is gone, or the user never opened it (a forged or forwarded button, or one from before
// grants were recorded: opening the link again makes it work).
func shareFailed(q *exchange, err error, shareID, fileID int64) error {
	f := q.failure(onSharedFile, err)
	switch f.cause {
	case causeRevoked, causeExpired:
		q.log.Info("button of a revoked or expired link", zap.Int64("share_id", shareID), zap.Int64("file_id", fileID))
	case causeForbidden:
		q.log.Warn("share button refused: the user never opened the link", zap.Int64("share_id", shareID), zap.Int64("file_id", fileID))
	case causeNotFound:
		q.log.Warn("share button refused: the file is not in the share", zap.Int64("share_id", shareID), zap.Int64("file_id", fileID))
	default:
		return err
	}
	q.notify(f.text, true)
	return nil
}

func (r *Router) sendShared(q *exchange, shareID, fileID int64) error {
	g, err := r.app.Commands.Shares.SharedFile(q.ctx, q.user.ID, shareID, fileID)
	if err != nil {
		return shareFailed(q, err, shareID, fileID)
	}
	q.notify(q.t.Sending, false)
	sendGiven(q, g, shareID)
	return nil
}

// sendGiven sends a file a link gives: protected (with no button to keep a copy) when the link
// protects its files.
func sendGiven(q *exchange, g app.Given, shareID int64) {
	if g.Protect {
		q.reply.SendProtectedFile(q.chat, g.File)
		return
	}
	q.reply.SendFileWith(q.chat, g.File, q.t.SaveCopyKeyboard(shareID, g.File.ID))
}

func (r *Router) saveCopy(q *exchange, shareID, fileID int64) error {
	res, err := r.app.Commands.Shares.SaveCopy(q.ctx, q.user.ID, shareID, fileID)
	switch f := q.failure(onSharedFile, err); {
	case f.is(causeQuota, causeProtected):
		q.log.Info("copy of a shared file refused", zap.Int("cause", int(f.cause)))
		q.notify(f.text, true)
	case err != nil:
		return shareFailed(q, err, shareID, fileID)
	case res.AlreadySaved && !res.Restored:
		q.notify(q.t.AlreadyHaveIt, false)
	default:
		q.notify(q.t.SavedCopy, false)
	}
	return nil
}

// showLinks shows the first page of the user's links.
func (r *Router) showLinks(q *exchange) error { return r.showLinksPage(q, domain.Cursor{}) }

// showLinksPage shows the page of the user's links that page points to, a page as long as their
// file lists.
func (r *Router) showLinksPage(q *exchange, page domain.Cursor) error {
	links, err := r.app.Queries.Links.List(q.ctx, q.user.ID, page, q.user.PageSize)
	if err != nil {
		return err
	}
	q.show(q.t.LinksView(links, page, r.shareURL))
	return nil
}

// revokeLink revokes one of the user's links and shows the page of links it was pressed on.
func (r *Router) revokeLink(q *exchange, shareID int64, page domain.Cursor) error {
	_, err := r.app.Commands.Shares.Revoke(q.ctx, q.user.ID, shareID)
	switch f := q.failure(onOwnLink, err); {
	case f.gone():
		q.log.Info("revoke of a link that is not the user's or is gone", zap.Int64("share_id", shareID))
		q.notify(f.text, false)
	case err != nil:
		return err
	default:
		q.notify(q.t.LinkRevokedToast, false)
	}
	return r.showLinksPage(q, page)
}
