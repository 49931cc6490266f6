package httpserver_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/httpserver"
)

// TestAWebhookBodyOverFourMebibytesIsRefusedUnread: Telegram's updates are a few kilobytes; a
// bigger body is refused with 413 and never handed on, and one just within the limit is taken.
func TestAWebhookBodyOverFourMebibytesIsRefusedUnread(t *testing.T) {
	const limit = 4 << 20
	padded := func(size int) string {
		head, tail := `{"update_id":7,"pad":"`, `"}`
		return head + strings.Repeat("x", size-len(head)-len(tail)) + tail
	}
	updates := &fakeUpdates{}
	base := serve(t, updates, fakeReadiness{})
	code, _ := post(t, base+"/telegram/hook", secret, padded(limit+1))
	assert.Equal(t, 413, code)
	assert.Empty(t, updates.handled(), "a body over the limit is not handed on")

	code, _ = post(t, base+"/telegram/hook", secret, padded(limit))
	assert.Equal(t, 200, code)
	assert.Len(t, updates.handled(), 1)
}

// TestRefusedDeliveriesAreLoggedAtMostOnceAMinute: anyone who reaches the port can send
// requests without the secret; each is refused and counted, but the log gets one line a minute.
func TestRefusedDeliveriesAreLoggedAtMostOnceAMinute(t *testing.T) {
	core, logs := observer.New(zapcore.InfoLevel)
	reg := httpserver.NewRegistry()
	s, err := httpserver.New(httpserver.Config{Addr: "127.0.0.1:0", WebhookPath: "/hook", WebhookSecret: secret}, &fakeUpdates{}, fakeReadiness{}, reg, zap.New(core))
	require.NoError(t, err)
	require.NoError(t, s.Start(t.Context()))
	t.Cleanup(func() { _ = s.Stop(t.Context()) })
	for range 50 {
		code, _ := post(t, "http://"+s.Addr()+"/hook", "wrong", update)
		require.Equal(t, 401, code)
	}
	refusals := logs.FilterMessageSnippet("without the right secret token").All()
	assert.Len(t, refusals, 1, "one line for 50 refusals within a minute")
	families, err := reg.Gather()
	require.NoError(t, err)
	counted := 0.0
	for _, f := range families {
		if f.GetName() != "filekeeper_webhook_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			if m.GetLabel()[0].GetValue() == "401" {
				counted = m.GetCounter().GetValue()
			}
		}
	}
	assert.Equal(t, 50.0, counted, "every refusal is counted")
}
