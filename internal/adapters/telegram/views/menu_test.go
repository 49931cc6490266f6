package views

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestHumanSize(t *testing.T) {
	cases := map[int64]string{
		0: "0 B", 1: "1 B", 1023: "1023 B", 1024: "1.0 KB", 1536: "1.5 KB", 10 * 1024: "10 KB",
		5 << 20: "5.0 MB", 2_000_000_000: "1.9 GB", 3 << 40: "3.0 TB",
	}
	for n, want := range cases {
		t.Run(fmt.Sprintf("%d bytes read as %s", n, want), func(t *testing.T) {
			assert.Equal(t, want, humanSize(n))
		})
	}
}

func labels(kb *models.InlineKeyboardMarkup) []string {
	var out []string
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

func assertButtonsFit(t *testing.T, kb *models.InlineKeyboardMarkup) {
	t.Helper()
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			assert.LessOrEqual(t, len(b.CallbackData), maxCallbackLen, b.Text)
			_, err := DecodeCallback(b.CallbackData)
			assert.NoError(t, err, "button %q carries undecodable data %q", b.Text, b.CallbackData)
		}
	}
}

func TestMainMenuGreetsByName(t *testing.T) {
	v := English.MainMenu(domain.User{FirstName: "Ann"})
	assert.Contains(t, v.Text, "Hi, Ann!")
	assert.Equal(t, []string{"📤 Upload", "📂 My files", "🔎 Search", "📁 Categories", "🏷 Tags", "👤 Profile", "❓ Help"}, labels(v.Keyboard))
	assertButtonsFit(t, v.Keyboard)
	assert.Contains(t, English.MainMenu(domain.User{Username: "ann_b"}).Text, "Hi, ann_b!")
	assert.Contains(t, English.MainMenu(domain.User{}).Text, "Hi there!")
	assert.Contains(t, Russian.MainMenu(domain.User{LastName: "Lee"}).Text, "Привет!", "no name to call the user by: the greeting of each language")
}

func TestKindsMenu(t *testing.T) {
	t.Run("an empty library invites an upload", func(t *testing.T) {
		v := English.KindsMenu(app.KindCounts{})
		assert.Equal(t, English.LibraryEmpty, v.Text)
	})
	t.Run("only kinds with files are offered, with counts", func(t *testing.T) {
		v := English.KindsMenu(app.KindCounts{Total: 5, ByKind: map[domain.Kind]int{domain.KindPhoto: 3, domain.KindVoice: 2}})
		assert.Equal(t, []string{"🗂 All (5)", "🖼 Photos (3)", "🎙 Voice notes (2)", "📁 By category", "🏷 Tags", "🏠 Menu"}, labels(v.Keyboard))
		assertButtonsFit(t, v.Keyboard)
	})
	t.Run("the trash is offered when it holds files", func(t *testing.T) {
		v := English.KindsMenu(app.KindCounts{Trashed: 2, ByKind: map[domain.Kind]int{}})
		assert.Contains(t, labels(v.Keyboard), "🗑 Trash (2)")
		assertButtonsFit(t, v.Keyboard)
	})
}

func TestFileList(t *testing.T) {
	files := []domain.File{
		{ID: 9, Name: "b.pdf", Kind: domain.KindDocument, Size: 2048},
		{ID: 7, Name: strings.Repeat("x", 60) + ".pdf", Kind: domain.KindDocument, Size: 1},
	}
	docs := ListRef{Filter: domain.FileFilter{Kind: domain.KindDocument}}
	t.Run("the first page has a next button only and its files open cards", func(t *testing.T) {
		v := English.FileList(docs, domain.Page[domain.File]{Items: files, Next: &domain.Cursor{ID: 7}}, "", 30*24*time.Hour)
		assert.Contains(t, v.Text, "📄 Documents — 2 on this page")
		got := labels(v.Keyboard)
		assert.Equal(t, "📄 b.pdf · 2.0 KB", got[0])
		assert.Equal(t, "📄 xxxxxxxxxxxxxxx…xxxx.pdf · 1 B", got[1])
		assert.Equal(t, []string{"Next ▶", "☑ Select", "⬇ Send all", "⬅ Kinds", "🏠 Menu"}, got[2:])
		assertButtonsFit(t, v.Keyboard)
		card, _ := DecodeCallback(v.Keyboard.InlineKeyboard[0][0].CallbackData)
		assert.Equal(t, Callback{Action: ActCard, FileID: 9, List: docs}, card)
		next, _ := DecodeCallback(v.Keyboard.InlineKeyboard[2][0].CallbackData)
		assert.Equal(t, Callback{Action: ActList, List: ListRef{Filter: docs.Filter, Cursor: domain.Cursor{ID: 7}}}, next)
	})
	t.Run("a middle page has both buttons", func(t *testing.T) {
		v := English.FileList(ListRef{}, domain.Page[domain.File]{Items: files, Prev: &domain.Cursor{ID: 9, Backward: true}, Next: &domain.Cursor{ID: 7}}, "", 30*24*time.Hour)
		assert.Contains(t, v.Text, "🗂 All")
		assert.Equal(t, []string{"◀ Prev", "Next ▶"}, labels(v.Keyboard)[2:4])
	})
	t.Run("a category's list is titled with its name and goes back to it", func(t *testing.T) {
		v := English.FileList(ListRef{Filter: domain.FileFilter{CategoryID: 3}}, domain.Page[domain.File]{Items: files}, "Work", 30*24*time.Hour)
		assert.Contains(t, v.Text, "📁 Work — 2 on this page")
		sel, _ := DecodeCallback(v.Keyboard.InlineKeyboard[4][0].CallbackData)
		assert.Equal(t, Callback{Action: ActSelect, List: ListRef{Filter: domain.FileFilter{CategoryID: 3}}}, sel, "☑ Select turns this page into toggles")
		back, _ := DecodeCallback(v.Keyboard.InlineKeyboard[5][0].CallbackData)
		assert.Equal(t, Callback{Action: ActCategory, CategoryID: 3}, back)
		photos, _ := DecodeCallback(v.Keyboard.InlineKeyboard[2][2].CallbackData)
		assert.Equal(t, ListRef{Filter: domain.FileFilter{CategoryID: 3, Kind: domain.KindPhoto}}, photos.List, "🖼 narrows the category to its photos")
	})
	t.Run("a tag's photos are marked and go back to the tags", func(t *testing.T) {
		ref := ListRef{Filter: domain.FileFilter{TagID: 4, Kind: domain.KindPhoto}}
		v := English.FileList(ref, domain.Page[domain.File]{Items: files, Total: 30, Number: 2, Pages: 4}, "trip", 30*24*time.Hour)
		assert.Contains(t, v.Text, "🏷 #trip — 2 on this page")
		assert.Contains(t, v.Text, "Page 2 of 4 · 30 files")
		assert.Equal(t, []string{"All kinds", "📄", "• 🖼", "🎬"}, labels(v.Keyboard)[2:6])
		back, _ := DecodeCallback(v.Keyboard.InlineKeyboard[5][0].CallbackData)
		assert.Equal(t, Callback{Action: ActTags}, back)
	})
	t.Run("a page of no known number says how many files its list holds", func(t *testing.T) {
		v := English.FileList(ListRef{}, domain.Page[domain.File]{Items: files, Total: 19}, "", 0)
		assert.Contains(t, v.Text, "\n19 files")
		v = Russian.FileList(ListRef{}, domain.Page[domain.File]{Items: files, Total: 19}, "", 0)
		assert.Contains(t, v.Text, "\n19 файлов")
	})
	t.Run("the trash says how long it keeps files", func(t *testing.T) {
		v := English.FileList(ListRef{Filter: domain.FileFilter{Trashed: true}}, domain.Page[domain.File]{Items: files}, "", 30*24*time.Hour)
		assert.Contains(t, v.Text, "deleted for good after 30 days")
	})
	t.Run("an empty page says so", func(t *testing.T) {
		v := English.FileList(ListRef{Filter: domain.FileFilter{Kind: domain.KindVideo}}, domain.Page[domain.File]{}, "", 30*24*time.Hour)
		assert.Equal(t, English.EmptyList, v.Text)
		assert.Equal(t, []string{"⬅ Kinds", "🏠 Menu"}, labels(v.Keyboard))
	})
}

func TestSavedSaysWhetherTheFileIsNew(t *testing.T) {
	f := domain.File{Name: "a.mp3", Kind: domain.KindAudio, Size: 3 << 20}
	assert.Equal(t, "✅ Saved audio “a.mp3” (3.0 MB).", English.SavedView(app.SaveFileResult{File: f}).Text)
	assert.Equal(t, "☑️ Already saved: audio “a.mp3”.", English.SavedView(app.SaveFileResult{File: f, AlreadySaved: true}).Text)
}
