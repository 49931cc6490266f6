package flood

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// The flood transport is tested through the real go-telegram/bot client, against the Bot API
// stand-in (or, for broken connections, a bare HTTP server), with rates far above Telegram's so
// that each test takes a fraction of a second; only retry_after is in whole seconds.

const floodWait = 5 * time.Second

// arrivalJitter is how much later than it was sent a call may reach the server, on a loaded
// machine under the race detector: the limits space the starts, the server sees the arrivals.
const arrivalJitter = 50 * time.Millisecond

// floodClient is a go-telegram/bot client whose calls pass the flood transport of c; the 429s it
// takes are counted in waits, when given.
func floodClient(t *testing.T, apiURL string, c Config, waits *floodWaits) *bot.Bot {
	t.Helper()
	if waits != nil {
		c.OnFloodWait = func(string, time.Duration) { waits.n.Add(1) }
	}
	b, err := bot.New(tgtest.Token, bot.WithSkipGetMe(), bot.WithServerURL(apiURL),
		bot.WithHTTPClient(time.Second, &http.Client{Timeout: 30 * time.Second, Transport: c.Transport(nil, zaptest.NewLogger(t))}))
	require.NoError(t, err)
	return b
}

// floodWaits counts the 429s a transport told of through Config.OnFloodWait.
type floodWaits struct{ n atomic.Int64 }

func (w *floodWaits) count() int { return int(w.n.Load()) }

func send(b *bot.Bot, chat int64, text string) error {
	_, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: chat, Text: text})
	return err
}

// sent are the sendMessage calls that reached the server for chat, in arrival order.
func sent(api *tgtest.Server, chat int64) []tgtest.Call {
	var out []tgtest.Call
	for _, c := range api.CallsTo("sendMessage") {
		if c.Params["chat_id"] == fmt.Sprint(chat) {
			out = append(out, c)
		}
	}
	return out
}

func TestA429PausesTheChatForRetryAfterAndTheCallThenSucceeds(t *testing.T) {
	t.Parallel()
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	waits := &floodWaits{}
	b := floodClient(t, api.URL(), Config{Retries: 3, AttemptTimeout: floodWait}, waits)
	api.FailNext("sendMessage", 1, http.StatusTooManyRequests, "", 1)

	start := time.Now()
	first := make(chan error, 1)
	go func() { first <- send(b, 77, "first") }()
	refused := api.WaitForCall(t, floodWait, func(c tgtest.Call) bool { return c.Err != nil && c.Err.Code == http.StatusTooManyRequests })
	require.Eventually(t, func() bool { return waits.count() == 1 }, floodWait, time.Millisecond, "the client took the 429")

	// While the chat is paused, another message to it waits too; another chat does not.
	second := make(chan error, 1)
	go func() { second <- send(b, 77, "second") }()
	require.NoError(t, send(b, 88, "elsewhere"))
	elsewhere := sent(api, 88)
	require.Len(t, elsewhere, 1)
	assert.Less(t, elsewhere[0].At.Sub(refused.At), time.Second, "another chat is not paused")

	require.NoError(t, <-first)
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "the call waited out retry_after")
	require.NoError(t, <-second)
	calls := sent(api, 77)
	require.Len(t, calls, 3, "the refused try, its retry, and the second message:\n%v", calls)
	for _, c := range calls[1:] {
		assert.Nil(t, c.Err)
		assert.GreaterOrEqual(t, c.At.Sub(refused.At), time.Second, "%s came before the pause ended", c.Params["text"])
	}
	assert.Equal(t, 1, waits.count())
}

func TestA429WithoutAChatPausesEveryCall(t *testing.T) {
	t.Parallel()
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	b := floodClient(t, api.URL(), Config{Retries: 1, AttemptTimeout: floodWait}, nil)
	api.FailNext("getMe", 1, http.StatusTooManyRequests, "", 1)

	start := time.Now()
	_, err := b.GetMe(context.Background())
	require.NoError(t, err)
	require.NoError(t, send(b, 77, "after"))
	assert.GreaterOrEqual(t, time.Since(start), time.Second)
	assert.Len(t, api.CallsTo("getMe"), 2)
}

func TestA429IsReturnedAtOnceWhenTheCallerCannotWaitThatLong(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	b := floodClient(t, api.URL(), Config{Retries: 3, AttemptTimeout: floodWait}, nil)
	api.FailNext("sendMessage", 1, http.StatusTooManyRequests, "", 30)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 77, Text: "hi"})
	var flood *bot.TooManyRequestsError
	require.ErrorAs(t, err, &flood)
	assert.Equal(t, 30, flood.RetryAfter)
	assert.Less(t, time.Since(start), time.Second, "no point waiting 30 s for a caller gone in 2")
	assert.Len(t, api.CallsTo("sendMessage"), 1)
}

func TestServerErrorsAreRetriedWithBackoffABoundedNumberOfTimes(t *testing.T) {
	t.Run("502 twice, then the one message is sent", func(t *testing.T) {
		api := tgtest.NewServer()
		t.Cleanup(api.Close)
		b := floodClient(t, api.URL(), Config{Retries: 3, Backoff: 20 * time.Millisecond, AttemptTimeout: floodWait}, nil)
		api.FailNext("sendMessage", 2, http.StatusBadGateway, "", 0)

		require.NoError(t, send(b, 77, "hello"))
		calls := api.CallsTo("sendMessage")
		require.Len(t, calls, 3)
		assert.Nil(t, calls[2].Err)
		assert.Len(t, api.Messages(77), 1, "the user got it once")
		// Jittered exponential backoff: at least half of 20 ms, then of 40 ms.
		assert.GreaterOrEqual(t, calls[1].At.Sub(calls[0].At), 10*time.Millisecond)
		assert.GreaterOrEqual(t, calls[2].At.Sub(calls[1].At), 20*time.Millisecond)
	})
	t.Run("past the retries the error reaches the caller", func(t *testing.T) {
		api := tgtest.NewServer()
		t.Cleanup(api.Close)
		b := floodClient(t, api.URL(), Config{Retries: 2, Backoff: time.Millisecond, AttemptTimeout: floodWait}, nil)
		api.FailNext("sendMessage", 5, http.StatusInternalServerError, "", 0)

		err := send(b, 77, "hello")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "500")
		assert.Len(t, api.CallsTo("sendMessage"), 3)
	})
	t.Run("a 504 leaves a message's fate unknown: not repeated", func(t *testing.T) {
		api := tgtest.NewServer()
		t.Cleanup(api.Close)
		b := floodClient(t, api.URL(), Config{Retries: 3, Backoff: time.Millisecond, AttemptTimeout: floodWait}, nil)
		api.FailNext("sendMessage", 1, http.StatusGatewayTimeout, "", 0)

		require.Error(t, send(b, 77, "hello"))
		assert.Len(t, api.CallsTo("sendMessage"), 1)
	})
	t.Run("a 403 is final", func(t *testing.T) {
		api := tgtest.NewServer()
		t.Cleanup(api.Close)
		b := floodClient(t, api.URL(), Config{Retries: 3, Backoff: time.Millisecond, AttemptTimeout: floodWait}, nil)
		api.Block(77)

		err := send(b, 77, "hello")
		require.ErrorIs(t, err, bot.ErrorForbidden)
		assert.Len(t, api.CallsTo("sendMessage"), 1)
	})
}

// brokenAPI answers Bot API calls like Telegram, except that it cuts the connection of the first
// cut calls of each method after reading the whole request, or, with hang, never answers them.
type brokenAPI struct {
	*httptest.Server
	cut  int
	hang bool

	mu    sync.Mutex
	calls map[string]int
}

func newBrokenAPI(t *testing.T, cut int, hang bool) *brokenAPI {
	a := &brokenAPI{cut: cut, hang: hang, calls: map[string]int{}}
	a.Server = httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(a.Close)
	return a
}

func (a *brokenAPI) serve(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body) // the whole request arrived: the call may have been done
	method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	a.mu.Lock()
	a.calls[method]++
	n := a.calls[method]
	a.mu.Unlock()
	switch {
	case n <= a.cut && a.hang:
		<-r.Context().Done() // until the client gives up
	case n <= a.cut:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(err)
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0) // a reset, not a clean close
		}
		_ = conn.Close()
	default:
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true,"result":{"message_id":1,"date":0,"chat":{"id":77,"type":"private"},"text":"hi"}}`)
	}
}

func (a *brokenAPI) count(method string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.calls[method]
}

func edit(b *bot.Bot, text string) error {
	_, err := b.EditMessageText(context.Background(), &bot.EditMessageTextParams{ChatID: 77, MessageID: 1, Text: text})
	return err
}

func TestAConnectionLostAfterSendingRepeatsOnlyCallsSafeToRepeat(t *testing.T) {
	api := newBrokenAPI(t, 1, false)
	b := floodClient(t, api.URL, Config{Retries: 3, Backoff: time.Millisecond, AttemptTimeout: floodWait}, nil)

	require.Error(t, send(b, 77, "hello"), "the message may have been sent: the caller is told, nothing is repeated")
	assert.Equal(t, 1, api.count("sendMessage"))

	require.NoError(t, edit(b, "hello"), "an edit done twice is done once: it is repeated")
	assert.Equal(t, 2, api.count("editMessageText"))
}

func TestAHungCallIsAbandonedAfterTheAttemptTimeout(t *testing.T) {
	api := newBrokenAPI(t, 1, true)
	b := floodClient(t, api.URL, Config{Retries: 3, Backoff: time.Millisecond, AttemptTimeout: 200 * time.Millisecond}, nil)

	start := time.Now()
	err := send(b, 77, "hello")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no answer within 200ms")
	assert.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond)
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Equal(t, 1, api.count("sendMessage"), "a message that may have been sent is not sent again")

	require.NoError(t, edit(b, "hello"))
	assert.Equal(t, 2, api.count("editMessageText"), "the edit timed out once, then went through")
}

// roundTripFunc is a RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestANetworkErrorBeforeSendingIsRetriedForAnyCall(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	var refused atomic.Int32
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if refused.Add(1) <= 2 { // the connection could not even be opened
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	c := Config{Retries: 3, Backoff: time.Millisecond, AttemptTimeout: floodWait}
	b, err := bot.New(tgtest.Token, bot.WithSkipGetMe(), bot.WithServerURL(api.URL()),
		bot.WithHTTPClient(time.Second, &http.Client{Transport: c.Transport(next, zaptest.NewLogger(t))}))
	require.NoError(t, err)

	require.NoError(t, send(b, 77, "hello"))
	assert.Len(t, api.CallsTo("sendMessage"), 1)
	assert.Len(t, api.Messages(77), 1)
}

// arrivals are when the server got each call, in order.
func arrivals(calls []tgtest.Call) []time.Time {
	at := make([]time.Time, len(calls))
	for i, c := range calls {
		at[i] = c.At
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	return at
}

// assertPaced checks calls came at least interval apart (allowing for the network's jitter on
// each, and exactly in total), after the first burst ones that may come at once.
func assertPaced(t *testing.T, at []time.Time, burst int, interval time.Duration) {
	t.Helper()
	const jitter = 10 * time.Millisecond
	paced := at[burst-1:]
	for i := 1; i < len(paced); i++ {
		assert.GreaterOrEqual(t, paced[i].Sub(paced[i-1]), interval/2, "call %d came too soon after the one before", burst+i)
	}
	assert.GreaterOrEqual(t, paced[len(paced)-1].Sub(at[0]), time.Duration(len(paced)-1)*interval-jitter)
}

func TestMessagesToOneChatArePacedAfterABurst(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	b := floodClient(t, api.URL(), Config{ChatPerSec: 20, ChatBurst: 3, AttemptTimeout: floodWait}, nil)

	start := time.Now()
	for i := range 7 {
		require.NoError(t, send(b, 77, fmt.Sprint(i)))
	}
	at := arrivals(sent(api, 77))
	require.Len(t, at, 7)
	assert.Less(t, at[2].Sub(start), 40*time.Millisecond, "the first three go at once")
	assertPaced(t, at, 3, 50*time.Millisecond) // 20 a second: 4 more take 200 ms

	// Another chat has its own pace: its first message goes at once.
	other := time.Now()
	require.NoError(t, send(b, 88, "hi"))
	assert.Less(t, time.Since(other), 40*time.Millisecond)
}

func TestAllCallsTogetherKeepTheGlobalRate(t *testing.T) {
	t.Parallel()
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	b := floodClient(t, api.URL(), Config{GlobalPerSec: 5, AttemptTimeout: floodWait}, nil)

	start := time.Now()
	var wg sync.WaitGroup
	for chat := range int64(8) {
		wg.Go(func() { assert.NoError(t, send(b, 100+chat, "hi")) })
	}
	wg.Wait()
	at := arrivals(api.CallsTo("sendMessage"))
	require.Len(t, at, 8)
	assert.Less(t, at[4].Sub(start), 500*time.Millisecond, "below the limit calls go at once")
	for i := 5; i < len(at); i++ {
		assert.GreaterOrEqual(t, at[i].Sub(at[i-5]), time.Second-arrivalJitter, "six calls within a second")
	}
}

func TestAWindowLetsCountCallsStartInAnyPeriod(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	t.Run("thirty a second: the 31st waits until the first is a second old", func(t *testing.T) {
		w := newWindow(30, time.Second)
		for i := range 30 {
			assert.Equal(t, t0.Add(time.Duration(i)*time.Millisecond), w.reserve(t0.Add(time.Duration(i)*time.Millisecond)))
		}
		assert.Equal(t, t0.Add(time.Second), w.reserve(t0.Add(100*time.Millisecond)))
		assert.Equal(t, t0.Add(time.Second+time.Millisecond), w.reserve(t0.Add(100*time.Millisecond)))
		assert.Equal(t, t0.Add(5*time.Second), w.reserve(t0.Add(5*time.Second)), "long after: at once")
	})
	t.Run("twenty a minute", func(t *testing.T) {
		w := newWindow(20, time.Minute)
		for range 20 {
			assert.Equal(t, t0, w.reserve(t0))
		}
		assert.Equal(t, t0.Add(time.Minute), w.reserve(t0.Add(time.Second)))
	})
	t.Run("half a call a second is one in any two seconds", func(t *testing.T) {
		w := newWindow(0.5, time.Second)
		assert.Equal(t, t0, w.reserve(t0))
		assert.Equal(t, t0.Add(2*time.Second), w.reserve(t0))
	})
	t.Run("a pause holds every slot back", func(t *testing.T) {
		w := newWindow(30, time.Second)
		w.pause(t0.Add(3 * time.Second))
		assert.Equal(t, t0.Add(3*time.Second), w.reserve(t0))
		assert.False(t, w.idle(t0.Add(2*time.Second)))
		assert.True(t, w.idle(t0.Add(5*time.Second)))
	})
	t.Run("no limit: at once, but it can be paused", func(t *testing.T) {
		w := newWindow(0, time.Second)
		assert.Equal(t, t0, w.reserve(t0))
		w.pause(t0.Add(time.Second))
		assert.Equal(t, t0.Add(time.Second), w.reserve(t0))
	})
}

func TestAGroupGetsItsPerMinuteLimitOnTopOfItsChatPace(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	l := newLimiter(Config{GlobalPerSec: 30, ChatPerSec: 1, ChatBurst: 3, GroupPerMin: 20}, func() time.Time { return t0 })
	group := apiCall{method: "sendMessage", chat: "-100123"}
	assert.Len(t, l.buckets(group), 3, "the group's window, its chat's pace, all calls")
	assert.Len(t, l.buckets(apiCall{method: "sendMessage", chat: "77"}), 2, "a private chat is no group")
	assert.Len(t, l.buckets(apiCall{method: "answerCallbackQuery"}), 1)

	starts := func(c apiCall, n int) []time.Time { // when each call's narrowest slot comes
		var at []time.Time
		for range n {
			at = append(at, l.buckets(c)[0].reserve(t0))
		}
		return at
	}
	at := starts(group, 21)
	assert.Equal(t, t0, at[19], "twenty at once as far as the group goes")
	assert.Equal(t, t0.Add(time.Minute), at[20])

	// The chat's own pace: three at once, then one a second.
	assert.Equal(t, []time.Time{t0, t0, t0, t0.Add(time.Second), t0.Add(2 * time.Second)}, starts(apiCall{method: "sendMessage", chat: "77"}, 5))
}

func TestAWaitLongerThanTheCallerHasFailsAtOnce(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	b := floodClient(t, api.URL(), Config{ChatPerSec: 1, ChatBurst: 1, AttemptTimeout: floodWait}, nil)
	require.NoError(t, send(b, 77, "first"))

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 77, Text: "second"})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 200*time.Millisecond, "the slot is a second away: no use waiting")
	assert.Len(t, sent(api, 77), 1)
}

func TestIdlePacesAreForgotten(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	l := newLimiter(Config{ChatPerSec: 1, ChatBurst: 1, GroupPerMin: 20}, func() time.Time { return now })
	for _, chat := range []string{"1", "2", "-3"} {
		require.NoError(t, l.wait(context.Background(), apiCall{method: "sendMessage", chat: chat}))
	}
	assert.Len(t, l.chats, 3)
	assert.Len(t, l.groups, 1)

	now = now.Add(2 * sweepEvery)
	require.NoError(t, l.wait(context.Background(), apiCall{method: "sendMessage", chat: "4"}))
	assert.Len(t, l.chats, 1, "only the chat just written to is kept")
	assert.Empty(t, l.groups)
}

func TestTheChatIDIsFoundHoweverTheParametersCame(t *testing.T) {
	cases := []struct {
		name, contentType, url, body, want string
	}{
		{"a multipart form", "multipart/form-data; boundary=XX", "/bot1:a/sendMessage",
			"--XX\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--XX\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n-100123\r\n--XX--\r\n", "-100123"},
		{"a url-encoded form", "application/x-www-form-urlencoded", "/bot1:a/sendMessage", "text=hi&chat_id=77", "77"},
		{"json with a number", "application/json", "/bot1:a/sendMessage", `{"chat_id":77,"text":"hi"}`, "77"},
		{"json with a channel name", "application/json", "/bot1:a/sendMessage", `{"chat_id":"@news"}`, "@news"},
		{"the query string", "", "/bot1:a/sendMessage?chat_id=5", "", "5"},
		{"no chat", "application/json", "/bot1:a/answerCallbackQuery", `{"callback_query_id":"1"}`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, tc.url, strings.NewReader(tc.body))
			r.Header.Set("Content-Type", tc.contentType)
			assert.Equal(t, tc.want, chatIDOf(r, []byte(tc.body)))
		})
	}
}

func TestWhichCallsArePacedPerChatAndWhichMayBeRepeated(t *testing.T) {
	for method, want := range map[string][2]bool{
		"sendMessage": {true, false}, "sendPhoto": {true, false}, "copyMessage": {true, false},
		"editMessageText": {true, true}, "sendChatAction": {false, false}, "answerCallbackQuery": {false, true},
		"answerInlineQuery": {false, true}, "getMe": {false, true}, "setMyCommands": {false, true},
		"deleteWebhook": {false, true}, "deleteMessage": {false, true}, "getFile": {false, true},
	} {
		c := apiCall{method: method, chat: "1"}
		assert.Equal(t, want, [2]bool{c.sendsMessage(), c.repeatable()}, method)
	}
}

func TestMethodKeepsTheTokenOutOfLabels(t *testing.T) {
	assert.Equal(t, "sendMessage", Method("/bot123:secret/sendMessage"))
	assert.Equal(t, "other", Method("/file/bot123:secret/documents/a.pdf"))
	assert.Equal(t, "other", Method("/bot123:secret/"))
	assert.Equal(t, "getUpdates", Method("/telegram-api/bot123:secret/getUpdates"), "BOT_API_URL with a path")
	assert.Equal(t, "other", Method("/file/bot123:secret/photos/abc"))
}
