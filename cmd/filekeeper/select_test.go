package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestABatchMoveUndoneInOneStep: Alice selects two files on page 1, restarts nothing but the bot
// (the selection is in PostgreSQL), one on page 2, moves the three to Work with one
// confirmation, and one ↩ Undo puts each back: one in Home, two in no category.
func TestABatchMoveUndoneInOneStep(t *testing.T) {
	h := newHarness(t)
	for _, name := range []string{"Work", "Home"} {
		h.say(alice, "/categories")
		h.waitMessage(alice.ID, "categories")
		h.press(alice, "➕ New category")
		h.waitEdit(alice.ID, "name of the new category")
		h.say(alice, name)
		h.waitMessage(alice.ID, "✅ Category “"+name+"” created.")
	}
	for i := 1; i <= 10; i++ {
		_, _, upd := h.sendDocument(alice, fmt.Sprintf("d%02d.pdf", i), "application/pdf", 10)
		h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	}
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 10 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "8 on this page")
	h.press(alice, "📄 d10.pdf")
	h.waitEdit(alice.ID, "Category: none")
	h.press(alice, "🗂 Move")
	h.waitEdit(alice.ID, "to which category?")
	h.press(alice, "📁 Home")
	h.waitEdit(alice.ID, "Category: 📁 Home")

	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 10 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "8 on this page")
	h.press(alice, "☑ Select")
	h.waitEdit(alice.ID, "☑ Selecting in 🗂 All: 0 files selected.")
	h.press(alice, "☐ 📄 d10.pdf")
	h.waitEdit(alice.ID, "1 file selected")
	h.press(alice, "☐ 📄 d09.pdf")
	h.waitEdit(alice.ID, "2 files selected")

	h.stop()
	h.start()

	h.press(alice, "Next ▶")
	h.waitEdit(alice.ID, "2 files selected.\nTap files") // kept across the restart
	h.press(alice, "☐ 📄 d01.pdf")
	h.waitEdit(alice.ID, "3 files selected")
	h.press(alice, "🗂 Move")
	h.waitEdit(alice.ID, "🗂 Move 3 files to which category?")
	h.press(alice, "📁 Work")
	h.waitEdit(alice.ID, "🗂 Move 3 files to Work?")
	h.press(alice, "🗂 Yes, move 3 files")
	h.waitEdit(alice.ID, "🗂 Moved 3 files to Work.")
	h.say(alice, "/categories")
	cats := h.waitMessage(alice.ID, "Your categories").Params["reply_markup"]
	assert.Contains(t, cats, "📁 Work (3)")
	assert.Contains(t, cats, "📁 Home (0)")

	h.press(alice, "↩ Undo")
	h.waitEdit(alice.ID, "↩ Undone: 3 files back as they were.")
	h.say(alice, "/categories")
	cats = h.waitMessage(alice.ID, "Your categories").Params["reply_markup"]
	assert.Contains(t, cats, "📁 Work (0)")
	assert.Contains(t, cats, "📁 Home (1)", "d10 is back in Home, d09 and d01 in no category")
	h.press(alice, "📁 Home")
	h.waitEdit(alice.ID, "Home")
	h.press(alice, "📂 Open")
	assert.Contains(t, h.waitEdit(alice.ID, "📁 Home — 1 on this page").Params["reply_markup"], "📄 d10.pdf")
}
