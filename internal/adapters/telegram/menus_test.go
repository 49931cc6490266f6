package telegram_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
)

// user plays one person in a chat with the bot over the Bot API stand-in.
type user struct {
	t   *testing.T
	api *tgtest.Server
	u   models.User
}

func newUser(t *testing.T, u models.User) *user {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	log := zaptest.NewLogger(t)
	cfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 4, UpdateTimeout: wait}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	limits := app.Limits{MaxFileSize: 1000, MaxCategories: 50, TrashRetention: 720 * time.Hour, ConversationTTL: 15 * time.Minute}
	clock := memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC))
	router := telegram.NewRouter(app.New(memory.NewStore().UnitOfWork(), clock, app.RandomTokens{}, limits), limits, telegram.NewSender(client, log), nil, log)
	poller := updates.NewPoller(cfg.Polling(), updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), log)
	poller.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, poller.Stop(ctx))
	})
	return &user{t: t, api: api, u: u}
}

// next runs act and returns the bot's first message sent or edited after it.
func (c *user) next(act func()) tgtest.Call {
	c.t.Helper()
	after := c.api.LastSeq()
	act()
	return c.api.WaitForCall(c.t, wait, func(call tgtest.Call) bool {
		return call.Seq > after && call.Err == nil && strings.HasPrefix(call.Method, "send") || call.Seq > after && call.Method == "editMessageText"
	})
}

func (c *user) say(text string) tgtest.Call {
	return c.next(func() { c.api.SendText(c.u, text) })
}

// press presses the button labelled label on the bot's last message, once it shows one (the
// reply to the last step may still be arriving).
func (c *user) press(label string) tgtest.Call {
	c.t.Helper()
	var msg models.Message
	var data string
	var labels []string
	ok := assert.Eventually(c.t, func() bool {
		last, ok := c.api.LastMessage(c.u.ID)
		if !ok || last.ReplyMarkup == nil {
			return false
		}
		labels = nil
		for _, r := range last.ReplyMarkup.InlineKeyboard {
			for _, b := range r {
				if b.Text == label {
					msg, data = last, b.CallbackData
					return true
				}
				labels = append(labels, b.Text)
			}
		}
		return false
	}, wait, 5*time.Millisecond)
	require.True(c.t, ok, "no button %q on the last message; there are %q", label, labels)
	return c.next(func() { c.api.PressButton(c.u, msg, data) })
}

func (c *user) sendDocument(name string, size int64) {
	f, u := c.api.NewFileIDs()
	c.next(func() {
		c.api.SendDocument(c.u, models.Document{FileID: f, FileUniqueID: u, FileName: name, MimeType: "application/pdf", FileSize: size}, "")
	})
}

func TestTheAudioListOpens(t *testing.T) {
	c := newUser(t, ann)
	f, u := c.api.NewFileIDs()
	c.next(func() {
		c.api.SendAudio(ann, models.Audio{FileID: f, FileUniqueID: u, FileName: "song.mp3", MimeType: "audio/mpeg", FileSize: 900}, "")
	})
	c.say("/files")
	list := c.press("🎵 Audio (1)")
	assert.Contains(t, list.Params["text"], "🎵 Audio — 1 on this page.")
	assert.Contains(t, list.Params["reply_markup"], "🎵 song.mp3 · 900 B")
	assert.NotContains(t, fmt.Sprint(c.api.CallsTo("answerCallbackQuery")), "out of date")
}

func TestAPhotoWithACaptionIsListedAndSentBackUnderItsCaption(t *testing.T) {
	c := newUser(t, ann)
	f, u := c.api.NewFileIDs()
	c.next(func() {
		c.api.SendPhoto(ann, []models.PhotoSize{{FileID: f, FileUniqueID: u, Width: 800, Height: 600, FileSize: 900}}, "Sunset over the bay")
	})
	c.say("/files")
	list := c.press("🗂 All (1)")
	assert.Contains(t, list.Params["reply_markup"], `"🖼 Sunset over the bay · 900 B"`, "listed under its caption, not photo_2026-…")
	card := c.press("🖼 Sunset over the bay · 900 B")
	assert.Contains(t, card.Params["text"], "🖼 photo_", "the card still says its name")
	sent := c.press("⬇ Get")
	assert.Equal(t, "sendPhoto", sent.Method)
	assert.Equal(t, "Sunset over the bay", sent.Params["caption"], "⬇ Get sends the user's caption")
}

func TestListsSayWhereYouAre(t *testing.T) {
	c := newUser(t, ann)
	for i := range 19 {
		c.sendDocument(fmt.Sprintf("doc %02d with a name far too long to fit on the screen of a phone.pdf", i), int64(100+i))
	}
	c.say("/files")
	first := c.press("🗂 All (19)")
	assert.Contains(t, first.Params["text"], "Page 1 of 3 · 19 files")
	assert.Contains(t, first.Params["reply_markup"], `"📄 doc 18 with a …one.pdf · 118 B"`, "the name is cut, not the size")
	second := c.press("Next ▶")
	assert.Contains(t, second.Params["text"], "Page 2 of 3 · 19 files")
}

func TestTheTrashIsEmptiedAfterAConfirmation(t *testing.T) {
	c := newUser(t, ann)
	c.sendDocument("a.pdf", 10)
	c.sendDocument("b.pdf", 20)
	c.sendDocument("keep.pdf", 30)
	for i, name := range []string{"📄 a.pdf · 10 B", "📄 b.pdf · 20 B"} {
		c.say("/files")
		c.press(fmt.Sprintf("🗂 All (%d)", 3-i))
		c.press(name)
		c.press("🗑 Delete")
		c.press("🗑 Yes, to the trash")
	}
	c.say("/files")
	c.press("🗑 Trash (2)")
	ask := c.press("🧹 Empty trash")
	assert.Equal(t, "🧹 Delete the 2 files in the trash forever? This cannot be undone.", ask.Params["text"])
	done := c.press("🧹 Yes, delete them forever")
	assert.Equal(t, "🧹 Trash emptied: 2 files deleted forever.", done.Params["text"])
	kinds := c.say("/files")
	assert.Contains(t, kinds.Params["text"], "1 in all")
	assert.NotContains(t, kinds.Params["reply_markup"], "🗑 Trash", "the trash is empty")
}

func TestACategoryDeleteSaysWhatReallyHappens(t *testing.T) {
	c := newUser(t, ann)
	c.say("/categories")
	c.press("➕ New category")
	c.say("Work")
	c.press("📁 Categories")
	c.press("📁 Work (0)")
	ask := c.press("🗑 Delete")
	assert.Equal(t, "Delete the category “Work”? It holds no files. The category can't be restored.", ask.Params["text"])
	assert.Contains(t, ask.Params["reply_markup"], "🗑 Delete it, keep the files")
	assert.NotContains(t, ask.Params["reply_markup"], "trash", "categories are not trashed")
}

func TestCancellingASearchSaysSo(t *testing.T) {
	c := newUser(t, ann)
	c.say("/search")
	assert.Equal(t, "Cancelled: the search.", c.say("/cancel").Params["text"])
}

func TestAShortSearchThatFindsNothingExplainsShortQueries(t *testing.T) {
	c := newUser(t, ann)
	c.sendDocument("report.pdf", 10)
	got := c.say("/search po")
	assert.Contains(t, got.Params["text"], "Nothing found for “po”. One or two characters match only the start of a name or caption")
}

func TestSizesAreSaidInTheUsersLanguage(t *testing.T) {
	c := newUser(t, models.User{ID: 78, FirstName: "Иван", LanguageCode: "ru"})
	f, u := c.api.NewFileIDs()
	saved := c.next(func() {
		c.api.SendDocument(c.u, models.Document{FileID: f, FileUniqueID: u, FileName: "отчёт.pdf", MimeType: "application/pdf", FileSize: 999}, "")
	})
	assert.Equal(t, "✅ Сохранено: документ «отчёт.pdf» (999 Б).", saved.Params["text"])
}
