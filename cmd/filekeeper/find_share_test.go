package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
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
	h.shareWithoutLimits(alice)
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
	h.waitMessage(alice.ID, "📁 Trip — 0 files.")
	h.press(alice, "📤 Upload here")
	h.waitEdit(alice.ID, "each goes into 📁 Trip")
	f, u := h.api.NewFileIDs()
	upd := h.api.SendPhoto(alice, []models.PhotoSize{{FileID: f, FileUniqueID: u, Width: 10, Height: 10, FileSize: 10}}, "beach")
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	h.say(alice, "/done")
	h.waitMessage(alice.ID, "Done.")
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "Your categories (1 of 50)")
	h.press(alice, "📁 Trip (1)")
	h.waitEdit(alice.ID, "📁 Trip — 1 file.")
	h.shareWithoutLimits(alice)
	created := h.waitEdit(alice.ID, "Anyone with this link gets “📁 Trip”")
	token := shareLink.FindStringSubmatch(created.Params["text"])[1]

	h.say(bob, "/start "+token)
	h.waitMessage(bob.ID, "The category “Trip” was shared with you: 1 file.")
	h.press(bob, "🖼 beach") // listed under its caption: its name was made up
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

// shareAFileAndACategory has Alice keep report.pdf (loose) and a photo in 📁 Trip, and share
// both; it returns the two tokens.
func shareAFileAndACategory(t *testing.T, h *harness) (fileToken, categoryToken string) {
	t.Helper()
	_, _, upd := h.sendDocument(alice, "report.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "no categories yet")
	h.press(alice, "➕ New category")
	h.waitEdit(alice.ID, "name of the new category")
	h.say(alice, "Trip")
	h.waitMessage(alice.ID, "📁 Trip — 0 files.")
	h.press(alice, "📤 Upload here")
	h.waitEdit(alice.ID, "each goes into 📁 Trip")
	f, u := h.api.NewFileIDs()
	upd = h.api.SendPhoto(alice, []models.PhotoSize{{FileID: f, FileUniqueID: u, Width: 10, Height: 10, FileSize: 10}}, "beach")
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	h.say(alice, "/done")
	h.waitMessage(alice.ID, "Done.")
	h.say(alice, "/categories")
	h.waitMessage(alice.ID, "Your categories (1 of 50)")
	h.press(alice, "📁 Trip (1)")
	h.waitEdit(alice.ID, "📁 Trip — 1 file.")
	h.shareWithoutLimits(alice)
	created := h.waitEdit(alice.ID, "Anyone with this link gets “📁 Trip”")
	categoryToken = shareLink.FindStringSubmatch(created.Params["text"])[1]

	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 2 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "2 on this page")
	h.press(alice, "📄 report.pdf")
	h.waitEdit(alice.ID, "report.pdf")
	h.shareWithoutLimits(alice)
	created = h.waitEdit(alice.ID, "Anyone with this link gets “report.pdf”")
	return shareLink.FindStringSubmatch(created.Params["text"])[1], categoryToken
}

// pressAll presses every button data as user and returns the answers and the other calls made
// to user's chat meanwhile. A chat's updates are handled in order, each one's calls made before
// the next one's, so once a last press of 🏠 Menu is answered everything the presses made was
// sent: the absence of a call is proven by the call that must come after it.
func pressAll(t *testing.T, h *harness, user models.User, data []string) (answers, others []tgtest.Call) {
	t.Helper()
	on := h.lastMessage(user.ID)
	mark := h.api.LastSeq()
	for _, d := range data {
		h.api.PressButton(user, on, d)
	}
	h.api.PressButton(user, on, "1|m")
	answers = h.api.WaitForCalls(t, wait, len(data)+1, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "answerCallbackQuery" })
	end := answers[len(data)].Seq
	for _, c := range h.api.Calls() {
		if c.Seq > mark && c.Seq < end && c.Method != "answerCallbackQuery" && c.Params["chat_id"] == fmt.Sprint(user.ID) {
			others = append(others, c)
		}
	}
	h.mark = h.api.LastSeq()
	return answers[:len(data)], others
}

// forgedShareButtons are the get and save buttons of every share id and file id up to the bounds.
func forgedShareButtons(shares, files int) []string {
	var data []string
	for share := 1; share <= shares; share++ {
		for file := 1; file <= files; file++ {
			for _, action := range []string{"sg", "sv"} {
				data = append(data, fmt.Sprintf("1|%s|%s|%s", action, strconv.FormatInt(int64(share), 36), strconv.FormatInt(int64(file), 36)))
			}
		}
	}
	return data
}

func TestShareButtonsGiveNothingToWhoeverDidNotOpenTheLink(t *testing.T) {
	h := newHarness(t)
	fileToken, categoryToken := shareAFileAndACategory(t, h)
	carol := models.User{ID: 3003, FirstName: "Carol", LanguageCode: "en"}

	// Carol opens the file link: her 💾 button names the share and the file by their ids.
	h.say(carol, "/start "+fileToken)
	h.waitMessage(carol.ID, "📥 “report.pdf” was shared with you.")
	h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return c.Method == "sendDocument" }))
	save := keyboardOf(t, h.lastMessage(carol.ID)).InlineKeyboard[0][0].CallbackData
	parts := strings.Split(save, "|")
	require.Len(t, parts, 4, save)
	shareID, err := strconv.ParseInt(parts[2], 36, 64)
	require.NoError(t, err)
	// Every id there is: two shares, two files (fresh database: ids from 1). One more of each,
	// past the end, is tried too.
	require.LessOrEqual(t, shareID, int64(2))

	h.say(bob, "/start")
	h.waitMessage(bob.ID, "Hi, Bob")
	t.Run("a user who never opened a link gets nothing from any forged get or save button", func(t *testing.T) {
		forged := forgedShareButtons(3, 3)
		answers, others := pressAll(t, h, bob, forged)
		for i, a := range answers {
			assert.Equal(t, "🔗 These buttons work for whoever opened the link. Open the link again to use them.", a.Params["text"], forged[i])
			assert.Equal(t, "true", a.Params["show_alert"], forged[i])
		}
		assert.Empty(t, others, "nothing was sent to Bob's chat")
		h.say(bob, "/files")
		h.waitMessage(bob.ID, "Your library is empty")
	})
	t.Run("a viewer of one link gets nothing through another link, nor a file outside theirs", func(t *testing.T) {
		var forged []string
		for _, d := range forgedShareButtons(3, 3) {
			if d != save && d != strings.Replace(save, "|sv|", "|sg|", 1) {
				forged = append(forged, d)
			}
		}
		answers, others := pressAll(t, h, carol, forged)
		for i, a := range answers {
			assert.Equal(t, "true", a.Params["show_alert"], forged[i])
		}
		assert.Empty(t, others, "nothing was sent to Carol's chat")
	})
	t.Run("the viewer's own buttons work, and every use is counted", func(t *testing.T) {
		h.press(carol, "💾 Save to my library")
		h.waitAnswer("💾 Saved to your library.")
		h.say(alice, "/links")
		links := h.waitMessage(alice.ID, "Your active links (2)")
		assert.Contains(t, links.Params["text"], "report.pdf — used 2 times", "Carol's opening and her copy")
		assert.Contains(t, links.Params["text"], "📁 Trip — never used", "no forged press counted")
	})
	t.Run("once the link is revoked the viewer's buttons give nothing", func(t *testing.T) {
		h.press(alice, "✖ Revoke · report.pdf")
		h.waitAnswer("🔗 Link revoked.")
		answers, others := pressAll(t, h, carol, []string{save, strings.Replace(save, "|sv|", "|sg|", 1)})
		for _, a := range answers {
			assert.Equal(t, "This link was revoked by its owner.", a.Params["text"])
		}
		assert.Empty(t, others)
	})
	t.Run("whoever opens the category link gets its files, live", func(t *testing.T) {
		h.say(bob, "/start "+categoryToken)
		h.waitMessage(bob.ID, "The category “Trip” was shared with you: 1 file.")
		photo := keyboardOf(t, h.lastMessage(bob.ID)).InlineKeyboard[0][0].CallbackData
		h.press(bob, "🖼 beach") // listed under its caption: its name was made up
		h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool {
			return c.Method == "sendPhoto" && c.Params["chat_id"] == fmt.Sprint(bob.ID)
		}))

		// Alice moves report.pdf into Trip after Bob opened the link: his grant gives it too.
		h.say(alice, "/files")
		h.waitMessage(alice.ID, "Your files: 2 in all")
		h.press(alice, "🗂 All")
		h.waitEdit(alice.ID, "2 on this page")
		h.press(alice, "📄 report.pdf")
		h.waitEdit(alice.ID, "report.pdf")
		h.press(alice, "🗂 Move")
		h.waitEdit(alice.ID, "to which category?")
		h.press(alice, "📁 Trip")
		h.waitEdit(alice.ID, "Category: 📁 Trip")
		report := strings.Join(append(strings.Split(photo, "|")[:3], parts[3]), "|")
		h.mark = h.api.LastSeq()
		h.api.PressButton(bob, h.lastMessage(bob.ID), report)
		h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool {
			return c.Method == "sendDocument" && c.Params["chat_id"] == fmt.Sprint(bob.ID)
		}))
	})
}

func TestAListButtonOfASearchThatIsNotTheUsersIsAnswered(t *testing.T) {
	h := newHarness(t)
	_, _, upd := h.sendDocument(alice, "report.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	h.say(alice, "/search report")
	results := h.waitMessage(alice.ID, "🔎 “report” — 1 on this page")
	var kb models.InlineKeyboardMarkup
	require.NoError(t, json.Unmarshal([]byte(results.Params["reply_markup"]), &kb))
	card := kb.InlineKeyboard[0][0].CallbackData // 1|c|<file>|s<search>|n0
	search := strings.Split(card, "|")[3]
	require.True(t, strings.HasPrefix(search, "s"), card)

	h.say(bob, "/start")
	h.waitMessage(bob.ID, "Hi, Bob")
	// Alice's search, one that does not exist, forward and backward pages: each is an answer.
	forged := []string{"1|l|" + search + "|n0", "1|l|" + search + "|p5", "1|l|s" + strconv.FormatInt(1<<40, 36) + "|n0", "1|l|s9|nz"}
	_, others := pressAll(t, h, bob, forged)
	require.Len(t, others, len(forged), "one message each")
	for i, c := range others {
		assert.Contains(t, c.Params["text"], "That search is no longer kept. Search again", forged[i])
		assert.NotContains(t, c.Params["text"], "report.pdf", forged[i])
	}
}

// shareWithoutLimits presses 🔗 Share on what user has open and makes the link as it is offered:
// no expiry, anyone, unprotected.
func (h *harness) shareWithoutLimits(user models.User) {
	h.t.Helper()
	h.press(user, "🔗 Share")
	h.waitEdit(user.ID, "Choose its limits, then make it")
	h.press(user, "🔗 Make the link")
}
