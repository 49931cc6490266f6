package views

import (
	"fmt"
	"strings"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// settingsButton opens a link's ⚙ limits from /links: a sign, no words.
const settingsButton = "⚙"

// LinkTarget is what a new link would share, as its options' buttons name it: a file or an album
// (with the list its card returns to) or a category.
type LinkTarget struct {
	FileID     int64
	List       ListRef
	CategoryID int64
	AlbumID    int64
}

func (g LinkTarget) options(o LinkOpts) Callback {
	if g.AlbumID != 0 {
		return Callback{Action: ActAlbumLinkOpts, AlbumID: g.AlbumID, List: g.List, Opts: o}
	}
	if g.FileID != 0 {
		return Callback{Action: ActFileLinkOpts, FileID: g.FileID, List: g.List, Opts: o}
	}
	return Callback{Action: ActCatLinkOpts, CategoryID: g.CategoryID, Opts: o}
}

func (g LinkTarget) make(o LinkOpts) Callback {
	if g.AlbumID != 0 {
		return Callback{Action: ActMakeAlbumLink, AlbumID: g.AlbumID, List: g.List, Opts: o}
	}
	if g.FileID != 0 {
		return Callback{Action: ActMakeFileLink, FileID: g.FileID, List: g.List, Opts: o}
	}
	return Callback{Action: ActMakeCatLink, CategoryID: g.CategoryID, Opts: o}
}

func (g LinkTarget) back() Callback {
	if g.AlbumID != 0 {
		return Callback{Action: ActAlbum, AlbumID: g.AlbumID, List: g.List}
	}
	if g.FileID != 0 {
		return Callback{Action: ActCard, FileID: g.FileID, List: g.List}
	}
	return Callback{Action: ActCategory, CategoryID: g.CategoryID}
}

// NewLinkView offers the limits of a new link to name (o, as chosen so far) before it is made:
// each choice shows the options again with it, ✓ marking the chosen ones.
func (t *Texts) NewLinkView(name string, g LinkTarget, o LinkOpts) View {
	o = o.Full()
	rows := []row{{button(t.BtnMakeLink, g.make(o))}}
	rows = append(rows, t.limitRows(o, func(c LinkOpts) Callback { return g.options(o.with(c)) })...)
	rows = append(rows, row{button(t.BtnBack, g.back())})
	opt := o.Options()
	lines := []string{t.LinkOptionsNew(name), t.expiryChoice(o.Expiry), t.peopleLine(opt.MaxViewers, 0), t.protectLine(opt.Protect)}
	return View{Text: strings.Join(lines, "\n"), Keyboard: keyboard(rows...)}
}

// expiryChoice says the expiry chosen for a link not made yet.
func (t *Texts) expiryChoice(e LinkExpiry) string {
	switch e {
	case ExpiryDay:
		return t.LimitExpires(strings.TrimPrefix(t.BtnDay, "⏳ "))
	case ExpiryWeek:
		return t.LimitExpires(strings.TrimPrefix(t.BtnWeek, "⏳ "))
	}
	return t.LimitNever
}

// limitRows are the choices of each limit, ✓ marking those of current; choose makes the button
// of a choice (a LinkOpts with that one limit set).
func (t *Texts) limitRows(current LinkOpts, choose func(LinkOpts) Callback) []row {
	mark := func(label string, chosen bool) string {
		if chosen {
			return "✓ " + label
		}
		return label
	}
	var expiry, who row
	for _, c := range []struct {
		e     LinkExpiry
		label string
	}{{ExpiryDay, t.BtnDay}, {ExpiryWeek, t.BtnWeek}, {ExpiryNever, t.BtnNever}} {
		expiry = append(expiry, button(mark(c.label, current.Expiry == c.e), choose(LinkOpts{Expiry: c.e})))
	}
	for _, c := range []struct {
		p     LinkPeople
		label string
	}{{People1, "👥 1"}, {People5, "👥 5"}, {People10, "👥 10"}, {PeopleAnyone, t.BtnAnyone}} {
		who = append(who, button(mark(c.label, current.People == c.p), choose(LinkOpts{People: c.p})))
	}
	protect := button(t.BtnProtectOff, choose(LinkOpts{Protect: ProtectOn}))
	if current.Protect == ProtectOn {
		protect = button(t.BtnProtectOn, choose(LinkOpts{Protect: ProtectOff}))
	}
	return []row{expiry, who, {protect}}
}

// LinkSettingsView shows a link's limits as they are at now, with the choices that change each
// one, Revoke, and the way back to the page of links it was opened from.
func (t *Texts) LinkSettingsView(l domain.ShareSummary, url string, now time.Time, page domain.Cursor) View {
	name := t.linkName(l)
	lines := []string{t.LinkOptionsEdit(name, url), t.expiryLine(l.Share, now), t.peopleLine(l.Limits.MaxViewers, l.Viewers), t.protectLine(l.Limits.Protect)}
	current := LinkOpts{People: peopleChoice(l.Limits.MaxViewers), Protect: ProtectOff}
	if l.Limits.ExpiresAt == nil {
		current.Expiry = ExpiryNever
	}
	if l.Limits.Protect {
		current.Protect = ProtectOn
	}
	rows := t.limitRows(current, func(c LinkOpts) Callback {
		return Callback{Action: ActLinkSet, ShareID: l.ID, Page: page, Opts: c}
	})
	rows = append(rows, row{
		button(t.BtnRevoke, Callback{Action: ActRevokeOnPage, ShareID: l.ID, Page: page}),
		button(t.BtnBack, Callback{Action: ActLinksPage, Page: page}),
	})
	return View{Text: strings.Join(lines, "\n"), Keyboard: keyboard(rows...)}
}

func peopleChoice(n int) LinkPeople {
	for p, v := range people {
		if v == n && LinkPeople(p) != PeopleLeft {
			return LinkPeople(p)
		}
	}
	return PeopleLeft // a limit none of the buttons offers: none is marked
}

func (t *Texts) expiryLine(s domain.Share, now time.Time) string {
	switch at := s.Limits.ExpiresAt; {
	case at == nil:
		return t.LimitNever
	case s.Expired(now):
		return t.LimitExpiredAt(t.Date(*at))
	default:
		return t.LimitExpires(t.Date(*at))
	}
}

func (t *Texts) peopleLine(limit, admitted int) string {
	if limit == 0 {
		return t.LimitAnyone(admitted)
	}
	return t.LimitPeople(admitted, limit)
}

func (t *Texts) protectLine(on bool) string {
	if on {
		return t.LimitProtected
	}
	return t.LimitUnprotected
}

// linkBadges are a link's limits in short, for its line in /links: "" for a link without any.
// In full they say it in words; in short in signs alone (⏳ expires, ⌛ expired, 👥 ⛔ used up),
// so that a page of the longest names with every limit fits a message.
func (t *Texts) linkBadges(s domain.Share, now time.Time, full bool) string {
	var b []string
	switch at := s.Limits.ExpiresAt; {
	case at != nil && s.Expired(now) && full:
		b = append(b, t.BadgeExpired)
	case at != nil && s.Expired(now):
		b = append(b, "⌛")
	case at != nil && full:
		b = append(b, t.BadgeUntil(t.Date(*at)))
	case at != nil:
		b = append(b, "⏳")
	}
	switch {
	case s.Full() && full:
		b = append(b, t.BadgeUsedUp(s.Viewers, s.Limits.MaxViewers))
	case s.Full():
		b = append(b, fmt.Sprintf("👥 ⛔ %d/%d", s.Viewers, s.Limits.MaxViewers))
	case s.Limits.MaxViewers > 0:
		b = append(b, fmt.Sprintf("👥 %d/%d", s.Viewers, s.Limits.MaxViewers)) // no words: the same in every language
	}
	if s.Limits.Protect {
		b = append(b, "🔒")
	}
	return strings.Join(b, " · ")
}

// originLine says where a forwarded file came from, in the words of its kind of origin.
func (t *Texts) originLine(o domain.Origin) string {
	say := t.OriginUser
	switch o.Kind {
	case domain.OriginChannel:
		say = t.OriginChannel
	case domain.OriginChat:
		say = t.OriginChat
	case domain.OriginHiddenUser:
		say = t.OriginHiddenUser
	}
	return say(o.Name, t.Date(o.Date))
}
