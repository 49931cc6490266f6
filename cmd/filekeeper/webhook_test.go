package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/config"
)

// The webhook tests run the whole application in webhook mode. The Bot API stand-in delivers
// updates to WEBHOOK_URL, which is a front (the HTTPS proxy Telegram would reach in production)
// that forwards them to one instance, or swallows them so the test can deliver them itself —
// several times, out of order, to several instances.

const webhookSecret = "e2e-Secret_token-0123456789"

const webhookPath = "/telegram/webhook"

// front is the webhook's public address.
type front struct {
	srv *httptest.Server

	mu     sync.Mutex
	target string // the instance deliveries go to; "" swallows them (answered 200, not handled)
	codes  []int  // the answers of the forwarded deliveries
}

func newFront(t *testing.T) *front {
	f := &front{}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *front) forwardTo(in *instance) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.target = ""
	if in != nil {
		f.target = in.url(webhookPath)
	}
}

func (f *front) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	target := f.target
	f.mu.Unlock()
	if target == "" {
		_, _ = io.Copy(io.Discard, r.Body)
		return
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, target, r.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	code := http.StatusBadGateway
	if err == nil {
		code = resp.StatusCode
		resp.Body.Close()
	}
	f.mu.Lock()
	f.codes = append(f.codes, code)
	f.mu.Unlock()
	w.WriteHeader(code)
}

func (f *front) answered(code int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.codes {
		if c == code {
			n++
		}
	}
	return n
}

// webhookWorld is a stand-in, its front and a database, for instances in webhook mode.
type webhookWorld struct {
	t     *testing.T
	api   *tgtest.Server
	front *front
	dbURL string
}

func newWebhookWorld(t *testing.T) *webhookWorld {
	// Quick redelivery, as the recovery tests wait for it.
	api := tgtest.NewServerWith(botapi.Options{Webhook: botapi.WebhookOptions{RetryMin: 50 * time.Millisecond, RetryMax: 300 * time.Millisecond}})
	t.Cleanup(api.Close)
	return &webhookWorld{t: t, api: api, front: newFront(t), dbURL: pgtest.NewDatabase(t)}
}

func (w *webhookWorld) config(dbURL string) config.Config {
	cfg := baseConfig(w.t, w.api.URL(), dbURL)
	cfg.WebhookURL = w.front.srv.URL + webhookPath
	cfg.WebhookSecret = webhookSecret
	cfg.WebhookMaxConnections = 12
	return cfg
}

func (w *webhookWorld) start(name string) *instance {
	return startInstance(w.t, name, w.config(w.dbURL))
}

func encode(t *testing.T, upd models.Update) []byte {
	t.Helper()
	body, err := json.Marshal(upd)
	require.NoError(t, err)
	return body
}

// document has user send a new document, delivered to the front; it returns the update.
func (w *webhookWorld) document(user models.User, name string) models.Update {
	f, u := w.api.NewFileIDs()
	return w.api.SendDocument(user, docOf(f, u, name), "")
}

// replies counts the bot's answers to upd: the messages quoting it, or for a command (answered
// without a quote), the messages to its chat with a text containing saying.
func (w *webhookWorld) replies(upd models.Update, saying ...string) int {
	n := 0
	for _, c := range w.api.Calls() {
		if repliesTo(upd.Message.Chat.ID, upd.Message.ID)(c) || len(saying) > 0 && c.Method == "sendMessage" &&
			c.Params["chat_id"] == fmt.Sprint(upd.Message.Chat.ID) && strings.Contains(c.Params["text"], saying[0]) {
			n++
		}
	}
	return n
}

func (w *webhookWorld) processed(upd models.Update) int {
	return count(w.t, w.dbURL, "SELECT count(*) FROM processed_updates WHERE update_id = $1", upd.ID)
}

func (w *webhookWorld) files(name string) int {
	return count(w.t, w.dbURL, "SELECT count(*) FROM files WHERE name = $1", name)
}

func TestWebhookModeSetsTheWebhookAndTakesUpdatesFromTelegram(t *testing.T) {
	w := newWebhookWorld(t)
	a := w.start("a")

	set := w.api.CallsTo("setWebhook")
	require.Len(t, set, 1)
	assert.Equal(t, w.front.srv.URL+webhookPath, set[0].Params["url"])
	assert.Equal(t, webhookSecret, set[0].Params["secret_token"])
	assert.Equal(t, "12", set[0].Params["max_connections"])
	assert.JSONEq(t, `["message","edited_message","callback_query","inline_query","my_chat_member"]`, set[0].Params["allowed_updates"])
	assert.Empty(t, w.api.CallsTo("deleteWebhook"), "a webhook instance does not delete the webhook")
	a.waitLog("bot started: webhook")

	// A user's message travels stand-in → front → the instance, and is answered.
	w.front.forwardTo(a)
	upd := w.api.SendText(alice, "/start")
	w.api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Method == "sendMessage" && c.Params["chat_id"] == fmt.Sprint(alice.ID) && strings.Contains(c.Params["text"], "Alice")
	})
	assert.Equal(t, 1, w.processed(upd))

	code, _ := get(t, a.url("/healthz"))
	assert.Equal(t, http.StatusOK, code)
	code, body := get(t, a.url("/readyz"))
	assert.Equal(t, http.StatusOK, code, body)
}

func TestAWebhookDeliveryIsAnsweredOnlyOnceItsEffectsAreCommitted(t *testing.T) {
	w := newWebhookWorld(t)
	a := w.start("a")
	hook := a.url(webhookPath)

	upd := w.document(alice, "committed.pdf")
	code, _ := postUpdate(t, hook, webhookSecret, encode(t, upd))
	require.Equal(t, http.StatusOK, code)
	// No waiting: at the 200 the file is in the database and the user was answered.
	assert.Equal(t, 1, w.files("committed.pdf"))
	assert.Equal(t, 1, w.processed(upd))
	assert.Equal(t, 1, w.replies(upd))
}

func TestAWebhookDeliveryWithoutTheSecretChangesNothing(t *testing.T) {
	w := newWebhookWorld(t)
	a := w.start("a")
	hook := a.url(webhookPath)
	upd := w.document(alice, "forged.pdf")
	body := encode(t, upd)

	for _, secret := range []string{"", "wrong-secret", webhookSecret + "x"} {
		code, _ := postUpdate(t, hook, secret, body)
		assert.Equal(t, http.StatusUnauthorized, code, "secret %q", secret)
	}
	code, _ := postUpdate(t, hook, webhookSecret, []byte(`{"update_id": 12, "message": `))
	assert.Equal(t, http.StatusBadRequest, code, "malformed JSON")
	code, _ = postUpdate(t, hook, webhookSecret, []byte(`{"update_id": "twelve"}`))
	assert.Equal(t, http.StatusBadRequest, code, "JSON that is no update")
	assert.Zero(t, w.files("forged.pdf"))
	assert.Zero(t, w.processed(upd), "the update was not claimed: Telegram's own delivery will still be handled")
	assert.Zero(t, w.replies(upd))
	assert.Equal(t, 1, a.logged("without the right secret token"), "three refusals, one log line a minute")

	code, _ = postUpdate(t, hook, webhookSecret, body)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, 1, w.files("forged.pdf"))
}

func TestDuplicateDeliveriesToTwoInstancesHaveOneEffectEach(t *testing.T) {
	w := newWebhookWorld(t)
	a, b := w.start("a"), w.start("b")
	var updates []models.Update
	for i, user := range []models.User{alice, bob, alice, bob} {
		updates = append(updates, w.document(user, fmt.Sprintf("dup-%d.pdf", i)))
	}
	updates = append(updates, w.api.SendText(alice, "/start")) // answered with a greeting, not a quote
	type delivery struct {
		to  *instance
		upd models.Update
	}
	var deliveries []delivery
	for i, upd := range updates {
		for n := range 1 + i%3 { // once, twice or three times
			deliveries = append(deliveries, delivery{[]*instance{a, b}[(i+n)%2], upd})
		}
	}
	rand.Shuffle(len(deliveries), func(i, j int) { deliveries[i], deliveries[j] = deliveries[j], deliveries[i] })

	var wg sync.WaitGroup
	for _, d := range deliveries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, body := postUpdate(t, d.to.url(webhookPath), webhookSecret, encode(t, d.upd))
			assert.Equal(t, http.StatusOK, code, "update %d to %s: %s", d.upd.ID, d.to.name, body)
		}()
	}
	wg.Wait()

	for i, upd := range updates {
		assert.Equal(t, 1, w.processed(upd), "update %d", upd.ID)
		if i < 4 {
			assert.Equal(t, 1, w.files(fmt.Sprintf("dup-%d.pdf", i)))
			assert.Equal(t, 1, w.replies(upd), "update %d is answered once", upd.ID)
		} else {
			assert.Equal(t, 1, w.replies(upd, "Hi, Alice"), "update %d is answered once", upd.ID)
		}
	}
	assert.Equal(t, len(deliveries)-len(updates), a.logged("update already handled: skipped")+b.logged("update already handled: skipped"))
}

func TestWithoutPostgreSQLTheWebhookAnswers503AndRecovers(t *testing.T) {
	w := newWebhookWorld(t)
	proxy := newTCPProxy(t, hostOf(t, w.dbURL))
	c := startInstance(t, "c", w.config(proxy.through(t, w.dbURL)))
	code, _ := get(t, c.url("/readyz"))
	require.Equal(t, http.StatusOK, code)

	proxy.cut()
	upd := w.document(bob, "outage.pdf")
	code, _ = postUpdate(t, c.url(webhookPath), webhookSecret, encode(t, upd))
	assert.Equal(t, http.StatusServiceUnavailable, code)
	code, body := get(t, c.url("/readyz"))
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, body, "not ready")
	code, _ = get(t, c.url("/healthz"))
	assert.Equal(t, http.StatusOK, code, "the process is still up")

	// Telegram's own delivery during the outage is refused too, and retried.
	w.front.forwardTo(c)
	retried := w.api.SendText(bob, "/help")
	require.Eventually(t, func() bool { return w.front.answered(http.StatusServiceUnavailable) >= 2 }, wait, 10*time.Millisecond)
	assert.Zero(t, w.processed(retried))

	proxy.restore()
	require.Eventually(t, func() bool { code, _ := get(t, c.url("/readyz")); return code == http.StatusOK }, wait, 50*time.Millisecond)
	require.Eventually(t, func() bool { return w.replies(retried, "/start") > 0 }, wait, 10*time.Millisecond, "the retry got through")
	code, _ = postUpdate(t, c.url(webhookPath), webhookSecret, encode(t, upd))
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, 1, w.files("outage.pdf"))
	assert.Equal(t, 1, w.replies(upd))
}

func TestMetricsCountUpdatesBotAPICallsAndTheDatabasePool(t *testing.T) {
	w := newWebhookWorld(t)
	a := w.start("a")
	hook := a.url(webhookPath)
	upd := w.document(alice, "metrics.pdf")
	for range 2 {
		code, _ := postUpdate(t, hook, webhookSecret, encode(t, upd))
		require.Equal(t, http.StatusOK, code)
	}
	w.api.FailNext("sendMessage", 1, http.StatusTooManyRequests, "", 1) // the bot waits a second
	code, _ := postUpdate(t, hook, webhookSecret, encode(t, w.api.SendText(alice, "/help")))
	require.Equal(t, http.StatusOK, code)
	postUpdate(t, hook, "wrong", encode(t, upd))

	code, metrics := get(t, a.url("/metrics"))
	require.Equal(t, http.StatusOK, code)
	for series, want := range map[string]float64{
		`filekeeper_updates_total{outcome="handled",type="message"}`:                      2,
		`filekeeper_updates_total{outcome="duplicate",type="message"}`:                    1,
		`filekeeper_update_duration_seconds_count{type="message"}`:                        3,
		`filekeeper_botapi_calls_total{method="setWebhook",outcome="ok"}`:                 1,
		`filekeeper_botapi_calls_total{method="sendMessage",outcome="ok"}`:                2,
		`filekeeper_botapi_calls_total{method="sendMessage",outcome="too_many_requests"}`: 1,
		`filekeeper_botapi_flood_waits_total{method="sendMessage"}`:                       1,
		`filekeeper_botapi_flood_wait_seconds_total`:                                      1,
		`filekeeper_webhook_requests_total{code="200"}`:                                   3,
		`filekeeper_webhook_requests_total{code="401"}`:                                   1,
	} {
		assert.Equal(t, want, metricValue(metrics, series), series)
	}
	for _, series := range []string{"filekeeper_db_pool_max_connections", "filekeeper_db_pool_acquires_total", "go_goroutines"} {
		assert.Greater(t, metricValue(metrics, series), 0.0, series)
	}
}
