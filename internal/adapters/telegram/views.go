package telegram

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// View is a message as the user sees it: text and inline keyboard. Views are pure functions of
// use-case results and a language, testable without a bot.
type View struct {
	Text     string
	Keyboard *models.InlineKeyboardMarkup
}

type row = []models.InlineKeyboardButton

func button(text string, cb Callback) models.InlineKeyboardButton {
	return models.InlineKeyboardButton{Text: text, CallbackData: EncodeCallback(cb)}
}

func keyboard(rows ...row) *models.InlineKeyboardMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

func (t *Texts) mainMenuKeyboard() *models.InlineKeyboardMarkup {
	return keyboard(
		row{button(t.BtnUpload, Callback{Action: ActUpload}), button(t.BtnFiles, Callback{Action: ActKinds})},
		row{button(t.BtnSearch, Callback{Action: ActSearch}), button(t.BtnCategories, Callback{Action: ActCategories})},
		row{button(t.BtnProfile, Callback{Action: ActProfile}), button(t.BtnHelp, Callback{Action: ActHelp})},
	)
}

// MainMenu greets the user and offers the main actions.
func (t *Texts) MainMenu(u domain.User) View {
	return View{Text: t.Greeting(u.DisplayName()), Keyboard: t.mainMenuKeyboard()}
}

// HelpView explains the bot.
func (t *Texts) HelpView() View { return View{Text: t.Help, Keyboard: t.mainMenuKeyboard()} }

// Hint answers with a text and the main menu.
func (t *Texts) Hint(text string) View { return View{Text: text, Keyboard: t.mainMenuKeyboard()} }

// Plain is a text with no keyboard.
func Plain(text string) View { return View{Text: text} }

// KindsMenu lists the kinds the user keeps files of, with counts, and the other ways in.
func (t *Texts) KindsMenu(c app.KindCounts) View {
	if c.Total == 0 && c.Trashed == 0 {
		return t.Hint(t.LibraryEmpty)
	}
	rows := []row{{button(fmt.Sprintf("%s (%d)", t.BtnAll, c.Total), Callback{Action: ActList})}}
	var r row
	for _, k := range domain.Kinds {
		n := c.ByKind[k]
		if n == 0 {
			continue
		}
		emoji, _, plural := t.KindName(k)
		r = append(r, button(fmt.Sprintf("%s %s (%d)", emoji, plural, n), Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{Kind: k}}}))
		if len(r) == 2 {
			rows, r = append(rows, r), nil
		}
	}
	if r != nil {
		rows = append(rows, r)
	}
	last := row{button(t.BtnByCategory, Callback{Action: ActCategories})}
	if c.Trashed > 0 {
		last = append(last, button(fmt.Sprintf("%s (%d)", t.BtnTrash, c.Trashed), Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{Trashed: true}}}))
	}
	rows = append(rows, last, row{button(t.BtnMenu, Callback{Action: ActMenu})})
	return View{Text: t.KindsTitle(c.Total), Keyboard: keyboard(rows...)}
}

// ListTitle names a list: a kind, a category, the uncategorised files, all files.
func (t *Texts) listTitle(f domain.FileFilter, category string) string {
	switch {
	case f.CategoryID > 0:
		return t.CategoryTitle(category)
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

// FileList shows one page of files, a button each opening its card, with page navigation.
// category is the name of the category listed, if any; retention is how long the trash keeps files.
func (t *Texts) FileList(ref ListRef, page domain.Page[domain.File], category string, retention time.Duration) View {
	text := t.ListHeader(t.listTitle(ref.Filter, category), len(page.Items))
	switch {
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
	rows := make([]row, 0, len(page.Items)+2)
	for _, f := range page.Items {
		emoji, _, _ := t.KindName(f.Kind)
		label := fmt.Sprintf("%s %s · %s", emoji, shorten(f.Name, 40), humanSize(f.Size))
		rows = append(rows, row{button(label, Callback{Action: ActCard, FileID: f.ID, List: ref})})
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
	back := button(t.BtnBackToKinds, Callback{Action: ActKinds})
	if ref.Filter.SearchID > 0 {
		back = button(t.BtnSearch, Callback{Action: ActSearch})
	} else if ref.Filter.CategoryID > 0 {
		back = button(t.BtnBack, Callback{Action: ActCategory, CategoryID: ref.Filter.CategoryID})
	} else if ref.Filter.Uncategorised {
		back = button(t.BtnCategories, Callback{Action: ActCategories})
	}
	rows = append(rows, row{back, button(t.BtnMenu, Callback{Action: ActMenu})})
	return View{Text: text, Keyboard: keyboard(rows...)}
}

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

// SavedView confirms a file was kept, recognised as kept already, or brought back from the trash.
func (t *Texts) SavedView(res app.SaveFileResult) View {
	text := t.Saved(res.File, humanSize(res.File.Size), res.Category)
	switch {
	case res.Restored:
		text = t.RestoredOnResend(res.File)
	case res.AlreadySaved:
		text = t.AlreadySaved(res.File)
	}
	return View{Text: text, Keyboard: keyboard(row{button(t.BtnFiles, Callback{Action: ActKinds})})}
}
