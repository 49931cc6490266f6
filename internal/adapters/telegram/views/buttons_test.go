package views

import (
	"slices"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// TestEveryRenderedButtonDecodesToItsAction: every button of every view, in every language,
// carries a payload that decodes to an action of the table and encodes back to itself; and
// every action's code is unique. (The telegram package presses each of them through the bot.)
func TestEveryRenderedButtonDecodesToItsAction(t *testing.T) {
	actions := Actions()
	seen := map[Action]bool{}
	for _, a := range actions {
		require.False(t, seen[a], "action code %q is used twice", a)
		seen[a] = true
	}
	for lang, texts := range languages {
		for name, v := range everyView(texts) {
			if v.Keyboard == nil {
				continue
			}
			for _, r := range v.Keyboard.InlineKeyboard {
				for _, b := range r {
					if b.URL != "" {
						continue
					}
					cb, err := DecodeCallback(b.CallbackData)
					require.NoError(t, err, "%s %s: %q does not decode", lang, name, b.Text)
					assert.True(t, slices.Contains(actions, cb.Action), "%s %s: %q is no action of the table", lang, name, b.Text)
					assert.Equal(t, b.CallbackData, EncodeCallback(cb), "%s %s: %q decodes to another payload", lang, name, b.Text)
				}
			}
		}
	}
}

// languages are every Texts value the bot speaks, by name.
var languages = map[string]*Texts{"English": English, "Russian": Russian}

// emoji are the pictographs of s, sorted: the words around them change with the language, the
// pictures do not.
func emoji(s string) []rune {
	var out []rune
	for _, r := range s {
		if unicode.Is(unicode.So, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

func TestTheSameButtonsInEveryLanguage(t *testing.T) {
	f := domain.File{ID: 9, Name: "a.pdf", Kind: domain.KindDocument, Size: 2048}
	cats := app.CategoryList{Total: 1, Uncategorised: 2, Page: domain.Page[domain.CategorySummary]{
		Items: []domain.CategorySummary{{Category: domain.Category{ID: 3, Name: "Work"}, Files: 4}},
		Next:  &domain.Cursor{ID: 3},
	}}
	back := ListRef{Filter: domain.FileFilter{Kind: domain.KindDocument}}
	views := map[string]func(*Texts) View{
		"main menu": func(t *Texts) View { return t.MainMenu(domain.User{FirstName: "Ann"}) },
		"kinds": func(t *Texts) View {
			return t.KindsMenu(app.KindCounts{Total: 3, Trashed: 1, ByKind: map[domain.Kind]int{domain.KindPhoto: 2, domain.KindVoice: 1}})
		},
		"file list": func(t *Texts) View {
			return t.FileList(back, domain.Page[domain.File]{Items: []domain.File{f}, Prev: &domain.Cursor{ID: 10, Backward: true}, Next: &domain.Cursor{ID: 9}}, "", 30*24*time.Hour)
		},
		"card":            func(t *Texts) View { return t.FileCard(app.FileDetails{File: f}, back) },
		"confirm":         func(t *Texts) View { return t.Confirm(t.DeleteAsk, t.BtnYesDelete, f, ActDeleteYes, back) },
		"trashed":         func(t *Texts) View { return t.TrashedView(f, back) },
		"move":            func(t *Texts) View { return t.MovePicker(f, cats, back) },
		"categories":      func(t *Texts) View { return t.CategoriesView(cats, 50) },
		"category":        func(t *Texts) View { return t.CategoryMenuView(cats.Page.Items[0].Category, 4) },
		"category delete": func(t *Texts) View { return t.CategoryDeleteConfirm(cats.Page.Items[0].Category, 4) },
		"upload picker":   func(t *Texts) View { return t.UploadPicker(cats) },
		"saved":           func(t *Texts) View { return t.SavedView(app.SaveFileResult{File: f}) },
		"settings":        func(t *Texts) View { return t.SettingsView(domain.User{PageSize: 8}, "") },
		"prompt":          func(t *Texts) View { return t.Prompt(t.RenameAsk) },
		"ban card": func(t *Texts) View {
			return t.BanCard(app.BanView{TelegramID: 1 << 40, User: &domain.User{FirstName: "Ann"}, Files: 3})
		},
		"ban delete": func(t *Texts) View { return t.BanDeleteConfirm(app.BanView{TelegramID: 1 << 40, Files: 3}) },
	}
	for name, view := range views {
		t.Run(name, func(t *testing.T) {
			en, ru := view(English), view(Russian)
			require.NotNil(t, en.Keyboard)
			require.NotNil(t, ru.Keyboard)
			require.Len(t, ru.Keyboard.InlineKeyboard, len(en.Keyboard.InlineKeyboard))
			for r := range en.Keyboard.InlineKeyboard {
				enRow, ruRow := en.Keyboard.InlineKeyboard[r], ru.Keyboard.InlineKeyboard[r]
				require.Len(t, ruRow, len(enRow), "row %d", r)
				for b := range enRow {
					assert.Equal(t, enRow[b].CallbackData, ruRow[b].CallbackData, "row %d button %d: %q and %q", r, b, enRow[b].Text, ruRow[b].Text)
					assert.Equal(t, string(emoji(enRow[b].Text)), string(emoji(ruRow[b].Text)), "row %d button %d: %q and %q", r, b, enRow[b].Text, ruRow[b].Text)
				}
			}
			assertButtonsFit(t, ru.Keyboard)
		})
	}
}
