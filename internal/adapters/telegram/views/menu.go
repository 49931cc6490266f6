package views

import (
	"fmt"

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
		row{button(t.BtnSearch, Callback{Action: ActSearch}), button(t.BtnCategories, Callback{Action: ActCategories}), button(t.BtnTags, Callback{Action: ActTags})},
		row{button(t.BtnProfile, Callback{Action: ActProfile}), button(t.BtnHelp, Callback{Action: ActHelp})},
	)
}

// MainMenu greets the user and offers the main actions.
func (t *Texts) MainMenu(u domain.User) View {
	text := t.GreetingNoName
	if name := u.DisplayName(); name != "" {
		text = t.Greeting(name)
	}
	return View{Text: text, Keyboard: t.mainMenuKeyboard()}
}

// HelpView explains the bot.
func (t *Texts) HelpView() View { return View{Text: t.Help, Keyboard: t.mainMenuKeyboard()} }

// Hint answers with a text and the main menu.
func (t *Texts) Hint(text string) View { return View{Text: text, Keyboard: t.mainMenuKeyboard()} }

// PrivateChatView is text with one URL button that opens the private chat with the bot (url).
func (t *Texts) PrivateChatView(text, url string) View {
	return View{Text: text, Keyboard: keyboard(row{{Text: t.BtnOpenPrivate, URL: url}})}
}

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
	last := row{button(t.BtnByCategory, Callback{Action: ActCategories}), button(t.BtnTags, Callback{Action: ActTags})}
	if c.Trashed > 0 {
		last = append(last, button(fmt.Sprintf("%s (%d)", t.BtnTrash, c.Trashed), Callback{Action: ActList, List: ListRef{Filter: domain.FileFilter{Trashed: true}}}))
	}
	rows = append(rows, last, row{button(t.BtnMenu, Callback{Action: ActMenu})})
	return View{Text: t.KindsTitle(c.Total), Keyboard: keyboard(rows...)}
}
