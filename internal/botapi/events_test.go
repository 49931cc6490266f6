package botapi_test

import (
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

func next(t *testing.T, events <-chan botapi.Event) botapi.Event {
	t.Helper()
	select {
	case ev, ok := <-events:
		require.True(t, ok, "the watch ended")
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
		return botapi.Event{}
	}
}

func TestWatchShowsTheChatThenEveryChange(t *testing.T) {
	s, b := newClient(t)
	s.SendText(alice, "/start")
	menu, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "menu",
		ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Help", CallbackData: "1|h"}})})
	require.NoError(t, err)
	s.SendText(bob, "not Alice's")

	history, events, stop := s.Watch(alice.ID)
	defer stop()
	require.Len(t, history, 2, "the user's messages and the bot's")
	assert.Equal(t, "/start", history[0].Text)
	assert.Equal(t, "menu", history[1].Text)

	s.SendText(alice, "hello")
	ev := next(t, events)
	assert.Equal(t, botapi.EventMessage, ev.Type)
	assert.Equal(t, "hello", ev.Message.Text)

	press := s.PressButton(alice, *menu, "1|h")
	_, err = b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: menu.ID, Text: "help"})
	require.NoError(t, err)
	ev = next(t, events)
	assert.Equal(t, botapi.EventEdit, ev.Type)
	assert.Equal(t, menu.ID, ev.Message.ID)
	assert.Equal(t, "help", ev.Message.Text)

	_, err = b.AnswerCallbackQuery(ctx(t), &bot.AnswerCallbackQueryParams{CallbackQueryID: press.CallbackQuery.ID, Text: "Sending…", ShowAlert: true})
	require.NoError(t, err)
	ev = next(t, events)
	assert.Equal(t, botapi.Event{Type: botapi.EventAnswer, Text: "Sending…", ShowAlert: true}, ev)

	_, err = b.DeleteMessage(ctx(t), &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: menu.ID})
	require.NoError(t, err)
	assert.Equal(t, botapi.Event{Type: botapi.EventDelete, MessageID: menu.ID}, next(t, events))

	stop()
	_, open := <-events
	assert.False(t, open, "stop ends the watch")
}

func TestAWatcherThatFallsBehindIsDropped(t *testing.T) {
	s := newServer(t)
	_, events, stop := s.Watch(alice.ID)
	defer stop()
	for range 300 {
		s.SendText(alice, "x")
	}
	n := 0
	for range events {
		n++
	}
	assert.Less(t, n, 300, "the channel closed once its buffer was full")
	history, _, stop2 := s.Watch(alice.ID)
	defer stop2()
	assert.Len(t, history, 300, "watching again gives the whole chat")
}

func TestCloseEndsEveryWatch(t *testing.T) {
	s := botapi.New(botapi.Options{})
	_, events, stop := s.Watch(alice.ID)
	defer stop()
	s.Close()
	_, open := <-events
	assert.False(t, open)
}
