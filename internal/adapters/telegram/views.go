package telegram

import (
	"fmt"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// View is a message as the user sees it: text and inline keyboard. Views are pure functions of
// use-case results, testable without a bot.
type View struct {
	Text     string
	Keyboard *models.InlineKeyboardMarkup
}

func button(text string, cb Callback) models.InlineKeyboardButton {
	return models.InlineKeyboardButton{Text: text, CallbackData: EncodeCallback(cb)}
}

func keyboard(rows ...[]models.InlineKeyboardButton) *models.InlineKeyboardMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

func mainMenuKeyboard() *models.InlineKeyboardMarkup {
	return keyboard(
		[]models.InlineKeyboardButton{button(txtBtnUpload, Callback{Action: ActUpload}), button(txtBtnFiles, Callback{Action: ActKinds})},
		[]models.InlineKeyboardButton{button(txtBtnHelp, Callback{Action: ActHelp})},
	)
}

// MainMenu greets the user and offers the main actions.
func MainMenu(u domain.User) View {
	return View{Text: txtGreeting(u.DisplayName()), Keyboard: mainMenuKeyboard()}
}

// Help explains the bot.
func Help() View { return View{Text: txtHelp, Keyboard: mainMenuKeyboard()} }

// Hint answers a message the bot cannot keep with a hint and the main menu.
func Hint(text string) View { return View{Text: text, Keyboard: mainMenuKeyboard()} }

// Upload tells how to upload.
func Upload() View {
	return View{Text: txtUpload, Keyboard: keyboard([]models.InlineKeyboardButton{button(txtBtnFiles, Callback{Action: ActKinds}), button(txtMenu, Callback{Action: ActMenu})})}
}

// KindsMenu lists the kinds the user keeps files of, with counts.
func KindsMenu(c app.KindCounts) View {
	if c.Total == 0 {
		return Hint(txtLibraryEmpty)
	}
	rows := [][]models.InlineKeyboardButton{{button(fmt.Sprintf("%s (%d)", txtBtnAll, c.Total), Callback{Action: ActList})}}
	var row []models.InlineKeyboardButton
	for _, k := range domain.Kinds {
		n := c.ByKind[k]
		if n == 0 {
			continue
		}
		row = append(row, button(fmt.Sprintf("%s %s (%d)", kindEmoji(k), kindPlural(k), n), Callback{Action: ActList, Kind: k}))
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, []models.InlineKeyboardButton{button(txtMenu, Callback{Action: ActMenu})})
	return View{Text: txtKindsMenu(c.Total), Keyboard: keyboard(rows...)}
}

// FileList shows one page of files, a button each, with page navigation.
func FileList(kind domain.Kind, page domain.Page[domain.File]) View {
	text := txtListHeader(kind, len(page.Items))
	if len(page.Items) == 0 {
		text = txtEmptyKind
	}
	rows := make([][]models.InlineKeyboardButton, 0, len(page.Items)+2)
	for _, f := range page.Items {
		label := fmt.Sprintf("%s %s · %s", kindEmoji(f.Kind), shorten(f.Name, 40), humanSize(f.Size))
		rows = append(rows, []models.InlineKeyboardButton{button(label, Callback{Action: ActFile, FileID: f.ID})})
	}
	var nav []models.InlineKeyboardButton
	if page.Prev != nil {
		nav = append(nav, button(txtPrev, Callback{Action: ActList, Kind: kind, Cursor: *page.Prev}))
	}
	if page.Next != nil {
		nav = append(nav, button(txtNext, Callback{Action: ActList, Kind: kind, Cursor: *page.Next}))
	}
	if nav != nil {
		rows = append(rows, nav)
	}
	rows = append(rows, []models.InlineKeyboardButton{button(txtBackToKinds, Callback{Action: ActKinds}), button(txtMenu, Callback{Action: ActMenu})})
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

// Saved confirms a file was kept, or recognised as kept already.
func Saved(res app.SaveFileResult) View {
	text := txtSaved(res.File)
	if res.AlreadySaved {
		text = txtAlreadySaved(res.File)
	}
	return View{Text: text, Keyboard: keyboard([]models.InlineKeyboardButton{button(txtBtnFiles, Callback{Action: ActKinds})})}
}
