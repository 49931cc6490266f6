package views

import (
	"fmt"
	"strings"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ProfileView shows what the user keeps.
func (t *Texts) ProfileView(v app.ProfileView) View {
	text := t.Profile(v, t.usageByKind(v.Usage))
	if v.Storage.Copied > 0 || v.Storage.Unreachable > 0 { // nothing to say of a bot with no storage chat
		text += "\n" + t.StorageCopies(v.Storage)
	}
	return View{Text: text, Keyboard: keyboard(
		row{button(t.BtnSettings, Callback{Action: ActSettings}), button(t.BtnLinks, Callback{Action: ActLinks})},
		row{button(t.BtnExport, Callback{Action: ActExport})},
		row{button(t.BtnMenu, Callback{Action: ActMenu})},
	)}
}

// pageSizes are the page sizes the settings offer.
var pageSizes = []int{5, 8, 10, 15, 20}

// SettingsView shows the user's settings with buttons to change them; category names the
// default upload category ("" for none).
func (t *Texts) SettingsView(u domain.User, category string) View {
	if category == "" {
		category = t.NoCategory
	}
	var sizes row
	for _, n := range pageSizes {
		label := fmt.Sprint(n)
		if n == u.PageSize {
			label = "✓ " + label
		}
		sizes = append(sizes, button(label, Callback{Action: ActPageSize, Number: int64(n)}))
	}
	var langs row
	for _, l := range domain.Languages {
		label := t.LanguageName(l)
		if l == u.Lang() {
			label = "✓ " + label
		}
		langs = append(langs, button(label, Callback{Action: ActLanguage, Language: l}))
	}
	var orders []row
	for i, o := range domain.SortOrders {
		label := t.SortLabel(o)
		if o == u.Sort.Or(domain.SortNewest) {
			label = "✓ " + label
		}
		if i%2 == 0 {
			orders = append(orders, row{})
		}
		orders[len(orders)-1] = append(orders[len(orders)-1], button(label, Callback{Action: ActSort, Sort: o}))
	}
	rows := append([]row{sizes, langs}, orders...)
	return View{Text: t.Settings(u.PageSize, t.LanguageName(u.Lang()), category, t.SortLabel(u.Sort)), Keyboard: keyboard(append(rows,
		row{button(fitLabel(t.BtnDefaultCategory(""), category, ""), Callback{Action: ActDefaultCat})},
		row{button(t.BtnProfile, Callback{Action: ActProfile}), button(t.BtnMenu, Callback{Action: ActMenu})},
	)...)}
}

// DefaultCategoryPicker lets the user choose where new files go.
func (t *Texts) DefaultCategoryPicker(cats app.CategoryList) View {
	rows := []row{{button(t.BtnNoCategory, Callback{Action: ActDefaultCatSet})}}
	for _, c := range cats.Page.Items {
		rows = append(rows, row{button(fitLabel("📁 ", c.Name, ""), Callback{Action: ActDefaultCatSet, CategoryID: c.ID})})
	}
	rows = append(rows, t.pageNav(cats.Page, func(c domain.Cursor) Callback { return Callback{Action: ActDefaultCat, Page: c} })...)
	rows = append(rows, row{button(t.BtnSettings, Callback{Action: ActSettings})})
	return View{Text: t.UploadPick, Keyboard: keyboard(rows...)}
}

// usageByKind is a line per kind the usage holds files of — its files and their size — or the
// words for none yet: what /profile and /stats say of a library and of the whole bot.
func (t *Texts) usageByKind(usage domain.Usage) string {
	var kinds []string
	for _, k := range domain.Kinds {
		u, ok := usage.ByKind[k]
		if !ok || u.Files == 0 {
			continue
		}
		emoji, _, plural := t.KindName(k)
		kinds = append(kinds, t.ProfileKind(emoji, plural, u.Files, t.Size(u.Bytes)))
	}
	if len(kinds) == 0 {
		return t.NoFilesYet
	}
	return strings.Join(kinds, "\n")
}
