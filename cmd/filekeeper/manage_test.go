package main

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// TestManagingFilesFromCategoryToTrashAndBack walks one user story: make a category, upload
// into it, move, rename, delete, undo, delete again, restore from the trash, delete forever.
func TestManagingFilesFromCategoryToTrashAndBack(t *testing.T) {
	h := newHarness(t)
	h.say(alice, "/start")
	h.waitMessage(alice.ID, "Hi, Alice")

	h.press(alice, "📁 Categories")
	h.waitEdit(alice.ID, "no categories yet")
	h.press(alice, "➕ New category")
	h.waitEdit(alice.ID, "name of the new category")
	h.say(alice, strings.Repeat("w", 65))
	h.waitMessage(alice.ID, "That name is too long: at most 64 characters")
	h.say(alice, "  Work ")
	h.waitMessage(alice.ID, "✅ Category “Work” created.")
	h.waitMessage(alice.ID, "📁 Work — 0 files.")

	// Upload into the category, then leave the flow with /done.
	h.press(alice, "📤 Upload here")
	h.waitEdit(alice.ID, "each goes into 📁 Work")
	_, _, upd := h.sendDocument(alice, "plan.pdf", "application/pdf", 3000)
	assert.Contains(t, h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID)).Params["text"], "in 📁 Work.")
	h.say(alice, "/done")
	h.waitMessage(alice.ID, "Files you send from now on are saved without a category")
	_, _, upd = h.sendDocument(alice, "notes.pdf", "application/pdf", 10)
	assert.NotContains(t, h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID)).Params["text"], "Work")

	// Move the uncategorised file into Work.
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "Your categories (1 of 50)")
	h.press(alice, "📂 Uncategorised (1)")
	h.waitEdit(alice.ID, "Uncategorised — 1 on this page")
	h.press(alice, "📄 notes.pdf")
	h.waitEdit(alice.ID, "Category: none")
	h.press(alice, "🗂 Move")
	h.waitEdit(alice.ID, "Move “notes.pdf” to which category?")
	h.press(alice, "📁 Work")
	h.waitAnswer("🗂 Moved.")
	h.waitEdit(alice.ID, "Category: 📁 Work")

	// Rename, keeping the extension.
	h.press(alice, "✏ Rename")
	h.waitEdit(alice.ID, "Send me the new name")
	h.say(alice, "meeting notes")
	h.waitMessage(alice.ID, "✏ Renamed to “meeting notes.pdf”.")
	h.waitMessage(alice.ID, "meeting notes.pdf\nKind: document · 10 B\nCategory: 📁 Work")

	// Delete, undo, delete again.
	h.press(alice, "🗑 Delete")
	h.waitEdit(alice.ID, "Move this file to the trash?")
	h.press(alice, "🗑 Yes, to the trash")
	h.waitEdit(alice.ID, "“meeting notes.pdf” is in the trash.")
	h.press(alice, "↩ Undo")
	h.waitAnswer("♻ Restored.")
	h.waitEdit(alice.ID, "Category: 📁 Work")
	h.press(alice, "🗑 Delete")
	h.waitEdit(alice.ID, "Move this file to the trash?")
	h.press(alice, "🗑 Yes, to the trash")
	h.waitEdit(alice.ID, "is in the trash")

	// The trash lists it; restore it from there, delete it again, then delete it forever.
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 1 in all")
	h.press(alice, "🗑 Trash (1)")
	h.waitEdit(alice.ID, "Trash — 1 on this page. Files here are deleted for good after 30 days.")
	h.press(alice, "📄 meeting notes.pdf")
	h.waitEdit(alice.ID, "meeting notes.pdf")
	h.press(alice, "♻ Restore")
	h.waitAnswer("♻ Restored.")
	h.waitEdit(alice.ID, "Category: 📁 Work")
	h.press(alice, "🗑 Delete")
	h.waitEdit(alice.ID, "Move this file to the trash?")
	h.press(alice, "🗑 Yes, to the trash")
	h.waitEdit(alice.ID, "is in the trash")
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 1 in all")
	h.press(alice, "🗑 Trash (1)")
	h.waitEdit(alice.ID, "Trash — 1 on this page")
	h.press(alice, "📄 meeting notes.pdf")
	h.waitEdit(alice.ID, "meeting notes.pdf")
	staleCard := h.lastMessage(alice.ID)
	h.press(alice, "❌ Delete forever")
	h.waitEdit(alice.ID, "Delete this file forever?")
	h.press(alice, "❌ Yes, delete forever")
	h.waitAnswer("❌ Deleted forever.")
	h.waitEdit(alice.ID, "Nothing here yet.")

	// A button of the card of a file deleted forever answers politely and shows the list.
	kb := keyboardOf(t, staleCard)
	h.mark = h.api.LastSeq()
	h.api.PressButton(alice, h.lastMessage(alice.ID), kb.InlineKeyboard[0][0].CallbackData)
	h.waitAnswer("That file is no longer in your library.")

	// Deleting the category keeps its file.
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "Your categories (1 of 50)")
	h.press(alice, "📁 Work (1)")
	h.waitEdit(alice.ID, "📁 Work — 1 file.")
	h.press(alice, "🗑 Delete")
	h.waitEdit(alice.ID, "Delete the category “Work”? 1 file in it will stay in your library, without a category. The category itself can't be restored.")
	h.press(alice, "🗑 Delete it, keep the files")
	h.waitMessage(alice.ID, "🗑 Category “Work” deleted; 1 file now without a category.")
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 1 in all")
}

func TestARenameFlowSurvivesARestart(t *testing.T) {
	h := newHarness(t)
	_, _, upd := h.sendDocument(alice, "draft.txt", "text/plain", 5)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 1 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "1 on this page")
	h.press(alice, "📄 draft.txt")
	h.waitEdit(alice.ID, "draft.txt")
	h.press(alice, "✏ Rename")
	h.waitEdit(alice.ID, "Send me the new name")

	h.stop()
	h.start()

	h.say(alice, "final")
	h.waitMessage(alice.ID, "✏ Renamed to “final.txt”.")
}

func TestCancelLeavesAnyFlowAndSaysWhat(t *testing.T) {
	h := newHarness(t)
	h.say(alice, "/cancel")
	h.waitMessage(alice.ID, "There's nothing to cancel.")

	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "no categories yet")
	h.press(alice, "➕ New category")
	h.waitEdit(alice.ID, "name of the new category")
	h.say(alice, "/cancel")
	h.waitMessage(alice.ID, "Cancelled: the new category.")
	h.say(alice, "Holidays")
	h.waitMessage(alice.ID, "I keep files.")

	// Another command in the middle of a flow ends it cleanly.
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "no categories yet")
	h.press(alice, "➕ New category")
	h.waitEdit(alice.ID, "name of the new category")
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your library is empty")
	h.say(alice, "Holidays")
	h.waitMessage(alice.ID, "I keep files.")

	// A flow that ended has no Cancel button left; pressed anyway (an old client, a replay), it is
	// answered with the current state.
	var prompt models.Message
	for _, m := range h.api.Messages(alice.ID) {
		if strings.Contains(m.Text, "name of the new category") {
			prompt = m
		}
	}
	require.NotZero(t, prompt.ID)
	assert.Nil(t, prompt.ReplyMarkup, "the prompt lost its Cancel when the flow ended")
	h.mark = h.api.LastSeq()
	h.api.PressButton(alice, prompt, "1|x")
	h.waitEdit(alice.ID, "There's nothing to cancel.")
}

func TestCategoryNamesAreUniqueIgnoringCaseAndPrivate(t *testing.T) {
	h := newHarness(t)
	for _, name := range []string{"Work"} {
		h.say(alice, "/categories")
		h.waitMessage(alice.ID, "categor")
		h.press(alice, "➕ New category")
		h.waitEdit(alice.ID, "name of the new category")
		h.say(alice, name)
		h.waitMessage(alice.ID, "created")
	}
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "Your categories (1 of 50)")
	h.press(alice, "➕ New category")
	h.waitEdit(alice.ID, "name of the new category")
	h.say(alice, "WORK")
	h.waitMessage(alice.ID, "You already have a category “WORK”")

	// Bob may use the same name, and never sees Alice's category, even by replaying its button.
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "Your categories (1 of 50)")
	aliceWork := ""
	for _, r := range keyboardOf(t, h.lastMessage(alice.ID)).InlineKeyboard {
		if strings.HasPrefix(r[0].Text, "📁 Work") {
			aliceWork = r[0].CallbackData
		}
	}
	require.NotEmpty(t, aliceWork)
	h.say(bob, "/categories")
	h.waitMessage(bob.ID, "no categories yet")
	h.mark = h.api.LastSeq()
	h.api.PressButton(bob, h.lastMessage(bob.ID), aliceWork)
	h.waitAnswer("That category no longer exists.")
	assert.Zero(t, h.count(h.after(func(c tgtest.Call) bool {
		return c.Params["chat_id"] == "2002" && strings.Contains(c.Params["text"], "Work")
	})))
}
