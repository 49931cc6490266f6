package telegram

import (
	"errors"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
)

func TestTheLogLabelNamesTheHandlingInABoundedSet(t *testing.T) {
	msg := func(m models.Message) *models.Update { return &models.Update{ID: 1, Message: &m} }
	cases := []struct {
		name string
		upd  *models.Update
		want string
	}{
		{"a known command", msg(models.Message{Text: "/start"}), "/start"},
		{"a command with arguments and the bot's name", msg(models.Message{Text: "/Search@filekeeper_bot report"}), "/search"},
		{"an unknown command", msg(models.Message{Text: "/whatever-the-user-typed"}), "/other"},
		{"a text", msg(models.Message{Text: "hello"}), "text"},
		{"a document", msg(models.Message{Document: &models.Document{FileID: "f", FileUniqueID: "u"}}), "document"},
		{"a sticker", msg(models.Message{Sticker: &models.Sticker{}}), "message"},
		{"a button", &models.Update{ID: 1, CallbackQuery: &models.CallbackQuery{}}, "button"},
		{"an inline query", &models.Update{ID: 1, InlineQuery: &models.InlineQuery{}}, "inline_query"},
		{"anything else", &models.Update{ID: 1}, "other"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, (&Router{}).Label(tc.upd)) })
	}
}

func TestTheTransportCountsBotAPICallsAndFloodWaits(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	metrics := NewMetrics()
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, metrics.Register(reg))
	b, err := newClient(clientParams{Config: Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second}, Log: zaptest.NewLogger(t), Metrics: metrics})
	require.NoError(t, err)

	_, err = b.GetMe(t.Context())
	require.NoError(t, err)
	api.FailNext("getMe", 1, 429, "", 3)
	_, err = b.GetMe(t.Context())
	require.Error(t, err)
	api.FailNext("getMe", 1, 403, "", 0)
	_, _ = b.GetMe(t.Context())

	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.calls.WithLabelValues("getMe", "ok")))
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.calls.WithLabelValues("getMe", "too_many_requests")))
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.calls.WithLabelValues("getMe", "forbidden")))
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.floodWaits.WithLabelValues("getMe")))
	assert.Equal(t, 3.0, testutil.ToFloat64(metrics.floodWaited))
	var flood *bot.TooManyRequestsError
	assert.True(t, errors.As(err, &flood), "the client still sees the 429: %v", err)
}

func TestTheDispatcherCountsUpdatesThroughObserveUpdate(t *testing.T) {
	metrics := NewMetrics()
	metrics.ObserveUpdate(models.AllowedUpdateMessage, updates.OutcomeHandled, time.Second)
	metrics.ObserveUpdate(models.AllowedUpdateMessage, updates.OutcomeParked, time.Second)
	metrics.ObserveUpdate(models.AllowedUpdateMessage, updates.OutcomeParked, time.Second)
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.updates.WithLabelValues("message", "handled")))
	assert.Equal(t, 2.0, testutil.ToFloat64(metrics.updates.WithLabelValues("message", "parked")))
	var none *Metrics
	none.ObserveUpdate(models.AllowedUpdateMessage, updates.OutcomeHandled, time.Second) // counts nothing, and does not panic
}
