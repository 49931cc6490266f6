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
	// stats is the /stats an admin got right after, from any instance; lastMinute the messages
	// sent in the minute before it.
	stats      string
	lastMinute int
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

// runBurst starts 3 instances (sharing Redis when shared), has chats users send /start at
// once, waits until each is answered, and reads what the stand-in saw.
func runBurst(t *testing.T, chats int, shared bool) burst {
	api := tgtest.NewServerWith(botapi.Options{
		Flood:   botapi.FloodLimits{Global: 30, PerChat: 1, PerGroup: 20},
		Webhook: botapi.WebhookOptions{Parallel: true, RetryMin: 50 * time.Millisecond, RetryMax: time.Second},
	})
	t.Cleanup(api.Close)
	lb := newBalancer(t)
	dbURL := pgtest.NewDatabase(t)
	cfg := baseConfig(t, api.URL(), dbURL)
	cfg.WebhookURL, cfg.WebhookSecret, cfg.WebhookMaxConnections = lb.srv.URL+webhookPath, webhookSecret, 40
	cfg.FloodGlobalPerSec, cfg.FloodChatPerSec, cfg.FloodChatBurst, cfg.FloodGroupPerMin = 30, 1, 1, 20
	cfg.UpdateTimeout = 2 * time.Minute
	cfg.AdminIDs = []int64{admin.ID}
	if shared {
		cfg.RedisURL, cfg.RedisPrefix, cfg.Instances = redistest.URL(t), redistest.Prefix(t), 3
	}
	for _, name := range []string{"a", "b", "c"} {
		in := startInstance(t, name, cfg)
		lb.add(in)
		if shared {
			in.waitLog("redis: flood limits and /stats counts shared with the other instances")
		}
	}

	for i := range chats {
		api.SendText(models.User{ID: int64(5_000_000 + i), FirstName: fmt.Sprintf("User%d", i)}, "/start")
	}
	deadline := time.Duration(chats)*time.Second/10 + time.Minute // 30 a second with room to spare
	if shared {
		require.Eventually(t, func() bool { return greeted(api, true) >= chats }, deadline, 100*time.Millisecond, "every chat is answered")
	} else { // answered or not: a call refused too often fails, and its update is delivered again
		require.Eventually(t, func() bool { return greeted(api, false) >= chats }, deadline, 100*time.Millisecond, "every chat is written to")
	}
	b := measure(api, chats)
	b.fewest = lb.spread()
	if shared {
		b.stats, b.lastMinute = askStats(t, api)
	}
	return b
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

// greeted counts the users' chats the bot wrote to: successfully, or at all.
func greeted(api *tgtest.Server, successfully bool) int {
	chats := map[string]bool{}
	for _, c := range api.CallsTo("sendMessage") {
		if (c.Err == nil || !successfully) && strings.HasPrefix(c.Params["chat_id"], "5") {
			chats[c.Params["chat_id"]] = true
		}
	}
	return len(chats)
}

func measure(api *tgtest.Server, chats int) burst {
	b := burst{chats: chats}
	perChat := map[string]int{}
	var at, tried []time.Time
	for _, c := range api.Calls() {
		if !strings.HasPrefix(c.Method, "send") && !strings.HasPrefix(c.Method, "edit") {
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
	b := runBurst(t, burstChats(t), true)
	t.Log("with Redis: " + b.String())
	assert.Equal(t, b.chats, b.answered, "every chat answered")
	assert.Zero(t, b.twice, "no chat answered twice")
	// Every 429 is handled (the chat answered all the same), and there are next to none: a
	// call reaches the stand-in a little after its slot, so one may now and then land in the
	// same second as 30 others. Without Redis there are hundreds.
	assert.LessOrEqual(t, b.refused, b.chats/100, "429s")
	assert.LessOrEqual(t, b.maxPerSec, 30, "at most 30 messages in any second, all instances together")
	assert.Greater(t, b.fewest, b.chats/4, "the balancer spread the deliveries over the three")

	// /stats, from whichever instance, counts the updates all three handled (one each of the
	// users' messages of the last minute, minus at most a second not yet added).
	m := updatesPerSecond.FindStringSubmatch(b.stats)
	require.NotNil(t, m, b.stats)
	shown, err := strconv.ParseFloat(m[1], 64)
	require.NoError(t, err)
	t.Logf("/stats: %.2f updates a second; %d messages in the last minute", shown, b.lastMinute)
	assert.GreaterOrEqual(t, shown, float64(b.lastMinute-31)/60, "updates a second in /stats: all instances'")
	assert.Contains(t, b.stats, "429 answers in the last hour: 0")
}

func TestThreeInstancesWithoutRedisExceedTheLimitsTogether(t *testing.T) {
	// Each keeps 30 a second on its own: 90 together, which the stand-in refuses as Telegram
	// would (each 429 is waited out and retried, a few times).
	b := runBurst(t, 300, false)
	t.Log("without Redis: " + b.String())
	assert.Greater(t, b.refused, 30, "the instances met 429s")
}
