package main

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// TestTagsAndOrdersEndToEnd walks the story of tags and orders through the whole application on
// PostgreSQL: hashtags of captions become tags, a tag is added and taken off from the card, the
// tag list opens a tag's files, /search #tag finds them; the order chosen in /settings survives a
// restart and sorts every list, a tag's narrowed to one kind included.
func TestTagsAndOrdersEndToEnd(t *testing.T) {
	h := newHarness(t)
	send := func(name string, size int64, caption string) {
		f, u := h.api.NewFileIDs()
		upd := h.api.SendDocument(alice, models.Document{FileID: f, FileUniqueID: u, FileName: name, MimeType: "application/pdf", FileSize: size}, caption)
		h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	}
	send("budget.pdf", 3000, "Plan #Work #2024")
	send("Agenda.pdf", 1000, "#work")
	send("notes.pdf", 2000, "no tags here")
	saved := h.api.Calls()
	assert.Contains(t, saved[len(saved)-1].Params["text"], "✅ Saved document “notes.pdf”")

	h.say(alice, "/tags")
	tags := h.waitMessage(alice.ID, "🏷 Your tags")
	assert.Contains(t, tags.Params["reply_markup"], "🏷 #2024 (1)")
	h.press(alice, "🏷 #work (2)")
	list := h.waitEdit(alice.ID, "🏷 #work — 2 on this page.")
	assert.NotContains(t, list.Params["reply_markup"], "notes.pdf")

	h.press(alice, "📄 budget.pdf · 2.9 KB")
	card := h.waitEdit(alice.ID, "Tags: #2024 #work")
	assert.Contains(t, card.Params["text"], "Category: none")
	h.press(alice, "🏷 Tags")
	h.waitEdit(alice.ID, "Now: #2024 #work.")
	h.say(alice, "#q1 -2024")
	h.waitMessage(alice.ID, "🏷 “budget.pdf” is tagged #q1 #work.")

	h.say(alice, "/search #q1")
	found := h.waitMessage(alice.ID, "🔎")
	assert.Contains(t, found.Params["reply_markup"], "budget.pdf")
	assert.NotContains(t, found.Params["reply_markup"], "Agenda.pdf")

	h.say(alice, "/settings")
	h.waitMessage(alice.ID, "Lists show: 🆕 Newest first")
	h.press(alice, "🔤 By name")
	h.waitEdit(alice.ID, "Lists show: 🔤 By name")
	h.stop()
	h.start()

	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 3 in all")
	h.press(alice, "🗂 All (3)")
	all := h.waitEdit(alice.ID, "Page 1 of 1 · 3 files")
	assert.Equal(t, []string{"📄 Agenda.pdf · 1000 B", "📄 budget.pdf · 2.9 KB", "📄 notes.pdf · 2.0 KB"}, fileButtons(t, h, all), "by name after a restart")

	h.say(alice, "/settings")
	h.waitMessage(alice.ID, "Lists show: 🔤 By name")
	h.press(alice, "📦 Largest first")
	h.waitEdit(alice.ID, "Lists show: 📦 Largest first")
	h.say(alice, "/tags")
	h.waitMessage(alice.ID, "🏷 Your tags")
	h.press(alice, "🏷 #work (2)")
	h.waitEdit(alice.ID, "🏷 #work")
	pressExactly(t, h, "📄") // the row of kinds: the tag's documents
	docs := h.waitEdit(alice.ID, "🏷 #work — 2 on this page.")
	assert.Equal(t, []string{"📄 budget.pdf · 2.9 KB", "📄 Agenda.pdf · 1000 B"}, fileButtons(t, h, docs), "a tag's documents, the largest first")
}

// pressExactly presses the button of Alice's newest message labelled label and nothing more.
func pressExactly(t *testing.T, h *harness, label string) {
	t.Helper()
	m := h.lastMessage(alice.ID)
	require.NotNil(t, m.ReplyMarkup)
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.Text == label {
				h.mark = h.api.LastSeq()
				h.api.PressButton(alice, m, b.CallbackData)
				return
			}
		}
	}
	t.Fatalf("no button %q", label)
}

// fileButtons are the labels of the file buttons of a list the bot showed.
func fileButtons(t *testing.T, h *harness, list tgtest.Call) []string {
	t.Helper()
	m := h.lastMessage(alice.ID)
	require.NotNil(t, m.ReplyMarkup, "%s", list.Params["text"])
	var labels []string
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if strings.HasPrefix(b.Text, "📄 ") && len(row) == 1 {
				labels = append(labels, b.Text)
			}
		}
	}
	return labels
}
