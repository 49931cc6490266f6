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

const (
	teamGroup  int64 = -4001
	otherGroup int64 = -1001234567890
	newsID     int64 = -1009876543210
)

// toChat matches the calls that write into chatID.
func toChat(chatID int64) func(tgtest.Call) bool {
	return func(c tgtest.Call) bool { return c.Params["chat_id"] == fmt.Sprint(chatID) }
}

// inGroup sends a text into a group as user.
func (h *harness) inGroup(user models.User, chatID int64, text string) models.Update {
	h.mark = h.api.LastSeq()
	return h.api.SendTextInGroup(user, chatID, text)
}

// privateButton checks a message offers exactly the button that opens the private chat.
func privateButton(t *testing.T, c tgtest.Call) {
	t.Helper()
	assert.JSONEq(t, `{"inline_keyboard":[[{"text":"💬 Open File Keeper","url":"https://t.me/filekeeper_test_bot?start=group"}]]}`,
		stripCopyText(t, c.Params["reply_markup"]))
}

func stripCopyText(t *testing.T, markup string) string {
	t.Helper()
	return strings.ReplaceAll(markup, `,"copy_text":{"text":""}`, "")
}

func TestInGroupsTheBotKeepsNothingAndPointsToThePrivateChat(t *testing.T) {
	h := newHarness(t)
	h.api.Group(teamGroup, "Team")

	// Added to a group, the bot says hello once, with the way to the private chat.
	h.mark = h.api.LastSeq()
	h.api.AddBot(alice, teamGroup)
	hello := h.waitMessage(teamGroup, "Nothing posted here is saved")
	privateButton(t, hello)

	// A member who never started the bot posts a document: nothing is saved, nothing said.
	fileID, uniqueID := h.api.NewFileIDs()
	h.mark = h.api.LastSeq()
	h.api.SendInGroup(bob, teamGroup, models.Message{Document: &models.Document{FileID: fileID, FileUniqueID: uniqueID,
		FileName: "team-plan.pdf", MimeType: "application/pdf", FileSize: 10}, Caption: "for everyone"})
	// /start (addressed to the bot) is answered in the group with the button, quoting it.
	start := h.inGroup(bob, teamGroup, "/start@filekeeper_test_bot")
	answer := h.api.WaitForCall(t, wait, h.after(repliesTo(teamGroup, start.Message.ID)))
	assert.Contains(t, answer.Params["text"], "only in our private chat")
	privateButton(t, answer)
	// A mention is answered the same way; other talk is not.
	h.inGroup(alice, teamGroup, "just chatting about the plan")
	mention := h.inGroup(alice, teamGroup, "@filekeeper_test_bot where are my files?")
	h.api.WaitForCall(t, wait, h.after(repliesTo(teamGroup, mention.Message.ID)))

	// A flow started in private does not take what the user writes in a group.
	h.say(alice, "/search")
	h.waitMessage(alice.ID, "Send me words to look for")
	h.inGroup(alice, teamGroup, "team-plan")
	h.inGroup(alice, teamGroup, "/files")
	h.waitMessage(teamGroup, "only in our private chat")

	// Nothing of it reached a library: Bob (who never started the bot) and Alice have none.
	h.say(alice, "report")
	h.waitMessage(alice.ID, "Nothing found for “report”")
	h.say(bob, "/files")
	h.waitMessage(bob.ID, "Your library is empty")
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your library is empty")

	// Said in the group: the hello and the three answers, no "Saved", no library.
	var said []string
	for _, c := range h.api.Calls() {
		if toChat(teamGroup)(c) {
			said = append(said, c.Method+": "+c.Params["text"])
		}
	}
	require.Len(t, said, 4, "the group got: %q", said)
	for _, s := range said {
		assert.NotContains(t, s, "Saved")
		assert.NotContains(t, s, "team-plan")
	}

	// The button leads to the private chat: /start with its payload is the main menu.
	h.say(bob, "/start group")
	h.waitMessage(bob.ID, "Hi, Bob")
}

func TestAnonymousAdminsAndChannelsReachNoLibrary(t *testing.T) {
	h := newHarness(t)
	h.api.Group(teamGroup, "Team")
	h.api.Group(otherGroup, "Other team")
	h.api.Channel(newsID, "News")

	// Alice keeps a file in her private chat.
	_, _, upd := h.sendDocument(alice, "alice-secret.pdf", "application/pdf", 10)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))

	// Anonymous admins of two groups write as the same account: neither gets any library.
	for _, group := range []int64{teamGroup, otherGroup} {
		fileID, uniqueID := h.api.NewFileIDs()
		h.mark = h.api.LastSeq()
		h.api.SendAsAnonymousAdmin(group, models.Message{Document: &models.Document{FileID: fileID, FileUniqueID: uniqueID,
			FileName: "admin.pdf", MimeType: "application/pdf", FileSize: 10}})
		start := h.api.SendAsAnonymousAdmin(group, models.Message{Text: "/files@filekeeper_test_bot",
			Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Length: 26}}})
		answer := h.api.WaitForCall(t, wait, h.after(repliesTo(group, start.Message.ID)))
		assert.Contains(t, answer.Params["text"], "only in our private chat")
	}

	// A channel post is not kept, and being made a channel's admin posts nothing there.
	fileID, uniqueID := h.api.NewFileIDs()
	h.api.PostInChannel(newsID, models.Message{Document: &models.Document{FileID: fileID, FileUniqueID: uniqueID, FileName: "news.pdf"}})
	h.api.AddBot(alice, newsID)

	// A button pressed on a group message (an old one, or forged) gets a toast and nothing else,
	// whoever presses it.
	groupMsg := h.lastMessage(otherGroup)
	for _, data := range []string{"1|k", "1|l|a|n0", "1|m", "1|f|1"} {
		h.mark = h.api.LastSeq()
		h.api.PressButton(alice, groupMsg, data)
		h.waitAnswer("Your library opens only in your private chat with me.")
	}

	// Proof of the absences above: a later private answer, then nothing went to the shared chats
	// but the two answers, and the library is still only Alice's one file.
	h.say(alice, "/files")
	kinds := h.waitMessage(alice.ID, "Your files: 1 in all")
	assert.NotContains(t, kinds.Params["reply_markup"], "admin.pdf")
	for _, chat := range []int64{teamGroup, otherGroup, newsID} {
		n := h.count(toChat(chat))
		assert.LessOrEqual(t, n, 1, "chat %d got %d messages", chat, n)
	}
	assert.Zero(t, h.count(toChat(newsID)), "nothing is posted in a channel")
	assert.Zero(t, h.count(func(c tgtest.Call) bool { return c.Method == "editMessageText" }), "no group message became a library")
}
