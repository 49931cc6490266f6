package views

import (
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// SelectionList shows a page of a list as toggles (☐/☑ a file), with the whole page's toggle,
// the pages, and the actions for what is selected: Move, Delete and Send on live files, Restore
// in the trash. category is the listed category's or search's name, as FileList takes it.
func (t *Texts) SelectionList(ref ListRef, sp app.SelectionPage, category string) View {
	sel, page := sp.Selection, sp.Page
	text := t.SelectionHeader(t.listTitle(ref.Filter, category), len(sel.FileIDs)) + "\n" + t.SelectHint
	if page.Total > 0 {
		text += "\n" + t.ListPosition(page.Number, page.Pages, page.Total)
	}
	rows := make([]row, 0, len(page.Items)+5)
	for _, f := range page.Items {
		mark := "☐ "
		if sel.Has(f.ID) {
			mark = "☑ "
		}
		rows = append(rows, row{button(mark+t.fileLabel(f), Callback{Action: ActSelectToggle, FileID: f.ID, List: ref})})
	}
	if len(page.Items) > 0 {
		all := t.BtnSelectPage
		if sel.AllOf(idsOf(page.Items)) {
			all = t.BtnUnselectPage
		}
		rows = append(rows, row{button(all, Callback{Action: ActSelectAll, List: ref})})
	}
	var nav row
	if page.Prev != nil {
		nav = append(nav, button(t.BtnPrev, Callback{Action: ActSelectPage, List: ListRef{Filter: ref.Filter, Cursor: *page.Prev}}))
	}
	if page.Next != nil {
		nav = append(nav, button(t.BtnNext, Callback{Action: ActSelectPage, List: ListRef{Filter: ref.Filter, Cursor: *page.Next}}))
	}
	if nav != nil {
		rows = append(rows, nav)
	}
	if len(sel.FileIDs) > 0 {
		rows = append(rows, t.selectionActions(ref)...)
	}
	rows = append(rows, row{button(t.BtnSelectDone, Callback{Action: ActSelectDone, List: ref})})
	return View{Text: text, Keyboard: keyboard(rows...)}
}

func (t *Texts) selectionActions(ref ListRef) []row {
	if ref.Filter.Trashed {
		return []row{{button(t.BtnSelectRestore, Callback{Action: ActSelectRestore, List: ref})}}
	}
	return []row{
		{button(t.BtnSelectMove, Callback{Action: ActSelectMove, List: ref}), button(t.BtnSelectTag, Callback{Action: ActSelectTag, List: ref})},
		{button(t.BtnSelectDelete, Callback{Action: ActSelectDelete, List: ref}), button(t.BtnSelectSend, Callback{Action: ActSelectSend, List: ref})},
	}
}

// SelectionTagPrompt asks for the tags to put on the files selected or take off them.
func (t *Texts) SelectionTagPrompt(files int) View { return t.Prompt(t.SelectTagAsk(files)) }

// SelectionMovePicker asks which category the selected files go to.
func (t *Texts) SelectionMovePicker(files int, cats app.CategoryList, ref ListRef) View {
	rows := []row{{button(t.BtnNoCategory, Callback{Action: ActSelectMoveAsk, List: ref})}}
	for _, c := range cats.Page.Items {
		rows = append(rows, row{button(fitLabel("📁 ", c.Name, ""), Callback{Action: ActSelectMoveAsk, CategoryID: c.ID, List: ref})})
	}
	rows = append(rows, t.pageNav(cats.Page, func(c domain.Cursor) Callback {
		return Callback{Action: ActSelectMove, List: ref, Page: c}
	})...)
	rows = append(rows, row{button(t.BtnCancel, Callback{Action: ActSelectPage, List: ref})})
	return View{Text: t.SelectMoveAsk(files), Keyboard: keyboard(rows...)}
}

// BatchConfirm asks once before a batch: a move (to category, named; categoryID 0 is none), a
// delete, a restore or a send of the selected files. Cancel returns to the selection.
func (t *Texts) BatchConfirm(action Action, files int, categoryID int64, category string, ref ListRef) View {
	var text, yes string
	switch action {
	case ActSelectMoveYes:
		text, yes = t.BatchMoveAsk(files, category), t.BtnYesMove(files)
	case ActSelectDeleteYes:
		text, yes = t.BatchDeleteAsk(files), t.BtnYesTrash(files)
	case ActSelectRestoreYes:
		text, yes = t.BatchRestoreAsk(files), t.BtnYesRestore(files)
	default:
		text, yes = t.BatchSendAsk(files), t.BtnYesSend(files)
	}
	return View{Text: text, Keyboard: keyboard(
		row{button(yes, Callback{Action: action, CategoryID: categoryID, List: ref})},
		row{button(t.BtnCancel, Callback{Action: ActSelectPage, List: ref})},
	)}
}

// BatchDone tells what a batch did, with one ↩ Undo for all of it and the way back to the list.
func (t *Texts) BatchDone(res app.BatchResult, ref ListRef) View {
	var text string
	switch res.Batch.Action {
	case domain.BatchMove:
		category := t.NoCategory
		if res.Category != nil {
			category = res.Category.Name
		}
		text = t.BatchMoved(res.Changed, category)
	case domain.BatchTrash:
		text = t.BatchTrashed(res.Changed)
	case domain.BatchTag:
		text = t.BatchTagged(res.Changed)
		if len(res.Tags.Add) > 0 {
			text += "\n" + t.BatchTagsOn(hashtagNames(res.Tags.Add))
		}
		if len(res.Tags.Remove) > 0 {
			text += "\n" + t.BatchTagsOff(hashtagNames(res.Tags.Remove))
		}
	default:
		text = t.BatchRestored(res.Changed)
	}
	if res.Skipped > 0 {
		text += "\n" + t.BatchSkipped(res.Skipped)
	}
	return View{Text: text, Keyboard: keyboard(
		row{button(t.BtnUndo, Callback{Action: ActUndoBatch, BatchID: res.Batch.ID, List: ref})},
		row{button(t.BtnBackToList, Callback{Action: ActList, List: ref}), button(t.BtnMenu, Callback{Action: ActMenu})},
	)}
}

// BatchUndoneView tells what an undo put back, and what it left because it changed since.
func (t *Texts) BatchUndoneView(res app.UndoResult, ref ListRef) View {
	text := t.BatchUndoDone(res.Undone)
	if res.Changed > 0 {
		text += "\n" + t.BatchUndoKept(res.Changed)
	}
	return View{Text: text, Keyboard: keyboard(
		row{button(t.BtnBackToList, Callback{Action: ActList, List: ref}), button(t.BtnMenu, Callback{Action: ActMenu})},
	)}
}

func idsOf(files []domain.File) []int64 {
	ids := make([]int64, len(files))
	for i, f := range files {
		ids[i] = f.ID
	}
	return ids
}
