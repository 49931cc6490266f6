package views

import (
	"strings"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ShareCreated gives the link of a new share, with its limits when it has any.
func (t *Texts) ShareCreated(name, url string, s domain.Share, back Callback) View {
	text := t.ShareLink(name, url)
	if s.Limits != (domain.ShareLimits{}) {
		text += "\n\n" + strings.Join([]string{t.expiryLine(s, s.CreatedAt), t.peopleLine(s.Limits.MaxViewers, s.Viewers), t.protectLine(s.Limits.Protect)}, "\n")
	}
	return View{Text: text, Keyboard: keyboard(
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

// maxShortLinkName bounds it on a page that must say the links' limits in short to fit.
const maxShortLinkName = 20

// linkName names what a link shares: a file by its name, a category (📁) by its name, an album
// (📚) by its title, or else its date.
func (t *Texts) linkName(l domain.ShareSummary) string {
	switch {
	case l.CategoryID != 0:
		return "📁 " + l.Name
	case l.AlbumID != 0:
		s := domain.AlbumSummary{Caption: l.Name}
		if l.AlbumCreatedAt != nil {
			s.CreatedAt = *l.AlbumCreatedAt
		}
		return "📚 " + t.AlbumTitle(s)
	}
	return l.Name
}

// LinksView lists a page of the user's active links with their uses and limits, each with a
// Revoke button and a ⚙ to its limits that come back to this page (at), and ◀ ▶ to the pages
// around it.
func (t *Texts) LinksView(links app.LinkList, at domain.Cursor, urlOf func(token string) string) View {
	if len(links.Page.Items) == 0 {
		return View{Text: t.LinksEmpty, Keyboard: keyboard(row{button(t.BtnProfile, Callback{Action: ActProfile}), button(t.BtnMenu, Callback{Action: ActMenu})})}
	}
	var rows []row
	text := t.linkLines(links, urlOf, true)
	if len(utf16.Encode([]rune(text))) > maxTextRunes { // Telegram counts UTF-16 code units
		text = t.linkLines(links, urlOf, false) // a page of long names with many limits: in short
	}
	for _, l := range links.Page.Items {
		name := t.linkName(l)
		rows = append(rows, row{
			button(fitLabel(t.BtnRevoke+" · ", name, ""), Callback{Action: ActRevokeOnPage, ShareID: l.ID, Page: at}),
			button(settingsButton, Callback{Action: ActLinkSettings, ShareID: l.ID, Page: at}),
		})
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
	return View{Text: text, Keyboard: keyboard(rows...)}
}

// linkLines are the lines of a page of links, each with its limits, in full or in short.
func (t *Texts) linkLines(links app.LinkList, urlOf func(token string) string, full bool) string {
	lines := []string{t.Links(links.Total)}
	for _, l := range links.Page.Items {
		name := t.linkName(l)
		room := maxLinkName
		if !full {
			room = maxShortLinkName
		}
		line := t.linkLine(shorten(name, room), urlOf(l.Token), l.Uses)
		if badges := t.linkBadges(l.Share, links.Now, full); badges != "" {
			line += "\n  " + badges
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
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
