package main

import (
	"context"
	"encoding/json"
	"fmt"
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
	"github.com/filekeeper/filekeeper/internal/config"
)

// The end-to-end tests run the whole fx application against a real PostgreSQL and the Bot API
// stand-in, and assert only what a user would see: the Bot API calls the bot made.

const wait = 10 * time.Second

var (
	alice = models.User{ID: 1001, FirstName: "Alice", Username: "alice", LanguageCode: "en"}
	bob   = models.User{ID: 2002, FirstName: "Bob", LanguageCode: "en"}
)

type harness struct {
	t     *testing.T
	api   *tgtest.Server
	dbURL string
	app   *fx.App
	// mark is the last call seen before the newest user action: waits look only past it, so an
	// older call that happens to match cannot satisfy them.
	mark int
}

// say sends a text as user.
func (h *harness) say(user models.User, text string) models.Update {
	h.mark = h.api.LastSeq()
	return h.api.SendText(user, text)
}

func (h *harness) after(match func(tgtest.Call) bool) func(tgtest.Call) bool {
	mark := h.mark
	return func(c tgtest.Call) bool { return c.Seq > mark && match(c) }
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	h := &harness{t: t, api: api, dbURL: pgtest.NewDatabase(t)}
	h.start()
	return h
}

func (h *harness) config() config.Config {
	cfg, err := config.Load("testdata/absent.env")
	require.NoError(h.t, err)
	cfg.BotToken = tgtest.Token
	cfg.BotAPIURL = h.api.URL()
	cfg.DatabaseURL = h.dbURL
	cfg.PollTimeout = time.Second
	cfg.LogFormat = "console"
	require.NoError(h.t, cfg.Validate())
	return cfg
}

// start runs a new instance of the application, as a restart would.
func (h *harness) start() {
	h.t.Helper()
	h.app = fx.New(Options(h.config(), zaptest.NewLogger(h.t, zaptest.Level(zap.InfoLevel))))
	require.NoError(h.t, h.app.Err())
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	require.NoError(h.t, h.app.Start(ctx))
	h.t.Cleanup(h.stop)
}

func (h *harness) stop() {
	if h.app == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	assert.NoError(h.t, h.app.Stop(ctx))
	h.app = nil
}

// waitMessage waits for the bot to send chatID a message containing text.
func (h *harness) waitMessage(chatID int64, text string) tgtest.Call {
	h.t.Helper()
	return h.api.WaitForCall(h.t, wait, h.after(func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(chatID) && strings.Contains(c.Params["text"], text)
	}))
}

func (h *harness) waitEdit(chatID int64, text string) tgtest.Call {
	h.t.Helper()
	return h.api.WaitForCall(h.t, wait, h.after(func(c tgtest.Call) bool {
		return c.Method == "editMessageText" && c.Params["chat_id"] == fmt.Sprint(chatID) && strings.Contains(c.Params["text"], text)
	}))
}

func (h *harness) waitAnswer(text string) tgtest.Call {
	h.t.Helper()
	return h.api.WaitForCall(h.t, wait, h.after(func(c tgtest.Call) bool {
		return c.Method == "answerCallbackQuery" && c.Params["text"] == text
	}))
}

// lastMessage is the newest message the bot shows chatID.
func (h *harness) lastMessage(chatID int64) models.Message {
	h.t.Helper()
	m, ok := h.api.LastMessage(chatID)
	require.True(h.t, ok, "the bot sent chat %d nothing", chatID)
	return m
}

// press presses the button labelled label (a prefix is enough) on the newest message of the
// user's chat that has one, as a user scrolling up would.
func (h *harness) press(user models.User, label string) models.Update {
	h.t.Helper()
	msgs := h.api.Messages(user.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].ReplyMarkup == nil {
			continue
		}
		for _, row := range keyboardOf(h.t, msgs[i]).InlineKeyboard {
			for _, b := range row {
				if strings.HasPrefix(b.Text, label) {
					h.mark = h.api.LastSeq()
					return h.api.PressButton(user, msgs[i], b.CallbackData)
				}
			}
		}
	}
	last := h.lastMessage(user.ID)
	calls := h.api.Calls()
	var recent []string
	for _, c := range calls[max(len(calls)-6, 0):] {
		recent = append(recent, fmt.Sprintf("%s %q err=%v", c.Method, c.Params["text"], c.Err))
	}
	h.t.Fatalf("no button %q in chat %d; the newest message is %q; recent calls:\n%s", label, user.ID, last.Text, strings.Join(recent, "\n"))
	return models.Update{}
}

func keyboardOf(t *testing.T, m models.Message) models.InlineKeyboardMarkup {
	t.Helper()
	raw, err := json.Marshal(m.ReplyMarkup)
	require.NoError(t, err)
	var kb models.InlineKeyboardMarkup
	require.NoError(t, json.Unmarshal(raw, &kb))
	return kb
}

// sendDocument sends a new document and returns its file ids.
func (h *harness) sendDocument(user models.User, name, mime string, size int64) (fileID, uniqueID string, upd models.Update) {
	fileID, uniqueID = h.api.NewFileIDs()
	upd = h.api.SendDocument(user, models.Document{FileID: fileID, FileUniqueID: uniqueID, FileName: name, MimeType: mime, FileSize: size}, "")
	return fileID, uniqueID, upd
}

// callsFor counts the calls matching in a snapshot.
func (h *harness) count(match func(tgtest.Call) bool) int {
	n := 0
	for _, c := range h.api.Calls() {
		if match(c) {
			n++
		}
	}
	return n
}

// repliesTo matches the bot's answers quoting one message of chatID.
func repliesTo(chatID int64, messageID int) func(tgtest.Call) bool {
	return func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(chatID) && quotedID(c) == messageID
	}
}

// quotedID is the id of the message a sendMessage call quotes, 0 if none.
func quotedID(c tgtest.Call) int {
	var quoted struct {
		MessageID int `json:"message_id"`
	}
	if json.Unmarshal([]byte(c.Params["reply_parameters"]), &quoted) != nil {
		return 0
	}
	return quoted.MessageID
}

func docOf(fileID, uniqueID, name string) models.Document {
	return models.Document{FileID: fileID, FileUniqueID: uniqueID, FileName: name, MimeType: "application/pdf", FileSize: 1}
}
