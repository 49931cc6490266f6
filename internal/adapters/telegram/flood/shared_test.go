package flood

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// memShared is a Shared in memory: the generic cell rate algorithm and pauses as a shared store
// keeps them, for transports standing for instances of one bot. While down, every call fails.
type memShared struct {
	mu     sync.Mutex
	tat    map[string]time.Time
	paused map[string]time.Time
	down   bool
	takes  int
}

func newMemShared() *memShared {
	return &memShared{tat: map[string]time.Time{}, paused: map[string]time.Time{}}
}

var errDown = errors.New("connection refused")

func (m *memShared) Take(_ context.Context, key string, count float64, per time.Duration, burst int) (time.Duration, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return 0, errDown
	}
	m.takes++
	now, interval := time.Now(), time.Duration(float64(per)/count)
	tat := later(m.tat[key], now)
	if allowAt := tat.Add(interval - time.Duration(burst)*interval); allowAt.After(now) {
		return allowAt.Sub(now), nil
	}
	m.tat[key] = tat.Add(interval)
	return 0, nil
}

func (m *memShared) Pause(_ context.Context, key string, d time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return errDown
	}
	m.paused[key] = later(m.paused[key], time.Now().Add(d))
	return nil
}

func (m *memShared) PausedFor(_ context.Context, keys []string) (time.Duration, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return 0, errDown
	}
	longest := time.Duration(0)
	for _, k := range keys {
		longest = max(longest, time.Until(m.paused[k]))
	}
	return longest, nil
}

func (m *memShared) setDown(down bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.down = down
}

func (m *memShared) takeCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.takes
}

func TestInstancesSharingTheLimitsKeepTheGlobalRateTogether(t *testing.T) {
	t.Parallel()
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	shared := newMemShared()
	cfg := Config{GlobalPerSec: 10, AttemptTimeout: floodWait, Shared: shared, Instances: 2}
	a, b := floodClient(t, api.URL(), cfg, nil), floodClient(t, api.URL(), cfg, nil)

	var wg sync.WaitGroup
	for chat := range int64(6) {
		wg.Go(func() { assert.NoError(t, send(a, 100+chat, "from a")) })
		wg.Go(func() { assert.NoError(t, send(b, 200+chat, "from b")) })
	}
	wg.Wait()
	at := arrivals(api.CallsTo("sendMessage"))
	require.Len(t, at, 12)
	for i := 10; i < len(at); i++ {
		assert.GreaterOrEqual(t, at[i].Sub(at[i-10]), time.Second-arrivalJitter, "eleven calls of the two within a second")
	}
}

func TestA429ToOneInstanceHoldsTheChatBackForTheOthers(t *testing.T) {
	t.Parallel()
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	shared := newMemShared()
	cfg := Config{ChatPerSec: 100, ChatBurst: 3, Retries: 3, AttemptTimeout: floodWait, Shared: shared, Instances: 2}
	a, b := floodClient(t, api.URL(), cfg, nil), floodClient(t, api.URL(), cfg, nil)
	api.FailNext("sendMessage", 1, http.StatusTooManyRequests, "", 1)

	first := make(chan error, 1)
	go func() { first <- send(a, 77, "first") }()
	refused := api.WaitForCall(t, floodWait, func(c tgtest.Call) bool { return c.Err != nil })
	require.Eventually(t, func() bool {
		d, _ := shared.PausedFor(context.Background(), []string{fmt.Sprint(tgtest.BotID) + ":chat:77"})
		return d > 0
	},
		floodWait, time.Millisecond, "the pause is in the shared store")

	require.NoError(t, send(b, 77, "second, by the other instance"))
	require.NoError(t, <-first)
	calls := sent(api, 77)
	require.Len(t, calls, 3)
	for _, c := range calls[1:] {
		assert.GreaterOrEqual(t, c.At.Sub(refused.At), time.Second-arrivalJitter, "nothing reaches the chat before retry_after")
	}
	assert.NoError(t, send(b, 88, "another chat is not held back"))
}

func TestWhileTheSharedStoreIsDownAnInstanceSendsAtItsShare(t *testing.T) {
	t.Parallel()
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	shared := newMemShared()
	shared.setDown(true)
	// Three instances at 30 a second together: 10 a second each, on its own.
	b := floodClient(t, api.URL(), Config{GlobalPerSec: 30, AttemptTimeout: floodWait, Shared: shared, Instances: 3}, nil)

	var wg sync.WaitGroup
	for chat := range int64(12) {
		wg.Go(func() { assert.NoError(t, send(b, 100+chat, "hi")) })
	}
	wg.Wait()
	at := arrivals(api.CallsTo("sendMessage"))
	require.Len(t, at, 12)
	for i := 10; i < len(at); i++ {
		assert.GreaterOrEqual(t, at[i].Sub(at[i-10]), time.Second-arrivalJitter, "eleven calls within a second")
	}

	shared.setDown(false)
	require.NoError(t, send(b, 300, "back"))
	assert.Positive(t, shared.takeCount(), "the store is used again once it answers")
}

func TestTheSharedLimitsAreTheLocalOnesAsCellRates(t *testing.T) {
	cfg := Config{GlobalPerSec: 30, ChatPerSec: 1, ChatBurst: 3, GroupPerMin: 20}
	assert.Equal(t, []sharedLimit{
		{key: "42:group:-100123", count: 18, per: time.Minute, burst: 3}, // 3 at once + 17 more in the minute = 20
		{key: "42:chat:-100123", count: 1, per: time.Second, burst: 3},
		{key: "42:all", count: 30, per: time.Second, burst: 1},
	}, cfg.sharedLimits("42", apiCall{method: "sendMessage", chat: "-100123"}))
	assert.Equal(t, []sharedLimit{{key: "42:all", count: 30, per: time.Second, burst: 1}}, cfg.sharedLimits("42", apiCall{method: "answerCallbackQuery"}))

	assert.Equal(t, Config{GlobalPerSec: 10, ChatPerSec: 1.0 / 3, ChatBurst: 1, GroupPerMin: 20.0 / 3}, cfg.share(3))
	assert.Equal(t, cfg, cfg.share(1))
	assert.Equal(t, cfg, cfg.share(0))
}

func TestTheBotOfAPathIsTheTokensID(t *testing.T) {
	assert.Equal(t, "123", botOf("/bot123:secret/sendMessage"))
	assert.Equal(t, "123", botOf("/api/bot123:secret/sendMessage"))
	assert.Equal(t, "", botOf("/sendMessage"))
	assert.Equal(t, "", botOf("/bot/sendMessage"))
}
