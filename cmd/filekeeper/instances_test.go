package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/redis/redistest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/tcpproxy"
)

// Several instances in webhook mode behind a round-robin load balancer, against the stand-in
// with Telegram's flood limits on: with Redis they keep the limits together.

// balancer is a round-robin HTTP load balancer in front of the instances: the webhook's
// public address.
type balancer struct {
	srv *httptest.Server

	mu      sync.Mutex
	targets []*url.URL
	next    int
	served  map[string]int // deliveries by target
}

func newBalancer(t *testing.T) *balancer {
	b := &balancer{served: map[string]int{}}
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(b.pick()) }}
	b.srv = httptest.NewServer(proxy)
	t.Cleanup(b.srv.Close)
	return b
}

func (b *balancer) add(in *instance) {
	u, err := url.Parse(in.url(""))
	require.NoError(in.t, err)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.targets = append(b.targets, u)
}

func (b *balancer) pick() *url.URL {
	b.mu.Lock()
	defer b.mu.Unlock()
	u := b.targets[b.next%len(b.targets)]
	b.next++
	b.served[u.Host]++
	return u
}

// spread is the fewest deliveries any instance got.
func (b *balancer) spread() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	fewest := -1
	for _, u := range b.targets {
		if n := b.served[u.Host]; fewest < 0 || n < fewest {
			fewest = n
		}
	}
	return fewest
}

// burst is what a burst of messages from many chats at once did at the stand-in.
type burst struct {
	chats      int
	answered   int           // chats that got their answer
	twice      int           // chats answered more than once
	sent       int           // messages the stand-in took
	refused    int           // 429 answers it gave
	maxPerSec  int           // the most messages taken in any second
	maxTried   int           // the most messages sent in any second, refused ones included
	took       time.Duration // from the first message taken to the last
	perSecMean float64
	fewest     int // deliveries to the instance that got the fewest
}

func (b burst) String() string {
	return fmt.Sprintf("%d chats: %d answered (%d twice), %d messages in %v (%.1f a second, at most %d in any second; %d sent in any second, refused ones included), %d answered 429",
		b.chats, b.answered, b.twice, b.sent, b.took.Round(time.Millisecond), b.perSecMean, b.maxPerSec, b.maxTried, b.refused)
}

// burstChats is how many chats the burst comes from: 300, or FILEKEEPER_BURST_CHATS for the
// long run (make test-long: 10,000).
func burstChats(t *testing.T) int {
	n := 300
	if s := os.Getenv("FILEKEEPER_BURST_CHATS"); s != "" {
		var err error
		n, err = strconv.Atoi(s)
		require.NoError(t, err, "FILEKEEPER_BURST_CHATS")
	}
	return n
}

// fleet is 3 instances in webhook mode behind a balancer, against the stand-in with
// Telegram's flood limits on.
type fleet struct {
	api       *tgtest.Server
	lb        *balancer
	instances []*instance
}

// newFleet starts the 3 instances, sharing the Redis at redisURL unless it is "".
func newFleet(t *testing.T, redisURL string) *fleet {
	f := &fleet{lb: newBalancer(t), api: tgtest.NewServerWith(botapi.Options{
		Flood:   botapi.FloodLimits{Global: 30, PerChat: 1, PerGroup: 20},
		Webhook: botapi.WebhookOptions{Parallel: true, RetryMin: 50 * time.Millisecond, RetryMax: time.Second},
	})}
	t.Cleanup(f.api.Close)
	cfg := baseConfig(t, f.api.URL(), pgtest.NewDatabase(t))
	cfg.WebhookURL, cfg.WebhookSecret, cfg.WebhookMaxConnections = f.lb.srv.URL+webhookPath, webhookSecret, 40
	cfg.FloodGlobalPerSec, cfg.FloodChatPerSec, cfg.FloodChatBurst, cfg.FloodGroupPerMin = 30, 1, 1, 20
	cfg.UpdateTimeout = 2 * time.Minute
	cfg.AdminIDs = []int64{admin.ID}
	if redisURL != "" {
		cfg.RedisURL, cfg.RedisPrefix, cfg.Instances = redisURL, redistest.Prefix(t), 3
	}
	for _, name := range []string{"a", "b", "c"} {
		in := startInstance(t, name, cfg)
		f.lb.add(in)
		f.instances = append(f.instances, in)
	}
	return f
}

// burst has chats users (ids from first on) send /start at once, waits until the bot wrote to
// each (successfully, or at all), and reads what the stand-in saw of it.
func (f *fleet) burst(t *testing.T, first int64, chats int, successfully bool) burst {
	mark := f.api.LastSeq()
	for i := range int64(chats) {
		f.api.SendText(models.User{ID: first + i, FirstName: fmt.Sprintf("User%d", i)}, "/start")
	}
	deadline := time.Duration(chats)*time.Second/10 + time.Minute // 30 a second with room to spare
	require.Eventually(t, func() bool { return greeted(f.api, mark, successfully) >= chats }, deadline, 100*time.Millisecond,
		"every chat written to (successfully: %v)", successfully)
	b := measure(f.api, mark, chats)
	b.fewest = f.lb.spread()
	return b
}

// runBurst starts a fleet (sharing Redis when shared), has chats users send /start at once,
// and reads what the stand-in saw.
func runBurst(t *testing.T, chats int, shared bool) (burst, *fleet) {
	redisURL := ""
	if shared {
		redisURL = redistest.URL(t)
	}
	f := newFleet(t, redisURL)
	// Without Redis a call refused too often fails, and its update is delivered again later.
	return f.burst(t, 5_000_000, chats, shared), f
}

// admin may see /stats.
var admin = models.User{ID: 4_000_001, FirstName: "Admin"}

// askStats has the admin ask for /stats and returns the answer, with the messages sent to the
// users in the minute before.
func askStats(t *testing.T, api *tgtest.Server) (string, int) {
	mark := api.LastSeq()
	asked := time.Now()
	api.SendText(admin, "/stats")
	answer := api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Seq > mark && c.Err == nil && c.Params["chat_id"] == fmt.Sprint(admin.ID) && strings.Contains(c.Params["text"], "📊")
	})
	n := 0
	for _, c := range api.CallsTo("sendMessage") {
		if c.Err == nil && strings.HasPrefix(c.Params["chat_id"], "5") && asked.Sub(c.At) < time.Minute {
			n++
		}
	}
	return answer.Params["text"], n
}

var updatesPerSecond = regexp.MustCompile(`Updates: ([0-9.]+) a second`)

// greeted counts the users' chats the bot wrote to after the call mark: successfully, or at all.
func greeted(api *tgtest.Server, mark int, successfully bool) int {
	chats := map[string]bool{}
	for _, c := range api.CallsTo("sendMessage") {
		if c.Seq > mark && (c.Err == nil || !successfully) && c.Params["chat_id"] != fmt.Sprint(admin.ID) {
			chats[c.Params["chat_id"]] = true
		}
	}
	return len(chats)
}

func measure(api *tgtest.Server, mark, chats int) burst {
	b := burst{chats: chats}
	perChat := map[string]int{}
	var at, tried []time.Time
	for _, c := range api.Calls() {
		if c.Seq <= mark || !strings.HasPrefix(c.Method, "send") && !strings.HasPrefix(c.Method, "edit") {
			continue
		}
		tried = append(tried, c.At)
		switch {
		case c.Err != nil && c.Err.Code == http.StatusTooManyRequests:
			b.refused++
		case c.Err == nil:
			b.sent++
			perChat[c.Params["chat_id"]]++
			at = append(at, c.At)
		}
	}
	for _, n := range perChat {
		b.answered++
		if n > 1 {
			b.twice++
		}
	}
	b.maxPerSec, b.maxTried = mostInASecond(at), mostInASecond(tried)
	if len(at) > 1 {
		b.took = at[len(at)-1].Sub(at[0])
		b.perSecMean = float64(len(at)-1) / b.took.Seconds()
	}
	return b
}

// mostInASecond is the most of times (in order) within any second.
func mostInASecond(times []time.Time) int {
	most := 0
	for i, j := 0, 0; j < len(times); j++ {
		for times[j].Sub(times[i]) >= time.Second {
			i++
		}
		most = max(most, j-i+1)
	}
	return most
}

func TestThreeInstancesKeepTheFloodLimitsTogetherThroughRedis(t *testing.T) {
	b, f := runBurst(t, burstChats(t), true)
	t.Log("with Redis: " + b.String())
	assert.Equal(t, b.chats, b.answered, "every chat answered")
	assert.Zero(t, b.twice, "no chat answered twice")
	// Every 429 is handled (the chat answered all the same), and there are next to none: a
	// call reaches the stand-in a little after its slot, so one may now and then land in the
	// same second as 30 others. Without Redis there are hundreds.
	assert.LessOrEqual(t, b.refused, b.chats/100, "429s")
	// About 30 a second at most, refused calls included (a call reaches the stand-in a few ms
	// after its slot); without Redis over 50.
	assert.LessOrEqual(t, b.maxTried, 33, "messages sent in any second, all instances together")
	assert.Greater(t, b.fewest, b.chats/4, "the balancer spread the deliveries over the three")
	assertStatsCountAll(t, f, b)
}

// assertStatsCountAll checks /stats, from whichever instance, counts the updates all three
// handled (one for each message to the users in the last minute, less the two seconds the other
// instances may not have added yet) and the 429s all three met. Each instance adds its counts
// every second, so the admin asks again until they are in.
func assertStatsCountAll(t *testing.T, f *fleet, b burst) {
	var stats string
	var shown float64
	var lastMinute int
	for deadline := time.Now().Add(wait); ; {
		stats, lastMinute = askStats(t, f.api)
		m := updatesPerSecond.FindStringSubmatch(stats)
		require.NotNil(t, m, stats)
		var err error
		shown, err = strconv.ParseFloat(m[1], 64)
		require.NoError(t, err)
		in := shown >= float64(lastMinute-60)/60 && strings.Contains(stats, fmt.Sprintf("429 answers in the last hour: %d\n", b.refused))
		if in || time.Now().After(deadline) {
			break
		}
	}
	t.Logf("/stats: %.2f updates a second; %d messages in the last minute", shown, lastMinute)
	assert.GreaterOrEqual(t, shown, float64(lastMinute-60)/60, "updates a second in /stats: all instances'")
	assert.Contains(t, stats, fmt.Sprintf("429 answers in the last hour: %d\n", b.refused), "the 429s of all instances")
}

func TestThreeInstancesWithoutRedisExceedTheLimitsTogether(t *testing.T) {
	// Each keeps 30 a second on its own: 90 together, which the stand-in refuses as Telegram
	// would (each 429 is waited out and retried, a few times).
	b, _ := runBurst(t, 300, false)
	t.Log("without Redis: " + b.String())
	assert.Greater(t, b.refused, 30, "the instances met 429s")
}

func TestWhileRedisIsDownEachInstanceSendsAtItsShareAndSaysSo(t *testing.T) {
	proxy, err := tcpproxy.New(redistest.Addr(t), tcpproxy.Options{})
	require.NoError(t, err)
	t.Cleanup(proxy.Close)
	f := newFleet(t, "redis://"+proxy.Addr()+"/0")
	proxy.Cut()

	// Each instance finds Redis gone with its first call, and sends at 10 a second on its own,
	// evenly: the three together about 30. Their paces are not in step, so now and then 31
	// reach the stand-in within a second: a few 429s, each waited out (no Redis and no share:
	// over 200 in 300 chats).
	b := f.burst(t, 6_000_000, 90, true)
	t.Log("Redis down: " + b.String())
	assert.Equal(t, b.chats, b.answered)
	assert.Zero(t, b.twice)
	assert.LessOrEqual(t, b.refused, b.chats/10, "429s")
	assert.LessOrEqual(t, b.maxTried, 36, "the three together keep about 30 a second (each alone: 30, together 90)")
	for _, in := range f.instances {
		code, body := get(t, in.url("/readyz"))
		assert.Equal(t, http.StatusOK, code, in.name)
		assert.Equal(t, "ready, degraded: Redis unreachable: the flood limits are not shared, this instance sends at 1/3 of them, and /stats counts its own traffic only\n", body, in.name)
		assert.Equal(t, 1, in.logged("redis unreachable"), "%s says it once", in.name)
	}

	require.NoError(t, proxy.Restore())
	for _, in := range f.instances {
		require.Eventually(t, func() bool { _, body := get(t, in.url("/readyz")); return body == "ready\n" }, wait, 50*time.Millisecond, in.name)
		assert.Equal(t, 1, in.logged("redis reachable again"), in.name)
	}
	b = f.burst(t, 6_100_000, 60, true)
	t.Log("Redis back: " + b.String())
	assert.Equal(t, b.chats, b.answered)
	assert.LessOrEqual(t, b.refused, 1, "429s")
	assert.LessOrEqual(t, b.maxTried, 33)
}
