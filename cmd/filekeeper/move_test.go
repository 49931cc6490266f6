package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/config"
)

// startAs runs a new instance of the application with cfg, as a restart would.
func (h *harness) startAs(cfg config.Config) {
	h.t.Helper()
	h.app = fx.New(Options(cfg, zaptest.NewLogger(h.t, zaptest.Level(zap.WarnLevel))))
	require.NoError(h.t, h.app.Err())
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	require.NoError(h.t, h.app.Start(ctx))
	h.t.Cleanup(h.stop)
}

// libraryOfEveryKind sends alice's files of every kind, each waited for; it returns the labels
// of their buttons in the list and the method each goes back with.
func libraryOfEveryKind(t *testing.T, h *harness) map[string]string {
	t.Helper()
	ids := h.api.NewFileIDs
	f := func() (string, string) { return ids() }
	sends := []func() models.Update{
		func() models.Update {
			id, u := f()
			return h.api.SendDocument(alice, models.Document{FileID: id, FileUniqueID: u, FileName: "report.pdf", MimeType: "application/pdf", FileSize: 2048}, "Q3")
		},
		func() models.Update {
			id1, u1 := f()
			id2, u2 := f()
			return h.api.SendPhoto(alice, []models.PhotoSize{{FileID: id1, FileUniqueID: u1, Width: 90, Height: 90, FileSize: 1000}, {FileID: id2, FileUniqueID: u2, Width: 1280, Height: 960, FileSize: 90000}}, "")
		},
		func() models.Update {
			id, u := f()
			return h.api.SendVideo(alice, models.Video{FileID: id, FileUniqueID: u, FileName: "trip.mp4", MimeType: "video/mp4", FileSize: 5 << 20}, "")
		},
		func() models.Update {
			id, u := f()
			return h.api.SendAudio(alice, models.Audio{FileID: id, FileUniqueID: u, Performer: "Nina", Title: "Song", MimeType: "audio/mpeg", FileSize: 3 << 20}, "")
		},
		func() models.Update {
			id, u := f()
			return h.api.SendVoice(alice, models.Voice{FileID: id, FileUniqueID: u, MimeType: "audio/ogg", FileSize: 4000})
		},
		func() models.Update {
			id, u := f()
			return h.api.SendAnimation(alice, models.Animation{FileID: id, FileUniqueID: u, FileName: "dance.mp4", MimeType: "video/mp4", FileSize: 100})
		},
		func() models.Update {
			id, u := f()
			return h.api.SendVideoNote(alice, models.VideoNote{FileID: id, FileUniqueID: u, Length: 240, FileSize: 300})
		},
	}
	for _, send := range sends {
		upd := send()
		h.api.WaitForCall(t, wait, repliesTo(alice.ID, upd.Message.ID))
	}
	return map[string]string{
		"📄 report.pdf": "sendDocument", "🖼 photo_": "sendPhoto", "🎬 trip.mp4": "sendVideo", "🎵 Nina": "sendAudio",
		"🎙 voice_": "sendVoice", "🎞 dance.mp4": "sendAnimation", "⏺ video_note_": "sendVideoNote",
	}
}

// getBack presses a file's button in the list and its ⬇ Get, and returns the call that sent it.
func getBack(t *testing.T, h *harness, label string, files int) tgtest.Call {
	t.Helper()
	h.press(alice, label)
	h.waitEdit(alice.ID, "Kind: ")
	h.press(alice, "⬇ Get")
	sent := h.api.WaitForCall(t, wait, h.after(func(c tgtest.Call) bool {
		return strings.HasPrefix(c.Method, "send") && c.Method != "sendMessage" && c.Params["chat_id"] == "1001"
	}))
	h.press(alice, "◀ Back")
	h.waitEdit(alice.ID, " on this page")
	return sent
}

// waitCopies waits until n files have a copy in the storage chat.
func waitCopies(t *testing.T, h *harness, n int) {
	t.Helper()
	require.Eventually(t, func() bool {
		return count(t, h.dbURL, "SELECT count(*) FROM files WHERE storage_message_id IS NOT NULL") == n
	}, 2*wait, 20*time.Millisecond, "every file gets its copy")
}

func TestALibraryOfEveryKindMovesToANewBot(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	api.Channel(storageChat, "File Keeper storage")
	h := &harness{t: t, api: api, dbURL: pgtest.NewDatabase(t)}
	cfg := h.config()
	cfg.StorageChatID = storageChat
	h.startAs(cfg)
	kinds := libraryOfEveryKind(t, h)
	waitCopies(t, h, len(kinds))

	posts := api.Messages(storageChat)
	require.Len(t, posts, len(kinds), "one copy per file")
	var captions []string
	for _, p := range posts {
		captions = append(captions, p.Caption)
	}
	assert.Contains(t, strings.Join(captions, "\n"), "@alice (1001) · report.pdf · document · #", "a copy tells whose file it is")
	h.stop()

	// The operator moves to a new bot: another token, the same database, the new bot made an
	// administrator of the storage chat.
	_, err := api.ChangeBot(botapi.OtherToken)
	require.NoError(t, err)
	api.SetBotStatus(alice, storageChat, models.ChatMemberTypeAdministrator)
	cfg.BotToken = botapi.OtherToken
	h.startAs(cfg)

	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 7 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "7 on this page")
	lazily := []string{"📄 report.pdf", "🖼 photo_", "🎬 trip.mp4"}
	for _, label := range lazily {
		sent := getBack(t, h, label, len(kinds))
		assert.Equal(t, kinds[label], sent.Method, label)
		assert.Nil(t, sent.Err, "%s: %v", label, sent.Err)
	}
	assert.Len(t, api.CallsTo("forwardMessage"), len(lazily), "the first send of each takes a file id from its copy")

	var out bytes.Buffer
	require.Equal(t, exitOK, rebind(cfg, &out), out.String())
	assert.Contains(t, out.String(), "rebound 4 files to this bot")
	assert.Contains(t, out.String(), "0 kept by another bot have no copy")

	forwards := len(api.CallsTo("forwardMessage"))
	for label, method := range kinds {
		sent := getBack(t, h, label, len(kinds))
		assert.Equal(t, method, sent.Method, label)
		assert.Nil(t, sent.Err, "%s: %v", label, sent.Err)
	}
	assert.Len(t, api.CallsTo("forwardMessage"), forwards, "rebound, every file goes by a file id of the new bot")
	assert.Len(t, api.Messages(storageChat), len(kinds), "the forwards are gone: still one copy per file")
	assert.Zero(t, count(t, h.dbURL, "SELECT count(*) FROM files WHERE bot_id <> $1", botapi.OtherBotID))

	h.say(alice, "/profile")
	h.waitMessage(alice.ID, "🗄 Copies in the storage chat: 7")
}
