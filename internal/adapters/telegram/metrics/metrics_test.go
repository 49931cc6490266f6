package metrics

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
)

func TestTheTransportCountsBotAPICallsAndFloodWaits(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	metrics := New()
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, metrics.Register(reg))
	b, err := bot.New(tgtest.Token, bot.WithSkipGetMe(), bot.WithServerURL(api.URL()),
		bot.WithHTTPClient(time.Second, &http.Client{Transport: metrics.Transport(nil)}))
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
	metrics := New()
	metrics.ObserveUpdate(models.AllowedUpdateMessage, updates.OutcomeHandled, time.Second)
	metrics.ObserveUpdate(models.AllowedUpdateMessage, updates.OutcomeParked, time.Second)
	metrics.ObserveUpdate(models.AllowedUpdateMessage, updates.OutcomeParked, time.Second)
	assert.Equal(t, 1.0, testutil.ToFloat64(metrics.updates.WithLabelValues("message", "handled")))
	assert.Equal(t, 2.0, testutil.ToFloat64(metrics.updates.WithLabelValues("message", "parked")))
	var none *Recorder
	none.ObserveUpdate(models.AllowedUpdateMessage, updates.OutcomeHandled, time.Second) // counts nothing, and does not panic
}
