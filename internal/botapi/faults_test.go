package botapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// The options fault tests and load generators use: users who blocked the bot, call times,
// confirmation times, and webhook deliveries made in parallel as Telegram makes them.

func TestAUserWhoBlockedTheBotGets403ForEverythingSentToTheirChat(t *testing.T) {
	s, b := newClient(t)
	bob := models.User{ID: 2002, FirstName: "Bob"}
	s.SendText(alice, "hi")
	s.Block(alice.ID)

	_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "hello"})
	require.ErrorIs(t, err, bot.ErrorForbidden)
	assert.Contains(t, err.Error(), "bot was blocked by the user")
	_, err = b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: "x"}})
	require.ErrorIs(t, err, bot.ErrorForbidden)
	_, err = b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: bob.ID, Text: "hello"})
	require.NoError(t, err, "other chats are served")

	s.Unblock(alice.ID)
	_, err = b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "welcome back"})
	require.NoError(t, err)
	calls := s.CallsTo("sendMessage")
	require.Len(t, calls, 3)
	assert.Equal(t, 403, calls[0].Err.Code, "refused calls are recorded with their error")
}

func TestCallsCarryTheTimeTheyArrived(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s := newServerWith(t, botapi.Options{Now: func() time.Time { return now }})
	_, b := newClientOf(t, s)
	_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "hi"})
	require.NoError(t, err)
	assert.Equal(t, now, s.Calls()[0].At)
}

func TestConfirmedTellsOfEveryUpdateAnOffsetPasses(t *testing.T) {
	var mu sync.Mutex
	var confirmed []int64
	s := newServerWith(t, botapi.Options{Confirmed: func(id int64) {
		mu.Lock()
		defer mu.Unlock()
		confirmed = append(confirmed, id)
	}})
	first := s.SendText(alice, "one")
	second := s.SendText(alice, "two")

	require.Len(t, getUpdates(t, s, first.ID, 0), 2)
	mu.Lock()
	assert.Empty(t, confirmed, "delivered is not confirmed")
	mu.Unlock()
	getUpdates(t, s, second.ID+1, 0)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []int64{first.ID, second.ID}, confirmed)
}

func TestParallelWebhookDeliveriesGoUpToMaxConnectionsAtOnce(t *testing.T) {
	var confirmed atomic.Int32
	s := newServerWith(t, botapi.Options{
		Webhook:   botapi.WebhookOptions{Parallel: true, RetryMin: time.Millisecond, RetryMax: time.Millisecond},
		Confirmed: func(int64) { confirmed.Add(1) },
	})
	_, b := newClientOf(t, s)
	var inFlight, most atomic.Int32
	release := make(chan struct{})
	var once sync.Once
	var failedOnce atomic.Bool
	got := make(chan int64, 20)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		if n == 4 {
			once.Do(func() { close(release) })
		}
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
		var u models.Update
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&u)) {
			return
		}
		if u.Message.Text == "3" && failedOnce.CompareAndSwap(false, true) {
			http.Error(w, "try again", http.StatusBadGateway)
			return
		}
		got <- u.ID
	}))
	defer hook.Close()
	_, err := b.SetWebhook(ctx(t), &bot.SetWebhookParams{URL: hook.URL, MaxConnections: 4})
	require.NoError(t, err)
	for i := range 12 {
		s.SendText(alice, string(rune('0'+i)))
	}

	seen := map[int64]bool{}
	for len(seen) < 12 {
		select {
		case id := <-got:
			assert.False(t, seen[id], "update %d delivered twice after a 2xx", id)
			seen[id] = true
		case <-time.After(10 * time.Second):
			t.Fatalf("%d of 12 updates delivered", len(seen))
		}
	}
	assert.Equal(t, int32(4), most.Load(), "max_connections deliveries at once, never more")
	assert.Eventually(t, func() bool { return s.Pending() == 0 && confirmed.Load() == 12 }, 5*time.Second, time.Millisecond)
	info, err := b.GetWebhookInfo(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 4, info.MaxConnections)
}

func TestKeepMessagesBoundsEachChat(t *testing.T) {
	s, b := newClientOf(t, newServerWith(t, botapi.Options{KeepMessages: 3}))
	var sent []*models.Message
	for i := range 5 {
		m, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: fmt.Sprint("message ", i)})
		require.NoError(t, err)
		sent = append(sent, m)
	}
	msgs := s.Messages(alice.ID)
	require.Len(t, msgs, 3)
	assert.Equal(t, "message 2", msgs[0].Text, "the oldest are forgotten")
	_, err := b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent[0].ID, Text: "too late"})
	assert.ErrorContains(t, err, "message to edit not found")
	m, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "new"})
	require.NoError(t, err)
	assert.Equal(t, sent[4].ID+1, m.ID, "ids go on growing")
}
