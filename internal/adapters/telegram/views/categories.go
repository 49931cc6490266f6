package views

import (
	"fmt"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// CategoriesView lists the user's categories, a page at a time, with file counts, the
// uncategorised files and a button to make a new one.
func (t *Texts) CategoriesView(cats app.CategoryList, limit int) View {
	text := t.Categories(cats.Total, limit)
	if cats.Total == 0 {
		text = t.CategoriesEmpty
	}
	var rows []row
	for _, c := range cats.Page.Items {
		rows = append(rows, row{button(fitLabel("📁 ", c.Name, fmt.Sprintf(" (%d)", c.Files)), Callback{Action: ActCategory, CategoryID: c.ID})})
	}
	rows = append(rows, t.pageNav(cats.Page, func(c domain.Cursor) Callback { return Callback{Action: ActCategories, Page: c} })...)
	if cats.Uncategorised > 0 {
		rows = append(rows, row{button(fmt.Sprintf("%s (%d)", t.BtnUncategorised, cats.Uncategorised),
			Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{Uncategorised: true}}})})
	}
	rows = append(rows,
		row{button(t.BtnNewCategory, Callback{Action: ActNewCategory})},
		row{button(t.BtnBackToKinds, Callback{Action: ActKinds}), button(t.BtnMenu, Callback{Action: ActMenu})},
	)
	return View{Text: text, Keyboard: keyboard(rows...)}
}

// CategoryMenuView shows what can be done with one category.
func (t *Texts) CategoryMenuView(c domain.Category, files int) View {
	on := func(a Action) Callback { return Callback{Action: a, CategoryID: c.ID} }
	return View{Text: t.CategoryMenu(c.Name, files), Keyboard: keyboard(
		row{button(t.BtnOpenFiles, Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{CategoryID: c.ID}}}),
			button(t.BtnUploadHere, Callback{Action: ActUploadInto, CategoryID: c.ID})},
		row{button(t.BtnRename, on(ActRenameCat)), button(t.BtnDelete, on(ActDeleteCat))},
		row{button(t.BtnShare, on(ActShareCat)), t.sendAllButton(domain.FileFilter{CategoryID: c.ID})},
		row{button(t.BtnCategories, Callback{Action: ActCategories}), button(t.BtnMenu, Callback{Action: ActMenu})},
	)}
}

// CategoryDeleteConfirm asks before deleting a category, saying how many files it affects.
func (t *Texts) CategoryDeleteConfirm(c domain.Category, files int) View {
	text := t.CategoryDeleteAsk(c.Name, files)
	if files == 0 {
		text = t.CategoryDeleteAskEmpty(c.Name)
	}
	return View{Text: text, Keyboard: keyboard(
		row{button(t.BtnYesDeleteCategory, Callback{Action: ActDeleteCatYes, CategoryID: c.ID})},
		row{button(t.BtnCancel, Callback{Action: ActCategory, CategoryID: c.ID})},
	)}
}

// UploadPicker lets the user choose the category new files go into, or none.
func (t *Texts) UploadPicker(cats app.CategoryList) View {
	if cats.Total == 0 {
		return View{Text: t.UploadHint, Keyboard: keyboard(
			row{button(t.BtnNewCategory, Callback{Action: ActNewCategory})},
			row{button(t.BtnFiles, Callback{Action: ActKinds}), button(t.BtnMenu, Callback{Action: ActMenu})},
		)}
	}
	rows := []row{{button(t.BtnNoCategory, Callback{Action: ActUploadInto})}}
	for _, c := range cats.Page.Items {
		rows = append(rows, row{button(fitLabel("📁 ", c.Name, ""), Callback{Action: ActUploadInto, CategoryID: c.ID})})
	}
	rows = append(rows, t.pageNav(cats.Page, func(c domain.Cursor) Callback { return Callback{Action: ActUpload, Page: c} })...)
	rows = append(rows, row{button(t.BtnMenu, Callback{Action: ActMenu})})
	return View{Text: t.UploadAsk, Keyboard: keyboard(rows...)}
}

// CategoryDeletedText says a category is gone and how many files lost it.
func (t *Texts) CategoryDeletedText(name string, files int) string {
	if files == 0 {
		return t.CategoryDeletedEmpty(name)
	}
	return t.CategoryDeleted(name, files)
}
