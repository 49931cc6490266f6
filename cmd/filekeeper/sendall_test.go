package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/config"
)

// mixedLibrary is what ⬇ Send all sends back of alice's 23 files, newest first as the list shows
// them: each string a kind, and how the kinds go (sendMediaGroup where Telegram allows: photos
// with videos; documents with documents; audio with audio; at most ten; voice notes, GIFs and
// video notes alone; a group of one as its own kind of message).
var mixedLibrary = []string{
	"photo", "video", "photo", // one album
	"voice",
	"document", "document", // one album
	"audio",
	"photo", "photo", "photo", "photo", "photo", "photo", "photo", "photo", "photo", "photo", "photo", "photo", // 10 + 2
	"animation", "video_note",
	"audio", "audio",
}

// mixedBatches is how mixedLibrary arrives: each a call, its files by index.
var mixedBatches = [][]int{{0, 1, 2}, {3}, {4, 5}, {6}, {7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {17, 18}, {19}, {20}, {21, 22}}

// fastConfig is the harness's configuration with no pacing: files are kept quickly.
func fastConfig(h *harness) config.Config {
	cfg := h.config()
	cfg.FloodChatPerSec, cfg.FloodGlobalPerSec, cfg.FloodGroupPerMin = 0, 0, 0
	return cfg
}

// telegramPace is the harness's configuration with Telegram's limits (the tests' own are lifted):
// 30 calls a second, 1 message a second in a chat after a burst of 3.
func telegramPace(h *harness) config.Config {
	cfg := h.config()
	cfg.FloodGlobalPerSec, cfg.FloodChatPerSec, cfg.FloodChatBurst, cfg.FloodGroupPerMin = 30, 1, 3, 20
	return cfg
}

// keepMixedLibrary has alice keep mixedLibrary (oldest first: the last of it first) and returns
// the file id each goes back with, in mixedLibrary's order.
func keepMixedLibrary(t *testing.T, h *harness) []string {
	t.Helper()
	ids := make([]string, len(mixedLibrary))
	var last models.Update
	for i := len(mixedLibrary) - 1; i >= 0; i-- {
		var upd models.Update
		ids[i], upd = sendKind(h, mixedLibrary[i], i)
		last = upd
	}
	h.api.WaitForCall(t, 2*wait, repliesTo(alice.ID, last.Message.ID))
	return ids
}

// sendKind has alice send a file of kind k, number i, and returns its file id and the update.
func sendKind(h *harness, k string, i int) (string, models.Update) {
	id, u := h.api.NewFileIDs()
	name := fmt.Sprintf("f%02d", i)
	switch k {
	case "photo":
		return id, h.api.SendPhoto(alice, []models.PhotoSize{{FileID: id, FileUniqueID: u, Width: 800, Height: 600, FileSize: 5000}}, "")
	case "video":
		return id, h.api.SendVideo(alice, models.Video{FileID: id, FileUniqueID: u, FileName: name + ".mp4", MimeType: "video/mp4", FileSize: 5000}, "")
	case "voice":
		return id, h.api.SendVoice(alice, models.Voice{FileID: id, FileUniqueID: u, MimeType: "audio/ogg", FileSize: 400})
	case "audio":
		return id, h.api.SendAudio(alice, models.Audio{FileID: id, FileUniqueID: u, Title: name, MimeType: "audio/mpeg", FileSize: 3000}, "")
	case "animation":
		return id, h.api.SendAnimation(alice, models.Animation{FileID: id, FileUniqueID: u, FileName: name + ".mp4", MimeType: "video/mp4", FileSize: 100})
	case "video_note":
		return id, h.api.SendVideoNote(alice, models.VideoNote{FileID: id, FileUniqueID: u, Length: 240, FileSize: 300})
	}
	return id, h.api.SendDocument(alice, models.Document{FileID: id, FileUniqueID: u, FileName: name + ".pdf", MimeType: "application/pdf", FileSize: 100}, "")
}

// sentBack is every file the bot sent alice after the mark, as the calls that sent them: each
// call's file ids, in order.
func sentBack(h *harness) [][]string {
	var out [][]string
	for _, c := range h.api.Calls() {
		if c.Seq <= h.mark || c.Err != nil || c.Params["chat_id"] != fmt.Sprint(alice.ID) {
			continue
		}
		if c.Method == "sendMediaGroup" {
			var media []struct{ Media string }
			if json.Unmarshal([]byte(c.Params["media"]), &media) == nil {
				var ids []string
				for _, m := range media {
					ids = append(ids, m.Media)
				}
				out = append(out, ids)
			}
			continue
		}
		if k, ok := strings.CutPrefix(c.Method, "send"); ok && k != "Message" && k != "ChatAction" {
			out = append(out, []string{c.Params[snake(k)]})
		}
	}
	return out
}

// snake is a method's kind as its parameter is named: VideoNote -> video_note.
func snake(k string) string {
	var b strings.Builder
	for i, r := range k {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// openAll opens alice's list of every file.
func openAll(h *harness) {
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 23 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "on this page")
}

func waitSent(h *harness, text string) tgtest.Call {
	h.t.Helper()
	return h.api.WaitForCall(h.t, 6*wait, h.after(func(c tgtest.Call) bool {
		return c.Method == "editMessageText" && c.Params["chat_id"] == fmt.Sprint(alice.ID) && strings.Contains(c.Params["text"], text)
	}))
}

// ⬇ Send all on the list of every file: 23 files of every kind come back complete, in the list's
// order, grouped as Telegram allows, under one message that counts them and ends with a summary;
// a second press while it runs is told so.
func TestSendAllSendsAMixedListInOrderAndGroupedAsTelegramAllows(t *testing.T) {
	h := &harness{t: t, api: tgtest.NewServer(), dbURL: pgtest.NewDatabase(t)}
	t.Cleanup(h.api.Close)
	h.startAs(fastConfig(h))
	ids := keepMixedLibrary(t, h)
	h.stop()
	h.startAs(telegramPace(h))
	openAll(h)

	h.press(alice, "⬇ Send all")
	started, from := time.Now(), h.mark
	h.waitAnswer("Sending…")
	h.waitMessage(alice.ID, "⬇ Sending 0 of 23…")
	h.press(alice, "⬇ Send all")
	h.waitAnswer("⬇ Your files are already being sent: wait for them, or press ✖ Stop under that message.")
	h.mark = from
	waitSent(h, "✅ Sent: 23 files.")
	t.Logf("23 files sent back in %s", time.Since(started).Round(100*time.Millisecond))

	logPace(h)
	assert.Equal(t, groupsOf(ids), sentBack(h), "every file once, in order, in the groups Telegram allows")
	assert.Equal(t, 0, h.count(func(c tgtest.Call) bool { return c.Err != nil && c.Method == "sendMediaGroup" }), "no group refused")
}

// logPace logs when each call to alice after the mark arrived.
func logPace(h *harness) {
	for _, c := range h.api.Calls() {
		if c.Seq > h.mark && c.Params["chat_id"] == fmt.Sprint(alice.ID) {
			h.t.Logf("%s %s %q", c.At.Format("15:04:05.000"), c.Method, c.Params["text"])
		}
	}
}

// groupsOf is mixedBatches as the file ids of ids.
func groupsOf(ids []string) [][]string {
	var want [][]string
	for _, b := range mixedBatches {
		var g []string
		for _, i := range b {
			g = append(g, ids[i])
		}
		want = append(want, g)
	}
	return want
}

// startSendAll keeps the mixed library, restarts at Telegram's pace and presses ⬇ Send all on
// the list of every file; it returns the file ids and the mark before the press.
func startSendAll(t *testing.T, h *harness) ([]string, int) {
	t.Helper()
	h.startAs(fastConfig(h))
	ids := keepMixedLibrary(t, h)
	h.stop()
	h.startAs(telegramPace(h))
	openAll(h)
	h.press(alice, "⬇ Send all")
	from := h.mark
	h.waitMessage(alice.ID, "⬇ Sending 0 of 23…")
	return ids, from
}

// A restart in the middle of a send-all goes on where it stopped, in the same message: every
// file arrives, in order, and none twice but the group that was on its way (a graceful stop
// lets it finish: none at all).
func TestSendAllGoesOnAfterARestart(t *testing.T) {
	h := &harness{t: t, api: tgtest.NewServer(), dbURL: pgtest.NewDatabase(t)}
	t.Cleanup(h.api.Close)
	ids, from := startSendAll(t, h)
	waitSent(h, "⬇ Sending 7 of 23…")
	h.stop()
	sentBefore := len(sentBack(h))
	h.startAs(telegramPace(h))
	h.mark = from
	waitSent(h, "✅ Sent: 23 files.")

	got := sentBack(h)
	var deduped [][]string
	for i, g := range got {
		if i > 0 && slices.Equal(g, got[i-1]) {
			continue // the group on its way at the restart, sent again
		}
		deduped = append(deduped, g)
	}
	t.Logf("%d of %d groups sent before the restart; %d sent again", sentBefore, len(mixedBatches), len(got)-len(deduped))
	assert.Less(t, sentBefore, len(mixedBatches), "the restart came in the middle")
	assert.Equal(t, groupsOf(ids), deduped, "every file, in order, in its group")
	assert.LessOrEqual(t, len(got)-len(deduped), 1, "at most the group on its way is sent twice")
	assert.Equal(t, 1, h.count(func(c tgtest.Call) bool {
		return c.Seq > from && c.Method == "sendMessage" && strings.HasPrefix(c.Params["text"], "⬇ Sending")
	}), "one progress message, edited across the restart")
}

// ✖ Stop under the progress message stops the send-all: no group goes after the one on its way,
// and the message says how many were sent.
func TestSendAllStopsOnStop(t *testing.T) {
	h := &harness{t: t, api: tgtest.NewServer(), dbURL: pgtest.NewDatabase(t)}
	t.Cleanup(h.api.Close)
	_, from := startSendAll(t, h)
	h.press(alice, "✖ Stop")
	h.waitEdit(alice.ID, "✖ Stopped: ")
	require.Eventually(t, func() bool {
		return count(t, h.dbURL, "SELECT count(*) FROM river_job WHERE kind = 'send_all' AND state NOT IN ('completed', 'cancelled', 'discarded')") == 0
	}, 2*wait, 20*time.Millisecond, "no step of the send is left to run")

	sent := count(t, h.dbURL, "SELECT sent FROM bulk_sends")
	h.mark = from
	files := 0
	for _, g := range sentBack(h) {
		files += len(g)
	}
	assert.Equal(t, sent, files, "the files sent are the ones recorded")
	assert.Less(t, files, len(mixedLibrary), "it stopped before the end")
	var progress string
	for _, m := range h.api.Messages(alice.ID) {
		if strings.HasPrefix(m.Text, "✖ Stopped") || strings.HasPrefix(m.Text, "⬇ Sending") {
			progress = m.Text
		}
	}
	t.Logf("after ✖ Stop: %q", progress)
	assert.Equal(t, fmt.Sprintf("✖ Stopped: %d of 23 sent.", files), progress, "the message says how far it got")
	assert.Equal(t, "1", fmt.Sprint(count(t, h.dbURL, "SELECT count(*) FROM bulk_sends WHERE state = 'stopped'")))
}
