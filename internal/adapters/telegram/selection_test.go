package telegram_test

import (
	"fmt"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// TestABatchMoveAcrossPagesIsUndoneInOneStep: two files picked on page 1 and one on page 2 (one of
// them in Home, two in no category) are moved to Work with one confirmation, and one ↩ Undo
// puts each back where it was.
func TestABatchMoveAcrossPagesIsUndoneInOneStep(t *testing.T) {
	c := newUser(t, ann)
	for _, name := range []string{"Work", "Home"} {
		c.say("/categories")
		c.press("➕ New category")
		c.say(name)
	}
	for i := 1; i <= 10; i++ {
		c.sendDocument(fmt.Sprintf("d%02d.pdf", i), 10)
	}
	c.say("/files")
	c.press("🗂 All (10)")
	c.press("📄 d10.pdf · 10 B")
	c.press("🗂 Move")
	c.press("📁 Home")

	c.say("/files")
	c.press("🗂 All (10)")
	open := c.press("☑ Select")
	assert.Contains(t, open.Params["text"], "☑ Selecting in 🗂 All: 0 files selected.")
	assert.Contains(t, open.Params["reply_markup"], "☐ 📄 d10.pdf · 10 B")
	c.press("☐ 📄 d10.pdf · 10 B")
	got := c.press("☐ 📄 d09.pdf · 10 B")
	assert.Contains(t, got.Params["text"], "2 files selected")
	assert.Contains(t, got.Params["reply_markup"], "☑ 📄 d09.pdf · 10 B")
	c.press("Next ▶")
	got = c.press("☐ 📄 d01.pdf · 10 B")
	assert.Contains(t, got.Params["text"], "3 files selected", "page 2 adds to what page 1 picked")
	back := c.press("◀ Prev")
	assert.Contains(t, back.Params["reply_markup"], "☑ 📄 d10.pdf · 10 B", "turning back shows page 1's picks")

	pick := c.press("🗂 Move")
	assert.Equal(t, "🗂 Move 3 files to which category?", pick.Params["text"])
	ask := c.press("📁 Work")
	assert.Equal(t, "🗂 Move 3 files to Work?", ask.Params["text"])
	done := c.press("🗂 Yes, move 3 files")
	assert.Equal(t, "🗂 Moved 3 files to Work.", done.Params["text"])
	doneMsg, ok := c.api.LastMessage(ann.ID)
	require.True(t, ok)
	cats := c.say("/categories").Params["reply_markup"]
	assert.Contains(t, cats, "📁 Work (3)")
	assert.Contains(t, cats, "📁 Home (0)")

	undone := c.pressOn(doneMsg, "↩ Undo")
	assert.Equal(t, "↩ Undone: 3 files back as they were.", undone.Params["text"])
	cats = c.say("/categories").Params["reply_markup"]
	assert.Contains(t, cats, "📁 Work (0)")
	assert.Contains(t, cats, "📁 Home (1)", "d10 went back to Home, the others to no category")

	c.pressOn(doneMsg, "↩ Undo")
	assert.Contains(t, fmt.Sprint(c.api.CallsTo("answerCallbackQuery")), "↩ That was undone already.")
}

// pressOn presses the button labelled label on msg, an earlier message of the bot.
func (c *user) pressOn(msg models.Message, label string) tgtest.Call {
	c.t.Helper()
	require.NotNil(c.t, msg.ReplyMarkup)
	for _, r := range msg.ReplyMarkup.InlineKeyboard {
		for _, b := range r {
			if b.Text == label {
				return c.next(func() { c.api.PressButton(c.u, msg, b.CallbackData) })
			}
		}
	}
	require.Failf(c.t, "no such button", "no button %q on the message", label)
	return tgtest.Call{}
}

func TestATagBatchOnASelectionIsUndoneInOneStep(t *testing.T) {
	c := newUser(t, ann)
	for i := 1; i <= 3; i++ {
		c.sendDocument(fmt.Sprintf("t%d.pdf", i), 10)
	}
	c.say("/files")
	c.press("🗂 All (3)")
	c.press("📄 t3.pdf · 10 B")
	c.press("🏷 Tags")
	c.say("draft")

	c.say("/files")
	c.press("🗂 All (3)")
	c.press("☑ Select")
	c.press("☐ 📄 t3.pdf · 10 B")
	c.press("☐ 📄 t2.pdf · 10 B")
	ask := c.press("🏷 Tag")
	assert.Contains(t, ask.Params["text"], "🏷 Send the tags for the 2 files selected")
	c.say("#bad!")
	refused, ok := c.api.LastMessage(ann.ID)
	require.True(t, ok)
	assert.Contains(t, refused.Text, "A tag is one word", "a bad tag is refused and the flow waits")
	done := c.say("#trip, 2024 -draft")
	assert.Equal(t, "🏷 Tags changed on 2 files.\nPut on: #trip #2024\nTaken off: #draft", done.Params["text"])
	doneMsg, ok := c.api.LastMessage(ann.ID)
	require.True(t, ok)
	card := func(name string) string {
		c.say("/files")
		c.press("🗂 All (3)")
		return c.press("📄 " + name + " · 10 B").Params["text"]
	}
	assert.Contains(t, card("t3.pdf"), "Tags: #2024 #trip")
	assert.Contains(t, card("t2.pdf"), "Tags: #2024 #trip")
	assert.NotContains(t, card("t1.pdf"), "#trip", "not selected, not tagged")

	undone := c.pressOn(doneMsg, "↩ Undo")
	assert.Equal(t, "↩ Undone: 2 files back as they were.", undone.Params["text"])
	assert.Contains(t, card("t3.pdf"), "Tags: #draft", "t3 gets back the tag the batch took off")
	assert.NotContains(t, card("t3.pdf"), "#trip")
	assert.NotContains(t, card("t2.pdf"), "Tags:")
}
