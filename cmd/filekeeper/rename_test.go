package main

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
)

// renameTo opens the newest file's card from /files and renames it.
func (h *harness) renameTo(user models.User, file, name string) {
	h.t.Helper()
	h.say(user, "/files")
	h.waitMessage(user.ID, "Your files:")
	h.press(user, "🗂 All")
	h.waitEdit(user.ID, "on this page")
	h.press(user, "📄 "+file)
	h.waitEdit(user.ID, file+"\nKind: document")
	h.press(user, "✏ Rename")
	h.waitEdit(user.ID, "new name")
	h.say(user, name)
}

func sendsDocument(c tgtest.Call) bool { return c.Method == "sendDocument" }

func TestARenamedFileIsSentUnderItsNewName(t *testing.T) {
	h := newHarness(t)
	upd, err := h.api.Upload(alice, botapi.Upload{Name: "report_Q3.pdf", Data: []byte("%PDF-1.4 the figures of Q3")})
	require.NoError(t, err)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	original := upd.Message.Document.FileID

	h.renameTo(alice, "report_Q3.pdf", "annual report")
	renamed := h.waitMessage(alice.ID, "annual report.pdf")
	assert.NotContains(t, renamed.Params["text"], "original name", "a small file gets its new name in Telegram too")
	h.waitMessage(alice.ID, "annual report.pdf\nKind: document")

	// The first ⬇ Get uploads the file again under its new name.
	h.press(alice, "⬇ Get")
	first := h.api.WaitForCall(t, wait, h.after(sendsDocument))
	assert.Equal(t, "attach://annual report.pdf", first.Params["document"])
	got := h.lastMessage(alice.ID)
	require.NotNil(t, got.Document)
	assert.Equal(t, "annual report.pdf", got.Document.FileName)
	assert.NotEqual(t, original, got.Document.FileID)
	content, ok := h.api.File(got.Document.FileID)
	require.True(t, ok)
	assert.Equal(t, "%PDF-1.4 the figures of Q3", string(content.Data))

	// The second uses the new file id: no download, no upload.
	getFiles := h.count(func(c tgtest.Call) bool { return c.Method == "getFile" })
	h.press(alice, "⬇ Get")
	second := h.api.WaitForCall(t, wait, h.after(sendsDocument))
	assert.Equal(t, got.Document.FileID, second.Params["document"])
	assert.Equal(t, getFiles, h.count(func(c tgtest.Call) bool { return c.Method == "getFile" }))
	again := h.lastMessage(alice.ID)
	assert.Equal(t, "annual report.pdf", again.Document.FileName)

	// Whoever opens a link to it gets it under its new name too.
	h.shareWithoutLimits(alice)
	link := h.waitEdit(alice.ID, "https://t.me/filekeeper_test_bot?start=")
	token := link.Params["text"][strings.Index(link.Params["text"], "?start=")+len("?start="):]
	token = strings.Fields(token)[0]
	h.say(bob, "/start "+token)
	shared := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return sendsDocument(c) && c.Params["chat_id"] == "2002" }))
	assert.Equal(t, got.Document.FileID, shared.Params["document"])
}

func TestARenamedFileTooLargeToUploadAgainSaysItKeepsItsNameInTelegram(t *testing.T) {
	h := newHarness(t)
	fileID, _, upd := h.sendDocument(alice, "big archive.zip", "application/zip", 30<<20)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))

	h.renameTo(alice, "big archive.zip", "holiday")
	renamed := h.waitMessage(alice.ID, "holiday.zip")
	assert.Contains(t, renamed.Params["text"], "Telegram still sends it under its original name")

	h.waitMessage(alice.ID, "holiday.zip\nKind: document")
	h.press(alice, "⬇ Get")
	sent := h.api.WaitForCall(t, wait, h.after(sendsDocument))
	assert.Equal(t, fileID, sent.Params["document"], "sent as it is")
}
