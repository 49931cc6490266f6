package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

func TestSearchFindsOwnFilesAndOpensOne(t *testing.T) {
	h := newHarness(t)
	for _, name := range []string{"Quarterly report.pdf", "holiday.jpg.pdf", "50% off.pdf", "500 off.pdf"} {
		_, _, upd := h.sendDocument(alice, name, "application/pdf", 100)
		h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	}
	_, _, upd := h.sendDocument(bob, "bob report.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(bob.ID, upd.Message.ID))

	h.say(alice, "/search REPORT")
	results := h.waitMessage(alice.ID, "🔎 “REPORT” — 1 on this page")
	assert.Contains(t, results.Params["reply_markup"], "Quarterly report.pdf")
	assert.NotContains(t, results.Params["reply_markup"], "bob report.pdf")

	h.say(alice, "/search 50%")
	results = h.waitMessage(alice.ID, "🔎 “50%” — 1 on this page")
	assert.Contains(t, results.Params["reply_markup"], "50% off.pdf")

	h.say(alice, "/search "+strings.Repeat("x", 101))
	h.waitMessage(alice.ID, "at most 100 characters")

	// The 🔎 Search button asks for the words; the next text is the query.
	h.say(alice, "/start")
	h.waitMessage(alice.ID, "Hi, Alice")
	h.press(alice, "🔎 Search")
	h.waitEdit(alice.ID, "Send me words to look for")
	h.say(alice, "ho")
	h.waitMessage(alice.ID, "🔎 “ho” — 1 on this page")
	h.press(alice, "📄 holiday.jpg.pdf")
	h.waitEdit(alice.ID, "holiday.jpg.pdf\nKind: document")
	h.press(alice, "⬇ Get")
	sent := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return c.Method == "sendDocument" }))
	assert.Equal(t, fmt.Sprint(alice.ID), sent.Params["chat_id"])

	h.say(alice, "/search nothing-like-this")
	h.waitMessage(alice.ID, "Nothing found for “nothing-like-this”")
}

func TestInlineQueryAnswersWithTheAskersFilesOnly(t *testing.T) {
	h := newHarness(t)
	fileID, _, upd := h.sendDocument(alice, "contract.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	_, _, upd = h.sendDocument(bob, "contract-bob.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(bob.ID, upd.Message.ID))

	h.mark = h.api.LastSeq()
	h.api.SendInlineQuery(alice, "contr", "")
	answer := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return c.Method == "answerInlineQuery" }))
	assert.Equal(t, "true", answer.Params["is_personal"])
	var results []map[string]any
	require.NoError(t, json.Unmarshal([]byte(answer.Params["results"]), &results))
	require.Len(t, results, 1)
	assert.Equal(t, "document", results[0]["type"])
	assert.Equal(t, fileID, results[0]["document_file_id"])
	assert.Equal(t, "contract.pdf", results[0]["title"])
}

var shareLink = regexp.MustCompile(`https://t\.me/filekeeper_test_bot\?start=([A-Za-z0-9_-]+)`)

func TestAShareLinkGivesAFileUntilItIsRevoked(t *testing.T) {
	h := newHarness(t)
	fileID, _, upd := h.sendDocument(alice, "recipe.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 1 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "1 on this page")
	h.press(alice, "📄 recipe.pdf")
	h.waitEdit(alice.ID, "recipe.pdf")
	h.press(alice, "🔗 Share")
	created := h.waitEdit(alice.ID, "Anyone with this link gets “recipe.pdf”")
	m := shareLink.FindStringSubmatch(created.Params["text"])
	require.NotNil(t, m, created.Params["text"])
	token := m[1]

	// Bob opens the link: he gets the file, with a button to keep a copy.
	h.say(bob, "/start "+token)
	h.waitMessage(bob.ID, "📥 “recipe.pdf” was shared with you.")
	sent := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return c.Method == "sendDocument" }))
	assert.Equal(t, fileID, sent.Params["document"])
	assert.Equal(t, fmt.Sprint(bob.ID), sent.Params["chat_id"])
	h.press(bob, "💾 Save to my library")
	h.waitAnswer("💾 Saved to your library.")

	// Bob's copy is his: renaming it does not touch Alice's.
	h.say(bob, "/files")
	h.waitMessage(bob.ID, "Your files: 1 in all")
	h.press(bob, "🗂 All")
	h.waitEdit(bob.ID, "1 on this page")
	h.press(bob, "📄 recipe.pdf")
	h.waitEdit(bob.ID, "recipe.pdf")
	h.press(bob, "✏ Rename")
	h.waitEdit(bob.ID, "Send me the new name")
	h.say(bob, "grandma")
	h.waitMessage(bob.ID, "Renamed to “grandma.pdf”")

	// Alice sees the uses (Bob's opening and his copy) and revokes the link; it is refused
	// afterwards.
	h.say(alice, "/links")
	links := h.waitMessage(alice.ID, "Your active links (1)")
	assert.Contains(t, links.Params["text"], "recipe.pdf — used 2 times")
	h.press(alice, "✖ Revoke")
	h.waitAnswer("🔗 Link revoked.")
	h.waitEdit(alice.ID, "You have no active links")
	h.say(bob, "/start "+token)
	h.waitMessage(bob.ID, "This link was revoked by its owner.")
	h.say(bob, "/start not-a-real-token-at-all")
	h.waitMessage(bob.ID, "This link doesn't work")
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 1 in all")
}

func TestAShareLinkOfACategoryListsItsFiles(t *testing.T) {
	h := newHarness(t)
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "no categories yet")
	h.press(alice, "➕ New category")
	h.waitEdit(alice.ID, "name of the new category")
	h.say(alice, "Trip")
	h.waitMessage(alice.ID, "🏷 Trip — 0 files.")
	h.press(alice, "📤 Upload here")
	h.waitEdit(alice.ID, "each goes into 🏷 Trip")
	f, u := h.api.NewFileIDs()
	upd := h.api.SendPhoto(alice, []models.PhotoSize{{FileID: f, FileUniqueID: u, Width: 10, Height: 10, FileSize: 10}}, "beach")
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	h.say(alice, "/done")
	h.waitMessage(alice.ID, "Done.")
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "Your categories (1 of 50)")
	h.press(alice, "🏷 Trip (1)")
	h.waitEdit(alice.ID, "🏷 Trip — 1 file.")
	h.press(alice, "🔗 Share")
	created := h.waitEdit(alice.ID, "Anyone with this link gets “🏷 Trip”")
	token := shareLink.FindStringSubmatch(created.Params["text"])[1]

	h.say(bob, "/start "+token)
	h.waitMessage(bob.ID, "The category “Trip” was shared with you: 1 file.")
	h.press(bob, "🖼 photo_")
	sent := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return c.Method == "sendPhoto" }))
	assert.Equal(t, f, sent.Params["photo"])
}

func TestARussianSpeakerIsAnsweredInRussian(t *testing.T) {
	h := newHarness(t)
	ivan := models.User{ID: 4004, FirstName: "Иван", LanguageCode: "ru"}
	h.say(ivan, "/start")
	greeting := h.waitMessage(ivan.ID, "Иван")
	assert.NotContains(t, greeting.Params["text"], "Hi,")
	h.say(ivan, "/settings")
	h.waitMessage(ivan.ID, "Русский")
	h.press(ivan, "English")
	h.waitEdit(ivan.ID, "Language: English")
	h.say(ivan, "/start")
	h.waitMessage(ivan.ID, "Hi, Иван!")
}

func TestProfileAndSettings(t *testing.T) {
	h := newHarness(t)
	_, _, upd := h.sendDocument(alice, "a.pdf", "application/pdf", 2048)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	h.say(alice, "/profile")
	profile := h.waitMessage(alice.ID, "👤 Alice (@alice)")
	assert.Contains(t, profile.Params["text"], "Telegram id: 1001")
	assert.Contains(t, profile.Params["text"], "📄 Documents: 1 · 2.0 KB")
	h.press(alice, "⚙ Settings")
	h.waitEdit(alice.ID, "Files per page: 8")
	h.press(alice, "5")
	h.waitAnswer("⚙ Saved.")
	h.waitEdit(alice.ID, "Files per page: 5")
}
