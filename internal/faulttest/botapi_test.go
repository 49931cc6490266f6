package faulttest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// attemptTimeout is the bot's BOT_API_TIMEOUT in these tests: a hung call is given up after it.
const attemptTimeout = time.Second

// The Bot API misbehaves in every way the bot must cope with: 429 with retry_after, 502 from a
// gateway, connections reset (idle ones by a middlebox, and in the middle of a request), and a
// request that never gets an answer. Each phase has every user upload a file (a sendMessage
// reply) and turn a page of their list (answerCallbackQuery, then editMessageText).
//
// A call that fails before reaching the server, or with 429 or 5xx, is repeated: its reply is
// never lost. A sendMessage whose outcome is unknown (sent whole, then reset or unanswered) is
// not repeated by the transport; its reply stays in the outbox and the sweep sends it once its
// lease ends: a "✅ Saved" twice is better than none, so at most one reply is doubled per fault,
// and none is lost. Edits and answers are safe to repeat, so none of theirs is lost.
func TestBotAPIFaultsLoseNoReplyThatCanBeRepeatedAndWaitsAreHonoured(t *testing.T) {
	t.Parallel()
	r := newRig(t, botapi.Options{})
	front := r.proxyAPI()
	r.env = append(r.env, "BOT_API_TIMEOUT="+attemptTimeout.String(), "BOT_API_BACKOFF=50ms", "BOT_API_RETRIES=3")
	w := &world{rig: r, people: users(60_000, 6), lists: map[int64]int{}}
	r.start()
	w.setUp()

	t.Run("429 with retry_after: the call waits that long, then goes through", func(t *testing.T) {
		r.api.FailNext("sendMessage", 1, 429, "", 2)
		r.api.FailNext("answerCallbackQuery", 1, 429, "", 1)
		w.round(t, 0)
		checkWaits(t, r.api.Calls())
	})
	t.Run("502 Bad Gateway: retried", func(t *testing.T) {
		r.faults.failNext("sendMessage", badGateway, 2)
		r.faults.failNext("editMessageText", badGateway, 1)
		r.faults.failNext("answerCallbackQuery", badGateway, 1)
		w.round(t, 0)
	})
	t.Run("idle connections reset by a middlebox: nothing lost", func(t *testing.T) {
		front.Reset()
		w.round(t, 0)
	})
	t.Run("a connection reset mid-request: repeated when that is harmless", func(t *testing.T) {
		r.faults.failNext("editMessageText", reset, 1)
		r.faults.failNext("answerCallbackQuery", reset, 1)
		r.faults.failNext("sendMessage", reset, 1)
		w.round(t, 1)
	})
	t.Run("a hung request: given up after BOT_API_TIMEOUT, repeated when that is harmless", func(t *testing.T) {
		r.faults.failNext("editMessageText", hang, 1)
		r.faults.failNext("answerCallbackQuery", hang, 1)
		r.faults.failNext("sendMessage", hang, 1)
		w.round(t, 1)
		r.waitFor(5*time.Second, "the hung requests given up", r.faults.hangsEnded)
		for _, f := range r.faults.history() {
			if f.fault == hang {
				// Seen from the stand-in, the wait starts when the request arrives, which on a
				// loaded machine is well after the bot's deadline started: half of it is the bound.
				took := f.ended.Sub(f.at)
				assert.True(t, took >= attemptTimeout/2 && took < 3*attemptTimeout,
					"%s hung for %v: given up after BOT_API_TIMEOUT (%v)", f.method, took, attemptTimeout)
			}
		}
	})

	assert.Zero(t, r.faults.pending(), "every fault was met")
	r.waitFor(10*time.Second, "every update confirmed", func() bool { return r.api.Pending() == 0 })
	assert.Equal(t, w.updates, r.processedCount(), "every update handled once")
	r.checkFiles(w.sent)
	_, err := r.current().Stop(10 * time.Second)
	assert.NoError(t, err)
}

// sentinels has every user send /help and waits for every answer. One chat's updates are
// handled in order, so once a user's /help is answered, nothing they sent before it can still
// be answered: that proves an absence without waiting for it.
func (w *world) sentinels() {
	w.t.Helper()
	mark := w.api.LastSeq()
	for _, u := range w.people {
		w.api.SendText(u, "/help")
		w.updates++
	}
	w.waitFor(30*time.Second, "every user's /help answered", func() bool {
		got := map[string]bool{}
		for _, c := range w.api.Calls() {
			if c.Seq > mark && c.Method == "sendMessage" && c.Err == nil && strings.Contains(c.Params["text"], "/files") {
				got[c.Params["chat_id"]] = true
			}
		}
		return len(got) == len(w.people)
	})
}

// world is the users of a test, each with their list of files on screen.
type world struct {
	*rig
	people  []models.User
	lists   map[int64]int // the message showing each user's list
	sent    []upload
	updates int
}

// setUp has every user upload ten files (so their list has two pages) and open it.
func (w *world) setUp() {
	w.t.Helper()
	for range 10 {
		for _, u := range w.people {
			w.sent = append(w.sent, w.sendNew(u))
		}
	}
	w.updates += len(w.sent)
	w.waitFor(30*time.Second, "the first uploads answered", func() bool { return len(replies(w.api.Calls())) == len(w.sent) })
	for _, u := range w.people {
		w.api.SendText(u, "/files")
		w.updates++
	}
	w.waitFor(30*time.Second, "every list shown", func() bool {
		for _, u := range w.people {
			if w.lists[u.ID] = w.listMessage(u.ID); w.lists[u.ID] == 0 {
				return false
			}
		}
		return true
	})
}

// listMessage is the id of the bot's message in chat that shows the user's files, 0 if none.
func (w *world) listMessage(chat int64) int {
	msgs := w.api.Messages(chat)
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(msgs[i].Text, "Your files:") {
			return msgs[i].ID
		}
	}
	return 0
}

// press presses the list's next page button (or the previous, or All on the kinds menu).
func (w *world) press(u models.User) models.Update {
	w.t.Helper()
	var list models.Message
	for _, m := range w.api.Messages(u.ID) {
		if m.ID == w.lists[u.ID] {
			list = m
		}
	}
	raw, err := json.Marshal(list.ReplyMarkup)
	require.NoError(w.t, err)
	var kb models.InlineKeyboardMarkup
	require.NoError(w.t, json.Unmarshal(raw, &kb))
	for _, label := range []string{"Next ▶", "◀ Prev", "🗂 All"} {
		for _, row := range kb.InlineKeyboard {
			for _, b := range row {
				if strings.HasPrefix(b.Text, label) {
					return w.api.PressButton(u, list, b.CallbackData)
				}
			}
		}
	}
	w.t.Fatalf("no page button on the list of user %d: %q", u.ID, list.Text)
	return models.Update{}
}

// round has every user upload a file and turn a page, then checks every upload was answered —
// at most doubleSends of them twice — and every press answered and shown once.
func (w *world) round(t *testing.T, doubleSends int) {
	t.Helper()
	mark := w.api.LastSeq()
	var ups []upload
	var presses []models.Update
	for _, u := range w.people {
		ups = append(ups, w.sendNew(u))
		presses = append(presses, w.press(u))
	}
	w.sent = append(w.sent, ups...)
	w.updates += len(ups) + len(presses)

	done := func() (answered map[[2]int64]int, answers, edits map[string]int) {
		calls := w.api.Calls()
		answered = replies(calls)
		answers, edits = map[string]int{}, map[string]int{}
		for _, c := range calls {
			if c.Seq <= mark || c.Err != nil {
				continue
			}
			switch c.Method {
			case "answerCallbackQuery":
				answers[c.Params["callback_query_id"]]++
			case "editMessageText":
				edits[c.Params["chat_id"]+"/"+c.Params["message_id"]]++
			}
		}
		return answered, answers, edits
	}
	w.waitFor(30*time.Second, "every press answered and shown, every upload handled", func() bool {
		_, answers, edits := done()
		return len(answers) == len(presses) && len(edits) == len(presses) && w.api.Pending() == 0
	})
	// A reply left to the sweep comes once its lease ended; a second answer of the transport,
	// were there one, would come before the answer to a later update of the same chat: each
	// chat's updates are handled in order.
	w.waitOutboxEmpty(30 * time.Second)
	w.sentinels()
	answered, answers, edits := done()
	doubled := 0
	for _, u := range ups {
		switch answered[u.key()] {
		case 1:
		case 0:
			assert.Failf(t, "an upload left unanswered", "update %d of user %d", u.update.ID, u.user)
		case 2:
			doubled++
		default:
			assert.Failf(t, "an upload answered more than twice", "update %d of user %d", u.update.ID, u.user)
		}
	}
	assert.LessOrEqual(t, doubled, doubleSends, "uploads answered twice (a send of unknown outcome, sent again by the sweep)")
	t.Logf("replies: 0 lost, %d sent twice (a sendMessage of unknown outcome, sent again by the sweep)", doubled)
	for i, p := range presses {
		assert.Equal(t, 1, answers[p.CallbackQuery.ID], "press of user %d answered once", w.people[i].ID)
		key := fmt.Sprintf("%d/%d", w.people[i].ID, w.lists[w.people[i].ID])
		assert.Equal(t, 1, edits[key], "press of user %d shown once", w.people[i].ID)
	}
}

// checkWaits checks that after each 429 the same call came again only once retry_after passed.
func checkWaits(t *testing.T, calls []botapi.Call) {
	t.Helper()
	n := 0
	for i, c := range calls {
		if c.Err == nil || c.Err.Code != 429 {
			continue
		}
		n++
		wait := time.Duration(c.Err.RetryAfter) * time.Second
		for _, next := range calls[i+1:] {
			if next.Method == c.Method && sameScope(c, next) {
				assert.GreaterOrEqual(t, next.At.Sub(c.At), wait, "%s retried %v after a 429 asking for %v", c.Method, next.At.Sub(c.At), wait)
				break
			}
		}
	}
	assert.Positive(t, n, "the 429s were answered")
}

// sameScope tells whether two calls are to the same chat, or answer the same button press.
func sameScope(a, b botapi.Call) bool {
	if a.Params["chat_id"] != "" {
		return a.Params["chat_id"] == b.Params["chat_id"]
	}
	return a.Params["callback_query_id"] == b.Params["callback_query_id"]
}
