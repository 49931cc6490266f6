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

// TestStatsAreForAdminsOnly: an admin (ADMIN_IDS) gets the bot's numbers, which count a user
// who blocked the bot until they write again; anyone else is told there is no such command.
func TestStatsAreForAdminsOnly(t *testing.T) {
	t.Setenv("ADMIN_IDS", fmt.Sprint(alice.ID))
	h := newHarness(t)

	h.sendDocument(alice, "report.pdf", "application/pdf", 2048)
	h.waitMessage(alice.ID, "Saved document")
	h.say(bob, "/start")
	h.waitMessage(bob.ID, "Hi, Bob")

	h.say(alice, "/stats")
	stats := h.waitMessage(alice.ID, "📊 File Keeper").Params["text"]
	for _, want := range []string{"Users: 2 — active in 24 h: 2, in 7 days: 2; blocked the bot: 0", "1 file, 2.0 KB in all", "📄 Documents: 1 · 2.0 KB", "⚡ Updates: ", "🚦 429 answers in the last hour: 0"} {
		assert.Contains(t, stats, want)
	}

	h.say(bob, "/stats")
	refusal := h.waitMessage(bob.ID, "I don't know the command /stats")
	assert.NotContains(t, refusal.Params["text"], "Users")

	// Bob blocks the bot: the answer to his last message is refused, and he counts as blocked.
	h.api.Block(bob.ID)
	refused := h.say(bob, "/help")
	h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return c.Err != nil && c.Params["chat_id"] == fmt.Sprint(bob.ID) }))
	// The mark is made before the update counts as handled, so once it is confirmed it is there.
	require.Eventually(t, func() bool { return h.api.ConfirmedOffset() > refused.ID }, wait, 10*time.Millisecond)
	assert.Contains(t, h.statsOf(alice), "blocked the bot: 1")

	// He comes back: the mark is gone.
	h.api.Unblock(bob.ID)
	h.say(bob, "/help")
	h.waitMessage(bob.ID, "File Keeper keeps your files")
	assert.Contains(t, h.statsOf(alice), "blocked the bot: 0")
}

// statsOf asks for /stats as user and returns the answer.
func (h *harness) statsOf(user models.User) string {
	h.t.Helper()
	h.say(user, "/stats")
	return h.waitMessage(user.ID, "📊 File Keeper").Params["text"]
}
