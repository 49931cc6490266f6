package views

import (
	"strings"
	"unicode/utf8"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// SavedView confirms a file was kept, recognised as kept already, or brought back from the trash.
func (t *Texts) SavedView(res app.SaveFileResult) View {
	text := t.Saved(res.File, t.Size(res.File.Size))
	if res.Category != nil {
		text = t.SavedIn(res.File, t.Size(res.File.Size), res.Category.Name)
	}
	switch {
	case res.Restored:
		text = t.RestoredOnResend(res.File)
	case res.AlreadySaved:
		text = t.AlreadySaved(res.File)
	}
	if len(res.Tags) > 0 {
		text += t.CardTags(hashtagNames(res.Tags))
	}
	return View{Text: text, Keyboard: keyboard(row{button(t.BtnFiles, Callback{Action: ActKinds})})}
}

// FileCard shows a file with what can be done to it; back returns to the list it was opened from.
func (t *Texts) FileCard(d app.FileDetails, back ListRef) View {
	f := d.File
	emoji, kind, _ := t.KindName(f.Kind)
	category := t.NoCategory
	if d.Category != nil {
		category = "📁 " + d.Category.Name
	}
	text := emoji + " " + t.Card(f.Name, kind, t.Size(f.Size), category, t.Date(f.CreatedAt))
	if f.Origin.Forwarded() {
		text += "\n" + t.originLine(f.Origin)
	}
	if len(d.Tags) > 0 {
		text += t.CardTags(hashtags(d.Tags))
	}
	if f.Caption != "" {
		// The longest caption kept does not fit a message with the rest: it is cut to fit.
		room := maxTextRunes - utf8.RuneCountInString(text) - utf8.RuneCountInString(t.CardCaption(""))
		text += t.CardCaption(TruncateRunes(f.Caption, room))
	}
	on := func(a Action) Callback { return Callback{Action: a, FileID: f.ID, List: back} }
	backBtn := button(t.BtnBack, Callback{Action: ActList, List: back})
	if f.Trashed() {
		return View{Text: text, Keyboard: keyboard(
			row{button(t.BtnRestore, on(ActRestore)), button(t.BtnPurge, on(ActPurge))},
			row{backBtn},
		)}
	}
	return View{Text: text, Keyboard: keyboard(
		row{button(t.BtnGet, Callback{Action: ActGet, FileID: f.ID}), button(t.BtnRename, on(ActRename))},
		row{button(t.BtnMove, on(ActMovePick)), button(t.BtnEditTags, on(ActEditTags))},
		row{button(t.BtnShare, on(ActShare)), button(t.BtnDelete, on(ActDelete))},
		row{backBtn},
	)}
}

// hashtags writes tags as the user writes them: #trip #2024.
func hashtags(tags []domain.Tag) string {
	names := make([]string, len(tags))
	for i, tag := range tags {
		names[i] = tag.Name
	}
	return hashtagNames(names)
}

func hashtagNames(names []string) string {
	if len(names) == 0 {
		return "—"
	}
	return "#" + strings.Join(names, " #")
}

// Confirm asks a yes/no question about a file: yes performs the action, no returns to the card.
func (t *Texts) Confirm(question, yes string, f domain.File, action Action, back ListRef) View {
	return View{Text: question + "\n\n" + f.Name, Keyboard: keyboard(
		row{button(yes, Callback{Action: action, FileID: f.ID, List: back})},
		row{button(t.BtnCancel, Callback{Action: ActCard, FileID: f.ID, List: back})},
	)}
}

// TrashedView tells a file went to the trash, with Undo.
func (t *Texts) TrashedView(f domain.File, back ListRef) View {
	return View{Text: t.Trashed(f), Keyboard: keyboard(
		row{button(t.BtnUndo, Callback{Action: ActRestore, FileID: f.ID, List: back})},
		row{button(t.BtnBack, Callback{Action: ActList, List: back}), button(t.BtnMenu, Callback{Action: ActMenu})},
	)}
}

// MovePicker lets the user pick the category to move a file to, a page at a time.
func (t *Texts) MovePicker(f domain.File, cats app.CategoryList, back ListRef) View {
	rows := []row{{button(t.BtnNoCategory, Callback{Action: ActMoveTo, FileID: f.ID, List: back})}}
	for _, c := range cats.Page.Items {
		rows = append(rows, row{button(fitLabel("📁 ", c.Name, ""), Callback{Action: ActMoveTo, FileID: f.ID, CategoryID: c.ID, List: back})})
	}
	rows = append(rows, t.pageNav(cats.Page, func(c domain.Cursor) Callback {
		return Callback{Action: ActMovePick, FileID: f.ID, List: back, Page: c}
	})...)
	rows = append(rows, row{button(t.BtnCancel, Callback{Action: ActCard, FileID: f.ID, List: back})})
	return View{Text: t.MoveAsk(f.Name), Keyboard: keyboard(rows...)}
}

// pageNav is the ◀ ▶ row of a paginated keyboard, if it has neighbours.
func (t *Texts) pageNav(p domain.Page[domain.CategorySummary], to func(domain.Cursor) Callback) []row {
	var nav row
	if p.Prev != nil {
		nav = append(nav, button(t.BtnPrev, to(*p.Prev)))
	}
	if p.Next != nil {
		nav = append(nav, button(t.BtnNext, to(*p.Next)))
	}
	if nav == nil {
		return nil
	}
	return []row{nav}
}

// Prompt asks for a text, with a Cancel button.
func (t *Texts) Prompt(text string) View {
	return View{Text: text, Keyboard: keyboard(row{button(t.BtnCancel, Callback{Action: ActCancel})})}
}

// EmptyTrashConfirm asks before emptying the trash of its files.
func (t *Texts) EmptyTrashConfirm(files int) View {
	trash := ListRef{Filter: domain.FileFilter{Trashed: true}}
	return View{Text: t.EmptyTrashAsk(files), Keyboard: keyboard(
		row{button(t.BtnYesEmptyTrash, Callback{Action: ActEmptyTrashYes})},
		row{button(t.BtnCancel, Callback{Action: ActList, List: trash})},
	)}
}

// TrashEmptiedView says how many files emptying the trash deleted.
func (t *Texts) TrashEmptiedView(files int) View {
	return View{Text: t.TrashEmptied(files), Keyboard: keyboard(
		row{button(t.BtnFiles, Callback{Action: ActKinds}), button(t.BtnMenu, Callback{Action: ActMenu})},
	)}
}

// FileCaption is the caption a file is sent back with: the user's caption, or else its name;
// cut to what Telegram takes.
func FileCaption(f domain.File) string {
	caption := f.Name
	if f.Caption != "" {
		caption = f.Caption
	}
	return TruncateRunes(caption, MaxCaptionRunes)
}

// Telegram's limits on what a message carries, in characters (runes, for our purposes).
const (
	maxTextRunes    = 4096
	MaxCaptionRunes = 1024
)

// TruncateRunes cuts s to at most n runes, an ellipsis marking the cut.
func TruncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
