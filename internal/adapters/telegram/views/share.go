package views

import (
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ShareCreated gives the link of a new share.
func (t *Texts) ShareCreated(name, url string, back Callback) View {
	return View{Text: t.ShareLink(name, url), Keyboard: keyboard(
		row{button(t.BtnLinks, Callback{Action: ActLinks}), button(t.BtnBack, back)},
	)}
}

// SaveCopyKeyboard goes under a shared file sent to someone: it saves a copy into their library.
func (t *Texts) SaveCopyKeyboard(shareID, fileID int64) *models.InlineKeyboardMarkup {
	return keyboard(row{button(t.BtnSaveCopy, Callback{Action: ActSaveCopy, ShareID: shareID, FileID: fileID})})
}

// SharedCategoryView lists the files of an opened category link, a button each.
func (t *Texts) SharedCategoryView(o app.Opened) View {
	rows := make([]row, 0, len(o.Files))
	for _, f := range o.Files {
		rows = append(rows, row{button(t.fileLabel(f), Callback{Action: ActSharedGet, ShareID: o.Share.ID, FileID: f.ID})})
	}
	return View{Text: t.SharedCategory(o.Category.Name, len(o.Files)), Keyboard: keyboard(rows...)}
}

// maxLinkName bounds the name of a link's file or category in the list of links: a page of
// domain.MaxPageSize links with the longest names (of characters Telegram counts twice), their
// URLs and uses stays within the 4,096 characters of a message.
const maxLinkName = 40

// LinksView lists a page of the user's active links with their uses, each with a Revoke button
// that comes back to this page (at), and ◀ ▶ to the pages around it.
func (t *Texts) LinksView(links app.LinkList, at domain.Cursor, urlOf func(token string) string) View {
	if len(links.Page.Items) == 0 {
		return View{Text: t.LinksEmpty, Keyboard: keyboard(row{button(t.BtnProfile, Callback{Action: ActProfile}), button(t.BtnMenu, Callback{Action: ActMenu})})}
	}
	lines := []string{t.Links(links.Total)}
	var rows []row
	for _, l := range links.Page.Items {
		name := l.Name
		if l.CategoryID != 0 {
			name = "🏷 " + name
		}
		lines = append(lines, t.linkLine(shorten(name, maxLinkName), urlOf(l.Token), l.Uses))
		rows = append(rows, row{button(fitLabel(t.BtnRevoke+" · ", name, ""), Callback{Action: ActRevokeOnPage, ShareID: l.ID, Page: at})})
	}
	var nav row
	if p := links.Page.Prev; p != nil {
		nav = append(nav, button(t.BtnPrev, Callback{Action: ActLinksPage, Page: *p}))
	}
	if n := links.Page.Next; n != nil {
		nav = append(nav, button(t.BtnNext, Callback{Action: ActLinksPage, Page: *n}))
	}
	if nav != nil {
		rows = append(rows, nav)
	}
	rows = append(rows, row{button(t.BtnProfile, Callback{Action: ActProfile}), button(t.BtnMenu, Callback{Action: ActMenu})})
	return View{Text: strings.Join(lines, "\n"), Keyboard: keyboard(rows...)}
}

// linkLine is a link in the list of links, with how often it was used: a never-used link has
// its own words in each language.
func (t *Texts) linkLine(name, url string, uses int) string {
	if uses == 0 {
		return t.LinkLineUnused(name, url)
	}
	return t.LinkLine(name, url, uses)
}

// LinkLimitView refuses a new link past the limit with text (LinkLimit) and offers the links, to
// revoke one.
func (t *Texts) LinkLimitView(text string, back Callback) View {
	return View{Text: text, Keyboard: keyboard(
		row{button(t.BtnLinks, Callback{Action: ActLinks}), button(t.BtnBack, back)},
	)}
}
