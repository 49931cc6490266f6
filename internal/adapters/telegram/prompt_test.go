package telegram_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
)

const flowTTL = 15 * time.Minute

// promptWorld is the adapter over the memory fakes with a clock the test moves.
type promptWorld struct {
	t     *testing.T
	api   *tgtest.Server
	clock *memory.Clock
	mark  int
}

func newPromptWorld(t *testing.T) *promptWorld {
	t.Helper()
	w := &promptWorld{t: t, api: tgtest.NewServer(), clock: memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC))}
	t.Cleanup(w.api.Close)
	log := zaptest.NewLogger(t)
	cfg := telegram.Config{Token: tgtest.Token, APIURL: w.api.URL(), PollTimeout: time.Second, Concurrency: 4, UpdateTimeout: wait}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	limits := app.Limits{ConversationTTL: flowTTL, MaxCategories: 10}
	router := telegram.NewRouter(app.New(memory.NewStore().UnitOfWork(), w.clock, app.RandomTokens{}, limits), limits, telegram.NewSender(client, log), nil, log)
	poller := updates.NewPoller(cfg.Polling(), updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), log)
	poller.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, poller.Stop(ctx))
	})
	return w
}

func (w *promptWorld) say(text string) {
	w.mark = w.api.LastSeq()
	w.api.SendText(ann, text)
}

func (w *promptWorld) press(m models.Message, data string) {
	w.mark = w.api.LastSeq()
	w.api.PressButton(ann, m, data)
}

// wait waits for a call made since the last user action.
func (w *promptWorld) wait(method, text string) tgtest.Call {
	w.t.Helper()
	mark := w.mark
	return w.api.WaitForCall(w.t, wait, func(c tgtest.Call) bool {
		return c.Seq > mark && c.Method == method && strings.Contains(c.Params["text"], text)
	})
}

// prompt asks for a search and returns the prompt as the chat shows it, with its Cancel.
func (w *promptWorld) prompt() models.Message {
	w.t.Helper()
	w.say("/search")
	w.wait("sendMessage", "Send me words to look for")
	m, ok := w.api.LastMessage(ann.ID)
	require.True(w.t, ok)
	require.NotNil(w.t, m.ReplyMarkup, "a prompt has its Cancel")
	return m
}

// message is the chat's message id as it is now.
func (w *promptWorld) message(id int) models.Message {
	w.t.Helper()
	for _, m := range w.api.Messages(ann.ID) {
		if m.ID == id {
			return m
		}
	}
	w.t.Fatalf("no message %d in the chat", id)
	return models.Message{}
}

// waitTidied waits until the prompt lost its keyboard.
func (w *promptWorld) waitTidied(prompt models.Message) {
	w.t.Helper()
	mark := w.mark
	w.api.WaitForCall(w.t, wait, func(c tgtest.Call) bool {
		return c.Seq > mark && c.Method == "editMessageReplyMarkup" && c.Params["message_id"] == fmt.Sprint(prompt.ID) && c.Err == nil
	})
	assert.Nil(w.t, w.message(prompt.ID).ReplyMarkup, "the prompt has no Cancel any more")
}

func TestAFlowThatEndsTakesTheCancelButtonOffItsPrompt(t *testing.T) {
	tests := []struct {
		name string
		end  func(w *promptWorld)
	}{
		{"found: the search ran", func(w *promptWorld) {
			w.say("report")
			w.wait("sendMessage", "Nothing found for “report”")
		}},
		{"cancelled with /cancel", func(w *promptWorld) {
			w.say("/cancel")
			w.wait("sendMessage", "Cancelled")
		}},
		{"left for another command", func(w *promptWorld) {
			w.say("/files")
			w.wait("sendMessage", "Your library is empty")
		}},
		{"replaced by another flow", func(w *promptWorld) {
			w.say("/search")
			w.wait("sendMessage", "Send me words to look for")
		}},
		{"expired, then the user wrote", func(w *promptWorld) {
			w.clock.Advance(flowTTL)
			w.say("report")
			w.wait("sendMessage", "I keep files")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newPromptWorld(t)
			prompt := w.prompt()
			tt.end(w)
			w.waitTidied(prompt)

			// A Cancel pressed on it anyway (an old client, a replay) cancels nothing.
			w.press(prompt, "1|x")
			w.wait("editMessageText", "There's nothing to cancel.")
		})
	}
}

func TestAPromptShownInPlaceLosesItsCancelWhenTheFlowEnds(t *testing.T) {
	w := newPromptWorld(t)
	w.say("/categories")
	w.wait("sendMessage", "no categories yet")
	menu, _ := w.api.LastMessage(ann.ID)
	w.press(menu, "1|cn")
	w.wait("editMessageText", "name of the new category")
	require.NotNil(t, w.message(menu.ID).ReplyMarkup)

	w.say("Holidays")
	w.wait("sendMessage", "Holidays")
	w.waitTidied(menu)
}
