package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// TestAForwardedFileSharedWithLimits walks the README's story of a forwarded file and a link with
// limits: the file keeps its channel, found by its name; its caption edited in Telegram is the
// one kept; a link for one person, for a day, protected, says so to a second person, is widened
// from /links, and says it expired once its day is over.
func TestAForwardedFileSharedWithLimits(t *testing.T) {
	h := newHarness(t)
	carol := models.User{ID: 3003, FirstName: "Carol", LanguageCode: "en"}
	posted := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	fileID, uniqueID := h.api.NewFileIDs()
	h.mark = h.api.LastSeq()
	upd := h.api.Send(alice, models.Message{
		Document: &models.Document{FileID: fileID, FileUniqueID: uniqueID, FileName: "minutes.pdf", MimeType: "application/pdf", FileSize: 48_000},
		Caption:  "draft",
		ForwardOrigin: &models.MessageOrigin{Type: models.MessageOriginTypeChannel, MessageOriginChannel: &models.MessageOriginChannel{
			Date: int(posted.Unix()), Chat: models.Chat{ID: -100123, Type: models.ChatTypeChannel, Title: "Town Hall", Username: "townhall"}, MessageID: 41}},
	})
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))

	h.say(alice, "/search town hall")
	h.waitMessage(alice.ID, "🔎 “town hall” — 1 on this page")
	h.press(alice, "📄 minutes.pdf")
	h.waitEdit(alice.ID, "↪ Forwarded from the channel “Town Hall (@townhall)”, posted 20 Nov 2026, 09:30 UTC")

	h.mark = h.api.LastSeq()
	_, err := h.api.EditCaption(alice, upd.Message.ID, "approved minutes")
	require.NoError(t, err)
	h.waitMessage(alice.ID, "✏ The caption of “minutes.pdf” is updated.")
	h.say(alice, "/search approved")
	h.waitMessage(alice.ID, "🔎 “approved” — 1 on this page")
	h.press(alice, "📄 minutes.pdf")
	card := h.waitEdit(alice.ID, "approved minutes")
	assert.NotContains(t, card.Params["text"], "draft")

	h.press(alice, "🔗 Share")
	h.waitEdit(alice.ID, "🔗 A link to “minutes.pdf”. Choose its limits, then make it:\n⏳ Expires: never\n👥 People: anyone (0 so far)\n🔓 Content not protected.")
	for label, shown := range map[string]string{"⏳ 1 day": "⏳ Expires: 1 day", "👥 1": "👥 People: 0 of 1 opened it", "🔓 Protect content: off": "🔒 Content protected"} {
		h.press(alice, label)
		h.waitEdit(alice.ID, shown)
	}
	h.press(alice, "🔗 Make the link")
	created := h.waitEdit(alice.ID, "Anyone with this link gets “minutes.pdf”")
	assert.Contains(t, created.Params["text"], "👥 People: 0 of 1 opened it\n🔒 Content protected: it can't be forwarded or saved.")
	token := shareLink.FindStringSubmatch(created.Params["text"])[1]

	h.say(bob, "/start "+token)
	h.waitMessage(bob.ID, "📥 “minutes.pdf” was shared with you.")
	sent := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return c.Method == "sendDocument" }))
	assert.Equal(t, "true", sent.Params["protect_content"], "Bob cannot forward or save it")
	assert.Equal(t, fmt.Sprint(bob.ID), sent.Params["chat_id"])
	h.say(carol, "/start "+token)
	h.waitMessage(carol.ID, "👥 This link was already opened by as many people as it allows.")

	h.say(alice, "/links")
	links := h.waitMessage(alice.ID, "Your active links (1)")
	assert.Contains(t, links.Params["text"], "· 👥 used up (1/1) · 🔒")
	h.press(alice, "⚙")
	h.waitEdit(alice.ID, "⚙ The limits of the link to “minutes.pdf”:")
	h.press(alice, "👥 5")
	h.waitAnswer("⚙ Limits saved.")
	h.say(carol, "/start "+token)
	h.waitMessage(carol.ID, "📥 “minutes.pdf” was shared with you.")

	// A day later (the link's end moved to a moment ago), the link says it expired.
	require.Equal(t, 1, count(t, h.dbURL, "WITH s AS (UPDATE shares SET expires_at = now() - interval '1 second' RETURNING 1) SELECT count(*) FROM s"))
	h.say(bob, "/start "+token)
	h.waitMessage(bob.ID, "⌛ This link has expired.")
}
