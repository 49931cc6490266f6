package botapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// A webhook takes the updates getUpdates would have given: the server POSTs them to it.

func TestAWebhookReceivesUpdatesWithTheSecretToken(t *testing.T) {
	s := newServer(t)
	got := make(chan *models.Update, 10)
	receiver, err := bot.New(botapi.Token, bot.WithSkipGetMe(), bot.WithServerURL(s.URL()),
		bot.WithWebhookSecretToken("s3cret-Token_1"),
		bot.WithDefaultHandler(func(_ context.Context, _ *bot.Bot, u *models.Update) { got <- u }))
	require.NoError(t, err)
	runCtx, stop := context.WithCancel(context.Background())
	defer stop()
	go receiver.StartWebhook(runCtx)
	hook := httptest.NewServer(receiver.WebhookHandler())
	defer hook.Close()

	_, err = receiver.SetWebhook(ctx(t), &bot.SetWebhookParams{URL: hook.URL + "/hook", SecretToken: "s3cret-Token_1"})
	require.NoError(t, err)
	s.SendText(alice, "/start")
	s.SendText(alice, "second")

	for _, want := range []string{"/start", "second"} {
		select {
		case u := <-got:
			assert.Equal(t, want, u.Message.Text, "in order")
		case <-time.After(10 * time.Second):
			t.Fatal("the webhook got nothing")
		}
	}
	assert.Eventually(t, func() bool { return s.Pending() == 0 }, 5*time.Second, time.Millisecond, "delivered updates are dropped")
}

func TestAFailedDeliveryIsRetriedUntilItIsAccepted(t *testing.T) {
	s := newServerWith(t, botapi.Options{Webhook: botapi.WebhookOptions{RetryMin: time.Millisecond, RetryMax: 5 * time.Millisecond}})
	var attempts atomic.Int32
	delivered := make(chan models.Update, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "hush", r.Header.Get(botapi.SecretTokenHeader))
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		if attempts.Add(1) <= 2 {
			http.Error(w, "not yet", http.StatusInternalServerError)
			return
		}
		var u models.Update
		assert.NoError(t, json.NewDecoder(r.Body).Decode(&u))
		delivered <- u
	}))
	defer hook.Close()
	_, b := newClientOf(t, s)
	_, err := b.SetWebhook(ctx(t), &bot.SetWebhookParams{URL: hook.URL, SecretToken: "hush"})
	require.NoError(t, err)

	sent := s.SendText(alice, "try again")
	select {
	case u := <-delivered:
		assert.Equal(t, sent.ID, u.ID)
	case <-time.After(10 * time.Second):
		t.Fatal("the update was not delivered")
	}
	assert.Equal(t, int32(3), attempts.Load())
	info, err := b.GetWebhookInfo(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, "Wrong response from the webhook: 500 Internal Server Error", info.LastErrorMessage)
	assert.NotZero(t, info.LastErrorDate)
}

func TestGetUpdatesAnswers409WhileAWebhookIsSet(t *testing.T) {
	s, b := newClient(t)
	_, err := b.SetWebhook(ctx(t), &bot.SetWebhookParams{URL: "http://127.0.0.1:1/unreachable"})
	require.NoError(t, err)
	a, status := post(t, context.Background(), s, "getUpdates", "application/json", strings.NewReader(`{}`))
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, a.Description, "can't use getUpdates method while webhook is active")

	s.SendText(alice, "kept for polling")
	_, err = b.DeleteWebhook(ctx(t), &bot.DeleteWebhookParams{})
	require.NoError(t, err)
	ups := getUpdates(t, s, 0, 0)
	require.Len(t, ups, 1, "an update the webhook never took waits for getUpdates")
	assert.Equal(t, "kept for polling", ups[0].Message.Text)
}

func TestSetWebhookChecksItsParameters(t *testing.T) {
	_, b := newClient(t)
	for name, p := range map[string]bot.SetWebhookParams{
		"a URL that is not HTTP":        {URL: "ftp://bot.example/hook"},
		"a secret token with a space":   {URL: "https://bot.example/hook", SecretToken: "two words"},
		"a secret token over 256 bytes": {URL: "https://bot.example/hook", SecretToken: strings.Repeat("a", 257)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := b.SetWebhook(ctx(t), &p)
			assert.ErrorIs(t, err, bot.ErrorBadRequest)
		})
	}
}

func TestDropPendingUpdatesForgetsTheQueue(t *testing.T) {
	s, b := newClient(t)
	s.SendText(alice, "old")
	_, err := b.DeleteWebhook(ctx(t), &bot.DeleteWebhookParams{DropPendingUpdates: true})
	require.NoError(t, err)
	assert.Zero(t, s.Pending())
}
