package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// containsText reports whether the chat still shows message id with that text.
func containsText(msgs []models.Message, id int, text string) bool {
	for _, m := range msgs {
		if m.ID == id {
			return m.Text == text
		}
	}
	return false
}

func TestAButtonUnderAConfirmationOpensANewMessageAndMenusEditInPlace(t *testing.T) {
	h := newHarness(t)
	_, _, first := h.sendDocument(alice, "mandelbrot.jpg.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, first.Message.ID))
	_, _, upd := h.sendDocument(alice, "report.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	saved := h.lastMessage(alice.ID)
	require.Contains(t, saved.Text, "✅ Saved document “report.pdf”")

	// 📂 My files under the confirmation opens a new message: the confirmation stays.
	h.press(alice, "📂 My files")
	kinds := h.waitMessage(alice.ID, "Your files: 2 in all")
	assert.Empty(t, kinds.Params["reply_parameters"], "the menu quotes nothing")
	menu := h.lastMessage(alice.ID)
	assert.NotEqual(t, saved.ID, menu.ID)
	assert.Nil(t, menu.ReplyToMessage)
	assert.Zero(t, h.count(h.after(func(c tgtest.Call) bool { return c.Method == "editMessageText" })))
	still := h.api.Messages(alice.ID)
	assert.True(t, containsText(still, saved.ID, saved.Text), "the confirmation is still there as it was")

	// Inside the menu, navigation edits that message in place.
	h.press(alice, "🗂 All")
	list := h.waitEdit(alice.ID, "2 on this page")
	assert.Equal(t, fmt.Sprint(menu.ID), list.Params["message_id"])
	h.press(alice, "📄 report.pdf")
	card := h.waitEdit(alice.ID, "report.pdf\nKind: document")
	assert.Equal(t, fmt.Sprint(menu.ID), card.Params["message_id"])
	h.press(alice, "◀ Back")
	back := h.waitEdit(alice.ID, "2 on this page")
	assert.Equal(t, fmt.Sprint(menu.ID), back.Params["message_id"])

	// No menu the bot shows carries the quote of an upload.
	for _, m := range h.api.Messages(alice.ID) {
		if m.ReplyToMessage != nil {
			assert.True(t, strings.HasPrefix(m.Text, "✅ Saved"), "only confirmations quote an upload, not %q", m.Text)
		}
	}
}

func TestPagingAListOpenedFromAConfirmationEditsItsOwnMessage(t *testing.T) {
	h := newHarness(t)
	var last models.Update
	for i := 1; i <= 9; i++ {
		_, _, last = h.sendDocument(alice, fmt.Sprintf("page-%d.pdf", i), "application/pdf", 100)
		h.api.WaitForCall(t, wait, repliesTo(alice.ID, last.Message.ID))
	}
	saved := h.lastMessage(alice.ID)

	h.press(alice, "📂 My files")
	h.waitMessage(alice.ID, "Your files: 9 in all")
	menu := h.lastMessage(alice.ID)
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "8 on this page")
	h.press(alice, "Next ▶")
	next := h.waitEdit(alice.ID, "1 on this page")
	assert.Equal(t, fmt.Sprint(menu.ID), next.Params["message_id"], "paging edits the list in place")
	h.press(alice, "◀ Prev")
	prev := h.waitEdit(alice.ID, "8 on this page")
	assert.Equal(t, fmt.Sprint(menu.ID), prev.Params["message_id"])
	assert.True(t, containsText(h.api.Messages(alice.ID), saved.ID, saved.Text), "the confirmation stays as it was")
}
