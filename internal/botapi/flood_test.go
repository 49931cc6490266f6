package botapi_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// clock is a test's clock: it moves only when told.
type clock struct{ ns atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *clock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *clock) advance(d time.Duration) { c.ns.Add(int64(d)) }

func floodClient(t *testing.T, limits botapi.FloodLimits) (*testServer, *bot.Bot, *clock) {
	t.Helper()
	c := newClock()
	s, b := newClientOf(t, newServerWith(t, botapi.Options{Now: c.now, Flood: limits}))
	return s, b, c
}

func send(t *testing.T, b *bot.Bot, chatID int64) error {
	t.Helper()
	_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: chatID, Text: "hi"})
	return err
}

func retryAfter(t *testing.T, err error) int {
	t.Helper()
	var flood *bot.TooManyRequestsError
	require.ErrorAs(t, err, &flood)
	assert.Contains(t, flood.Message, "Too Many Requests: retry after")
	return flood.RetryAfter
}

func TestFloodLimitsAreOffUnlessSet(t *testing.T) {
	_, b := newClient(t)
	for range 50 {
		require.NoError(t, send(t, b, alice.ID))
	}
}

func TestMessagesPastTheLimitOfAChatAreRefusedWith429(t *testing.T) {
	s, b, c := floodClient(t, botapi.FloodLimits{PerChat: 2})
	require.NoError(t, send(t, b, alice.ID))
	c.advance(300 * time.Millisecond)
	require.NoError(t, send(t, b, alice.ID))

	assert.Equal(t, 1, retryAfter(t, send(t, b, alice.ID)), "the first message leaves the window in 0.7 s")
	require.NoError(t, send(t, b, bob.ID), "other chats are not limited")
	assert.Len(t, s.Messages(alice.ID), 2, "a refused message is not sent")

	c.advance(700 * time.Millisecond)
	require.NoError(t, send(t, b, alice.ID), "a second later there is room again")
	assert.Equal(t, 429, s.CallsTo("sendMessage")[2].Err.Code, "refused calls are recorded")
}

func TestTheGlobalLimitCountsEveryChat(t *testing.T) {
	_, b, c := floodClient(t, botapi.FloodLimits{Global: 3})
	for _, chat := range []int64{1, 2, 3} {
		require.NoError(t, send(t, b, chat))
	}
	retryAfter(t, send(t, b, 4))
	_, err := b.AnswerCallbackQuery(ctx(t), &bot.AnswerCallbackQueryParams{CallbackQueryID: "x"})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "only messages count: other methods answer as usual")
	c.advance(time.Second)
	require.NoError(t, send(t, b, 4))
}

func TestAGroupGetsSoManyMessagesAMinute(t *testing.T) {
	_, b, c := floodClient(t, botapi.FloodLimits{PerGroup: 2})
	const group = -1_001_234_567_890
	require.NoError(t, send(t, b, group))
	c.advance(10 * time.Second)
	require.NoError(t, send(t, b, group))
	assert.Equal(t, 50, retryAfter(t, send(t, b, group)))
	require.NoError(t, send(t, b, alice.ID), "private chats have no such limit")

	_, err := b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: group, MessageID: 1, Text: "edit"})
	retryAfter(t, err)
	c.advance(50 * time.Second)
	require.NoError(t, send(t, b, group))
}
