package main

import (
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestACaptionWithANULByteIsSavedCleanAndAnswered(t *testing.T) {
	h := newHarness(t)
	fileID, uniqueID := h.api.NewFileIDs()
	h.mark = h.api.LastSeq()
	upd := h.api.SendDocument(alice, models.Document{FileID: fileID, FileUniqueID: uniqueID, FileName: "scan.pdf",
		MimeType: "application/pdf", FileSize: 10}, "tax\x00 return\x1b 2026")
	saved := h.api.WaitForCall(t, wait, h.after(repliesTo(alice.ID, upd.Message.ID)))
	assert.Contains(t, saved.Params["text"], "✅ Saved document “scan.pdf”")

	// The caption was kept, cleaned: it is found.
	h.say(alice, "/search tax return")
	found := h.waitMessage(alice.ID, "🔎 “tax return” — 1 on this page")
	assert.Contains(t, found.Params["reply_markup"], "scan.pdf")
}

func TestANameWithABidiOverrideIsShownAsItReallyIs(t *testing.T) {
	h := newHarness(t)
	_, _, upd := h.sendDocument(alice, "invoice_\u202efdp.exe", "application/octet-stream", 10)
	saved := h.api.WaitForCall(t, wait, h.after(repliesTo(alice.ID, upd.Message.ID)))
	assert.Contains(t, saved.Params["text"], "“invoice_fdp.exe”")
	assert.NotContains(t, saved.Params["text"], "\u202e")

	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "no categories yet")
	h.press(alice, "➕ New category")
	h.waitEdit(alice.ID, "name of the new category")
	h.say(alice, "Work\u200b\u202e")
	created := h.waitMessage(alice.ID, "Work")
	require.NotContains(t, created.Params["text"], "\u202e")
	assert.NotContains(t, created.Params["text"], "\u200b")
}
