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

func TestStartGreetsByNameWithTheMainMenu(t *testing.T) {
	h := newHarness(t)

	commands := h.api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "setMyCommands" })
	for _, cmd := range []string{`"start"`, `"files"`, `"help"`} {
		assert.Contains(t, commands.Params["commands"], cmd)
	}

	h.say(alice, "/start")
	greeting := h.waitMessage(alice.ID, "Hi, Alice!")
	for _, label := range []string{"📤 Upload", "📂 My files", "❓ Help"} {
		assert.Contains(t, greeting.Params["reply_markup"], label)
	}

	h.press(alice, "❓ Help")
	h.waitEdit(alice.ID, "File Keeper keeps your files")
	h.say(alice, "/help")
	h.waitMessage(alice.ID, "Send me any file")
}

func TestEveryKindOfFileIsSavedAndSorted(t *testing.T) {
	h := newHarness(t)
	ids := func() (string, string) { return h.api.NewFileIDs() }

	cases := []struct {
		send func() models.Update
		want string
	}{
		{func() models.Update {
			f, u := ids()
			return h.api.SendDocument(alice, models.Document{FileID: f, FileUniqueID: u, FileName: "report.pdf", MimeType: "application/pdf", FileSize: 2048}, "Q3")
		}, "✅ Saved document “report.pdf” (2.0 KB)"},
		{func() models.Update {
			f, u := ids()
			return h.api.SendDocument(alice, models.Document{FileID: f, FileUniqueID: u, FileName: "cat.png", MimeType: "image/png", FileSize: 10}, "")
		}, "✅ Saved photo “cat.png”"},
		{func() models.Update {
			f1, u1 := ids()
			f2, u2 := ids()
			return h.api.SendPhoto(alice, []models.PhotoSize{{FileID: f1, FileUniqueID: u1, Width: 90, Height: 90, FileSize: 1000}, {FileID: f2, FileUniqueID: u2, Width: 1280, Height: 960, FileSize: 90000}}, "")
		}, "✅ Saved photo “photo_"},
		{func() models.Update {
			f, u := ids()
			return h.api.SendVideo(alice, models.Video{FileID: f, FileUniqueID: u, FileName: "trip.mp4", MimeType: "video/mp4", FileSize: 5 << 20}, "")
		}, "✅ Saved video “trip.mp4” (5.0 MB)"},
		{func() models.Update {
			f, u := ids()
			return h.api.SendAudio(alice, models.Audio{FileID: f, FileUniqueID: u, Performer: "Nina", Title: "Song", MimeType: "audio/mpeg", FileSize: 3 << 20}, "")
		}, "✅ Saved audio “Nina – Song”"},
		{func() models.Update {
			f, u := ids()
			return h.api.SendVoice(alice, models.Voice{FileID: f, FileUniqueID: u, MimeType: "audio/ogg", FileSize: 4000})
		}, "✅ Saved voice note “voice_"},
		{func() models.Update {
			f, u := ids()
			return h.api.SendAnimation(alice, models.Animation{FileID: f, FileUniqueID: u, FileName: "dance.mp4", MimeType: "video/mp4", FileSize: 100})
		}, "✅ Saved GIF “dance.mp4”"},
		{func() models.Update {
			f, u := ids()
			return h.api.SendVideoNote(alice, models.VideoNote{FileID: f, FileUniqueID: u, Length: 240, FileSize: 300})
		}, "✅ Saved video note “video_note_"},
	}
	for _, tc := range cases {
		upd := tc.send()
		reply := h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
		assert.Contains(t, reply.Params["text"], tc.want)
	}

	h.say(alice, "/files")
	menu := h.waitMessage(alice.ID, "Your files: 8 in all")
	for _, label := range []string{"All (8)", "Documents (1)", "Photos (2)", "Videos (1)", "Audio (1)", "Voice notes (1)", "GIFs (1)", "Video notes (1)"} {
		assert.Contains(t, menu.Params["reply_markup"], label)
	}

	// Each file goes back with the method of the media type it came as.
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "8 on this page")
	for label, method := range map[string]string{
		"📄 report.pdf": "sendDocument", "🖼 cat.png": "sendDocument", "🖼 photo_": "sendPhoto", "🎬 trip.mp4": "sendVideo",
		"🎵 Nina": "sendAudio", "🎙 voice_": "sendVoice", "🎞 dance.mp4": "sendAnimation", "⏺ video_note_": "sendVideoNote",
	} {
		h.press(alice, label)
		h.waitEdit(alice.ID, "Kind: ")
		h.press(alice, "⬇ Get")
		sent := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool { return strings.HasPrefix(c.Method, "send") && c.Method != "sendMessage" }))
		assert.Equal(t, method, sent.Method, label)
		assert.Nil(t, sent.Err, "%s: %v", label, sent.Err)
		h.press(alice, "◀ Back")
		h.waitEdit(alice.ID, "8 on this page")
	}
}

func TestTheSameFileSentTwiceIsKeptOnce(t *testing.T) {
	h := newHarness(t)
	fileID, uniqueID, first := h.sendDocument(alice, "notes.txt", "text/plain", 12)
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, first.Message.ID))

	again := h.api.SendDocument(alice, models.Document{FileID: fileID + "-refreshed", FileUniqueID: uniqueID, FileName: "notes.txt", MimeType: "text/plain", FileSize: 12}, "")
	reply := h.api.WaitForCall(t, wait, repliesTo(alice.ID, again.Message.ID))
	assert.Contains(t, reply.Params["text"], "Already saved: document “notes.txt”")

	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 1 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "1 on this page")
	h.press(alice, "📄 notes.txt")
	h.waitEdit(alice.ID, "notes.txt\nKind: document · 12 B")
	h.press(alice, "⬇ Get")
	sent := h.api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendDocument" })
	assert.Equal(t, fileID+"-refreshed", sent.Params["document"], "the refreshed file_id is the one sent back")
}

func TestBrowsingPagesThroughFilesNewestFirstAndSendsOneBack(t *testing.T) {
	h := newHarness(t)
	var last models.Update
	for i := 1; i <= 19; i++ {
		_, _, last = h.sendDocument(alice, fmt.Sprintf("file-%02d.pdf", i), "application/pdf", int64(i*1000))
	}
	f, u := h.api.NewFileIDs()
	photo := h.api.SendPhoto(alice, []models.PhotoSize{{FileID: f, FileUniqueID: u, Width: 800, Height: 600, FileSize: 5000}}, "sunset")
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, photo.Message.ID))
	h.api.WaitForCall(t, wait, repliesTo(alice.ID, last.Message.ID))

	h.say(alice, "/start")
	h.waitMessage(alice.ID, "Hi, Alice")
	menuID := h.lastMessage(alice.ID).ID
	h.press(alice, "📂 My files")
	h.waitEdit(alice.ID, "Your files: 20 in all")

	h.press(alice, "📄 Documents (19)")
	page1 := h.waitEdit(alice.ID, "Documents — 8 on this page")
	assert.Equal(t, fmt.Sprint(menuID), page1.Params["message_id"], "navigation edits the message in place")
	assert.Contains(t, page1.Params["reply_markup"], "file-19.pdf")
	assert.Contains(t, page1.Params["reply_markup"], "file-12.pdf")
	assert.NotContains(t, page1.Params["reply_markup"], "file-11.pdf")
	assert.NotContains(t, page1.Params["reply_markup"], "◀ Prev")

	h.press(alice, "Next ▶")
	page2 := h.waitEdit(alice.ID, "Documents — 8 on this page")
	assert.Contains(t, page2.Params["reply_markup"], "file-11.pdf")
	assert.Contains(t, page2.Params["reply_markup"], "file-04.pdf")
	assert.Contains(t, page2.Params["reply_markup"], "◀ Prev")
	h.press(alice, "Next ▶")
	page3 := h.waitEdit(alice.ID, "Documents — 3 on this page")
	assert.Contains(t, page3.Params["reply_markup"], "file-01.pdf")
	assert.NotContains(t, page3.Params["reply_markup"], "Next ▶")

	h.press(alice, "◀ Prev")
	again2 := h.waitEdit(alice.ID, "Documents — 8 on this page")
	assert.Contains(t, again2.Params["reply_markup"], "file-11.pdf")
	h.press(alice, "◀ Prev")
	back := h.waitEdit(alice.ID, "Documents — 8 on this page")
	assert.Contains(t, back.Params["reply_markup"], "file-19.pdf")
	assert.NotContains(t, back.Params["reply_markup"], "◀ Prev")

	h.press(alice, "⬅ Kinds")
	h.waitEdit(alice.ID, "Your files: 20 in all")
	h.press(alice, "🖼 Photos (1)")
	h.waitEdit(alice.ID, "Photos — 1 on this page")
	h.press(alice, "🖼 sunset") // listed under its caption: its name was made up
	card := h.waitEdit(alice.ID, "Caption: sunset")
	assert.Contains(t, card.Params["text"], "Kind: photo · 4.9 KB\nCategory: none")
	h.press(alice, "⬇ Get")
	h.waitAnswer("Sending…")
	sent := h.api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendPhoto" })
	assert.Equal(t, f, sent.Params["photo"])
	assert.Equal(t, "sunset", sent.Params["caption"], "⬇ Get sends the user's caption")
	assert.Equal(t, fmt.Sprint(alice.ID), sent.Params["chat_id"])
}

func TestAnotherUsersReplayedButtonNeverReachesTheFile(t *testing.T) {
	h := newHarness(t)
	h.sendDocument(alice, "secret.pdf", "application/pdf", 100)
	h.waitMessage(alice.ID, "secret.pdf")
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 1 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "1 on this page")
	kb := keyboardOf(t, h.lastMessage(alice.ID))
	secretButton := kb.InlineKeyboard[0][0].CallbackData

	// Bob replays Alice's button data from his own chat.
	h.say(bob, "/start")
	h.waitMessage(bob.ID, "Hi, Bob")
	h.api.PressButton(bob, h.lastMessage(bob.ID), secretButton)
	h.waitAnswer("That file isn't in your library.")
	assert.Zero(t, h.count(func(c tgtest.Call) bool { return strings.HasPrefix(c.Method, "send") && c.Method != "sendMessage" }),
		"no file was sent to anyone")

	h.say(bob, "/files")
	h.waitMessage(bob.ID, "Your library is empty")
}

func TestForgedAndStaleButtonsGetAPoliteAnswer(t *testing.T) {
	h := newHarness(t)
	h.say(alice, "/start")
	h.waitMessage(alice.ID, "Hi, Alice")
	menu := h.lastMessage(alice.ID)
	for _, data := range []string{"hack", "1|f|zzzzzzzzzzzzz", "0|m", "1|l|x|n|0"} {
		h.api.PressButton(alice, menu, data)
	}
	h.api.WaitForCalls(t, wait, 4, func(c tgtest.Call) bool {
		return c.Method == "answerCallbackQuery" && strings.Contains(c.Params["text"], "out of date")
	})
	h.api.PressButton(alice, menu, "1|f|zz")
	h.waitAnswer("That file is no longer in your library.")
}

func TestMessagesThatAreNotFilesGetAHint(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name string
		send func() models.Update
		want string
	}{
		{"plain text", func() models.Update { return h.say(alice, "hello there") }, "I keep files."},
		{"an unknown command", func() models.Update { return h.say(alice, "/frobnicate") }, "I don't know the command /frobnicate"},
		{"a sticker", func() models.Update {
			f, u := h.api.NewFileIDs()
			return h.api.SendSticker(alice, models.Sticker{FileID: f, FileUniqueID: u, Type: "regular"})
		}, "Stickers can't be kept"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.send()
			h.waitMessage(alice.ID, tc.want)
		})
	}
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your library is empty")
}

func TestRestartLosesNothingAndHandlesNothingTwice(t *testing.T) {
	h := newHarness(t)
	users := []models.User{alice, bob, {ID: 3003, FirstName: "Carol"}}
	var sent []models.Update
	send := func(n int) {
		for i := 0; i < n; i++ {
			u := users[i%len(users)]
			_, _, upd := h.sendDocument(u, fmt.Sprintf("doc-%d-%d.pdf", u.ID, len(sent)), "application/pdf", 10)
			sent = append(sent, upd)
		}
	}
	send(30)
	// Stop as soon as the first replies arrive: some updates are handled, the rest wait.
	h.api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })
	h.stop()
	require.Positive(t, h.api.Pending(), "the stop left updates for the next instance")
	send(15)

	// A crash after commit but before the offset was confirmed delivers handled updates again.
	h.api.Enqueue(sent[0])
	h.start()

	for _, upd := range sent {
		h.api.WaitForCall(t, wait, repliesTo(upd.Message.Chat.ID, upd.Message.ID))
	}
	h.stop()
	for _, upd := range sent {
		n := h.count(repliesTo(upd.Message.Chat.ID, upd.Message.ID))
		require.Equal(t, 1, n, "update %d (message %d in chat %d) got %d replies", upd.ID, upd.Message.ID, upd.Message.Chat.ID, n)
	}
	assert.Zero(t, h.api.Pending(), "every update was confirmed")
	assertRepliesInOrder(t, h.api.Calls())

	h.start()
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 15 in all")
}

// assertRepliesInOrder checks that each chat's files were answered in the order they were sent.
func assertRepliesInOrder(t *testing.T, calls []tgtest.Call) {
	t.Helper()
	last := map[string]int{}
	for _, c := range calls {
		id := quotedID(c)
		if c.Method != "sendMessage" || id == 0 {
			continue
		}
		chat := c.Params["chat_id"]
		assert.Greater(t, id, last[chat], "chat %s answered out of order", chat)
		last[chat] = id
	}
}
