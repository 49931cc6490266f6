package views

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ListTitle names a list: a kind, a category, a tag, the uncategorised files, all files.
func (t *Texts) listTitle(f domain.FileFilter, category string) string {
	switch {
	case f.CategoryID > 0:
		return t.CategoryTitle(category)
	case f.TagID > 0:
		return t.TagTitle(category)
	case f.Uncategorised:
		return t.BtnUncategorised
	case f.SearchID > 0:
		return "🔎 " + category
	case f.Kind != "":
		emoji, _, plural := t.KindName(f.Kind)
		return emoji + " " + plural
	}
	return t.BtnAll
}

// FileList shows one page of files, a button each opening its card, with page navigation; a
// category, tag or search has a row of kinds to narrow it to. category is the name of the category
// or tag listed, or the search's text, if any; retention is how long the trash keeps files.
func (t *Texts) FileList(ref ListRef, page domain.Page[domain.File], category string, retention time.Duration) View {
	return t.FileListWithAlbums(ref, page, category, retention, nil)
}

// FileListWithAlbums is FileList where a file that stands for its album (albums, by id) is
// listed as the album.
func (t *Texts) FileListWithAlbums(ref ListRef, page domain.Page[domain.File], category string, retention time.Duration, albums map[int64]domain.AlbumSummary) View {
	text := t.ListHeader(t.listTitle(ref.Filter, category), len(page.Items))
	switch {
	case ref.Filter.SearchID > 0 && len(page.Items) == 0 && domain.PrefixSearch(category):
		text = t.SearchNothingShort(category)
	case ref.Filter.SearchID > 0 && len(page.Items) == 0:
		text = t.SearchNothing(category)
	case ref.Filter.SearchID > 0:
		text = t.SearchHeader(category, len(page.Items))
	case ref.Filter.Trashed:
		text = t.TrashHeader(len(page.Items), retention)
	}
	if len(page.Items) == 0 && ref.Filter.SearchID == 0 {
		text = t.EmptyList
	}
	if position := t.position(page); position != "" {
		text += "\n" + position
	}
	rows := make([]row, 0, len(page.Items)+5)
	for _, f := range page.Items {
		rows = append(rows, row{t.entryButton(f, ref, albums)})
	}
	var nav row
	if page.Prev != nil {
		nav = append(nav, button(t.BtnPrev, Callback{Action: ActList, List: ListRef{Filter: ref.Filter, Cursor: *page.Prev}}))
	}
	if page.Next != nil {
		nav = append(nav, button(t.BtnNext, Callback{Action: ActList, List: ListRef{Filter: ref.Filter, Cursor: *page.Next}}))
	}
	if nav != nil {
		rows = append(rows, nav)
	}
	rows = append(rows, t.kindRows(ref.Filter)...)
	back := button(t.BtnBackToKinds, Callback{Action: ActKinds})
	if ref.Filter.SearchID > 0 {
		back = button(t.BtnSearch, Callback{Action: ActSearch})
	} else if ref.Filter.TagID > 0 {
		back = button(t.BtnTags, Callback{Action: ActTags})
	} else if ref.Filter.CategoryID > 0 {
		back = button(t.BtnBack, Callback{Action: ActCategory, CategoryID: ref.Filter.CategoryID})
	} else if ref.Filter.Uncategorised {
		back = button(t.BtnCategories, Callback{Action: ActCategories})
	}
	if len(page.Items) > 0 {
		rows = append(rows, row{button(t.BtnSelect, Callback{Action: ActSelect, List: ref}), t.sendAllButton(ref.Filter)})
	}
	if ref.Filter.Trashed && len(page.Items) > 0 {
		rows = append(rows, row{button(t.BtnEmptyTrash, Callback{Action: ActEmptyTrash})})
	}
	rows = append(rows, row{back, button(t.BtnMenu, Callback{Action: ActMenu})})
	return View{Text: text, Keyboard: keyboard(rows...)}
}

// kindRows narrow a category, tag or search to one kind (or back to all of them), the kind shown
// marked: two rows of four, every kind and all.
func (t *Texts) kindRows(f domain.FileFilter) []row {
	if f.CategoryID == 0 && f.TagID == 0 && f.SearchID == 0 {
		return nil
	}
	to := func(k domain.Kind) Callback {
		g := f
		g.Kind = k
		return Callback{Action: ActList, List: ListRef{Filter: g}}
	}
	all := t.BtnAllKinds
	if f.Kind == "" {
		all = "• " + all
	}
	kinds := row{button(all, to(""))}
	for _, k := range domain.Kinds {
		emoji, _, _ := t.KindName(k)
		if k == f.Kind {
			emoji = "• " + emoji
		}
		kinds = append(kinds, button(emoji, to(k)))
	}
	return []row{kinds[:4], kinds[4:]}
}

// maxLabelRunes is about what a full-width button shows on a phone before Telegram cuts it.
const maxLabelRunes = 32

// fitLabel is prefix, name and suffix, with the name shortened so the whole fits a phone: the
// count or size in the suffix is never what is cut.
func fitLabel(prefix, name, suffix string) string {
	room := maxLabelRunes - utf8.RuneCountInString(prefix) - utf8.RuneCountInString(suffix)
	return prefix + shorten(name, max(room, 8)) + suffix
}

// fileLabel is a file's button: its kind, its title and its size.
func (t *Texts) fileLabel(f domain.File) string {
	emoji, _, _ := t.KindName(f.Kind)
	return fitLabel(emoji+" ", fileTitle(f), " · "+t.Size(f.Size))
}

// fileTitle is what a file is listed as: its caption (on one line) when its name was made up by
// the bot (photo_2026-11-23_14-05.jpg says nothing) and the user gave a caption; else its name.
func fileTitle(f domain.File) string {
	if f.Caption != "" && generatedName.MatchString(f.Name) {
		return strings.Join(strings.Fields(f.Caption), " ")
	}
	return f.Name
}

// generatedName matches the names domain.GenerateFileName makes: photo_2026-11-23_14-05.jpg.
var generatedName = regexp.MustCompile(`^[a-z_]+_\d{4}-\d\d-\d\d_\d\d-\d\d(\.[A-Za-z0-9]+)?$`)

// shorten cuts s to at most n runes, marking the cut with an ellipsis in the middle so the
// extension stays visible.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	tail := n / 3
	return string(r[:n-tail-1]) + "…" + string(r[len(r)-tail:])
}

// position says where a page is in its list, as far as that is known: "" when nothing is.
func (t *Texts) position(p domain.Page[domain.File]) string {
	switch {
	case p.Total > 0 && p.Number > 0:
		return t.ListPosition(p.Number, p.Pages, p.Total)
	case p.Total > 0:
		return t.ListCount(p.Total)
	case p.Number > 0 && (p.Prev != nil || p.Next != nil):
		return t.ListPageNumber(p.Number)
	}
	return ""
}
