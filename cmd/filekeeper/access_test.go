package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

var carol = models.User{ID: 3003, FirstName: "Carol", LanguageCode: "en"}

// confirmed waits until Telegram was told upd is handled: whatever the bot did about it, it did.
func (h *harness) confirmed(upd models.Update) {
	h.t.Helper()
	require.Eventually(h.t, func() bool { return h.api.ConfirmedOffset() > upd.ID }, wait, 10*time.Millisecond)
}

// messagesTo counts the messages the bot sent chatID.
func (h *harness) messagesTo(chatID int64) int {
	return h.count(func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(chatID)
	})
}

// TestAPrivateBotServesOnlyItsPeopleAndKeepsNothingOfOthers: with ACCESS_MODE=allowlist a
// stranger gets one polite sentence per message and nothing of them is kept: /stats counts
// neither them nor their file.
func TestAPrivateBotServesOnlyItsPeopleAndKeepsNothingOfOthers(t *testing.T) {
	t.Setenv("ACCESS_MODE", "allowlist")
	t.Setenv("ALLOWED_IDS", fmt.Sprint(bob.ID))
	t.Setenv("ADMIN_IDS", fmt.Sprint(alice.ID))
	h := newHarness(t)

	h.say(carol, "/start")
	h.waitMessage(carol.ID, "🔒 Sorry, this is a private bot: only the people its owner added can use it.")
	h.mark = h.api.LastSeq()
	_, _, doc := h.sendDocument(carol, "mine.pdf", "application/pdf", 100)
	h.api.WaitForCall(t, wait, h.after(repliesTo(carol.ID, doc.Message.ID)))
	h.confirmed(doc)
	assert.Equal(t, 2, h.messagesTo(carol.ID), "one sentence for each message, nothing else")

	h.say(bob, "/start")
	h.waitMessage(bob.ID, "Hi, Bob")
	stats := h.statsOf(alice)
	t.Logf("/stats:\n%s", stats)
	assert.Contains(t, stats, "Users: 2 —", "Alice and Bob: Carol was never registered")
	assert.Contains(t, stats, "none yet", "Carol's file was not kept")
}

// TestAnAdminBansAUserWhoIsToldOnceEvenAcrossARestart: the ban is kept in PostgreSQL and so is
// the telling; the banned user's files stay until the admin deletes them from the ban's card.
func TestAnAdminBansAUserWhoIsToldOnceEvenAcrossARestart(t *testing.T) {
	t.Setenv("ADMIN_IDS", fmt.Sprint(alice.ID))
	h := newHarness(t)
	h.sendDocument(bob, "notes.pdf", "application/pdf", 100)
	h.waitMessage(bob.ID, "Saved document")

	h.say(alice, fmt.Sprint("/ban ", bob.ID))
	card := h.waitMessage(alice.ID, "is banned")
	t.Logf("/ban %d:\n%s", bob.ID, card.Params["text"])
	assert.Equal(t, "⛔ Bob · 2002 is banned: they get one short answer, and nothing else.\nThey keep 1 file: they stay until you delete them.", card.Params["text"])

	before := h.messagesTo(bob.ID)
	h.say(bob, "/start")
	h.waitMessage(bob.ID, "⛔ You can't use this bot any more.")
	h.say(bob, "/files")
	h.confirmed(h.say(bob, "/help"))
	h.stop()
	h.start() // a restart forgets nothing: Bob was told
	h.confirmed(h.say(bob, "/start"))
	assert.Equal(t, before+1, h.messagesTo(bob.ID), "one short answer, and nothing else")
	assert.Contains(t, h.statsOf(alice), "⛔ Banned users: 1")

	h.press(alice, "🗑 Delete their 1 file")
	h.waitEdit(alice.ID, "🗑 Delete the 1 file of Bob · 2002 for good? This cannot be undone.")
	h.press(alice, "🗑 Yes, delete them forever")
	h.waitEdit(alice.ID, "🗑 Deleted for good: 1 file.")
	assert.Contains(t, h.statsOf(alice), "none yet", "Bob's file is gone")

	h.say(alice, fmt.Sprint("/unban ", bob.ID))
	h.waitMessage(alice.ID, "✅ Bob · 2002 is unbanned: they can use the bot again.")
	h.say(bob, "/start")
	h.waitMessage(bob.ID, "Hi, Bob")
}

// TestAFloodIsDroppedAndTheFlooderToldOnce: over RATE_LIMIT_UPDATES in RATE_LIMIT_WINDOW the
// updates of one user are dropped (and confirmed, so polling moves on); they are told once to slow
// down, another user is served meanwhile, and /stats counts them.
func TestAFloodIsDroppedAndTheFlooderToldOnce(t *testing.T) {
	t.Setenv("ADMIN_IDS", fmt.Sprint(alice.ID))
	t.Setenv("RATE_LIMIT_UPDATES", "20")
	t.Setenv("RATE_LIMIT_WINDOW", "1m")
	h := newHarness(t)

	var last models.Update
	for range 100 {
		last = h.api.SendText(carol, "/help")
	}
	h.say(bob, "/start")
	h.waitMessage(bob.ID, "Hi, Bob")
	h.confirmed(last)
	slow := h.count(func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && strings.HasPrefix(c.Params["text"], "🐢 Slow down, please")
	})
	assert.Equal(t, 1, slow, "told once to slow down")
	assert.Equal(t, 21, h.messagesTo(carol.ID), "20 answers within the limit, and the warning")
	stats := h.statsOf(alice)
	t.Logf("/stats:\n%s", stats)
	assert.Contains(t, stats, "🐢 Users over the rate limit in the last hour: 1")
}

// TestAFloodOverTheWebhookIsAnswered200AndDropped: in webhook mode a dropped update is answered
// 200 at once (Telegram must not deliver it again) and leaves nothing in the database, not even
// its claim.
func TestAFloodOverTheWebhookIsAnswered200AndDropped(t *testing.T) {
	t.Setenv("RATE_LIMIT_UPDATES", "20")
	t.Setenv("RATE_LIMIT_WINDOW", "1m")
	w := newWebhookWorld(t)
	a := w.start("a")
	w.front.forwardTo(a)

	for range 60 {
		w.api.SendText(carol, "/help")
	}
	w.api.SendText(bob, "/start")
	w.api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(bob.ID) && strings.Contains(c.Params["text"], "Hi, Bob")
	})
	require.Eventually(t, func() bool { return w.front.answered(200) == 61 }, wait, 10*time.Millisecond, "every delivery answered 200")
	assert.Equal(t, 21, count(t, w.dbURL, "SELECT count(*) FROM processed_updates"), "20 of Carol's and Bob's: the 40 dropped left no claim")
	said := 0
	for _, c := range w.api.CallsTo("sendMessage") {
		if c.Params["chat_id"] == fmt.Sprint(carol.ID) {
			said++
		}
	}
	assert.Equal(t, 21, said, "20 answers and one warning")
	_, metrics := get(t, a.url("/metrics"))
	assert.Contains(t, metrics, `filekeeper_updates_total{outcome="dropped",type="message"} 40`)
}
