package redis

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/redis/redistest"
	"github.com/filekeeper/filekeeper/internal/tcpproxy"
)

// The adapter is tested against the real Redis of TEST_REDIS_URL; each test has a key prefix
// of its own. Two clients stand for two instances.

const wait = 5 * time.Second

func started(t *testing.T, cfg Config) (*Client, *observer.ObservedLogs) {
	t.Helper()
	core, logs := observer.New(zapcore.InfoLevel)
	c, err := NewClient(cfg, zap.New(core))
	require.NoError(t, err)
	c.probeEvery = 20 * time.Millisecond
	require.NoError(t, c.Start(context.Background()))
	t.Cleanup(func() { _ = c.Stop(context.Background()) })
	return c, logs
}

func twoInstances(t *testing.T) (a, b *Client) {
	cfg := Config{URL: redistest.URL(t), Prefix: redistest.Prefix(t), Instances: 2}
	a, _ = started(t, cfg)
	b, _ = started(t, cfg)
	return a, b
}

func TestASlotTakenByOneInstanceIsGoneForTheOthers(t *testing.T) {
	a, b := twoInstances(t)
	la, lb := NewLimiter(a), NewLimiter(b)
	ctx := context.Background()
	for i := range 5 { // one a second after a burst of five, whichever instance takes them
		l := la
		if i%2 == 1 {
			l = lb
		}
		retry, err := l.Take(ctx, "bot:chat:7", 1, time.Second, 5)
		require.NoError(t, err)
		assert.Zero(t, retry, "slot %d of the burst", i+1)
	}
	retry, err := la.Take(ctx, "bot:chat:7", 1, time.Second, 5)
	require.NoError(t, err)
	assert.InDelta(t, time.Second, retry, float64(100*time.Millisecond), "the sixth waits a second")
	retry, err = lb.Take(ctx, "bot:chat:8", 1, time.Second, 5)
	require.NoError(t, err)
	assert.Zero(t, retry, "another chat has its own limit")

	// Half a call a second: the next one two seconds after.
	_, err = la.Take(ctx, "bot:slow", 0.5, time.Second, 1)
	require.NoError(t, err)
	retry, err = lb.Take(ctx, "bot:slow", 0.5, time.Second, 1)
	require.NoError(t, err)
	assert.InDelta(t, 2*time.Second, retry, float64(100*time.Millisecond))
}

func TestAPauseHoldsEveryInstanceBack(t *testing.T) {
	a, b := twoInstances(t)
	la, lb := NewLimiter(a), NewLimiter(b)
	ctx := context.Background()
	d, err := lb.PausedFor(ctx, []string{"bot:chat:7", "bot:all"})
	require.NoError(t, err)
	assert.Zero(t, d)

	require.NoError(t, la.Pause(ctx, "bot:chat:7", 3*time.Second))
	require.NoError(t, la.Pause(ctx, "bot:chat:7", time.Second), "a shorter pause does not cut the longer one")
	d, err = lb.PausedFor(ctx, []string{"bot:chat:7", "bot:all"})
	require.NoError(t, err)
	assert.InDelta(t, 3*time.Second, d, float64(200*time.Millisecond))
	d, err = lb.PausedFor(ctx, []string{"bot:chat:8", "bot:all"})
	require.NoError(t, err)
	assert.Zero(t, d, "another chat is not paused")
}

func TestCountsAddUpAcrossInstances(t *testing.T) {
	a, b := twoInstances(t)
	ca, cb := NewCounters(a), NewCounters(b)
	ctx := context.Background()
	require.NoError(t, ca.Add(ctx, map[string]int{"updates:1": 3, "updates:2": 1}, time.Minute))
	require.NoError(t, cb.Add(ctx, map[string]int{"updates:2": 4}, time.Minute))
	sum, err := cb.Sum(ctx, []string{"updates:1", "updates:2", "updates:3"})
	require.NoError(t, err)
	assert.Equal(t, 8, sum)
}

func TestTheRateLimitedUsersOfEveryInstanceAreCounted(t *testing.T) {
	a, b := twoInstances(t)
	la, lb := NewLimitedUsers(a), NewLimitedUsers(b)
	ctx := context.Background()
	now := time.Now()
	require.NoError(t, la.Note(ctx, 43, now.Add(-2*time.Hour)))
	require.NoError(t, la.Note(ctx, 44, now.Add(-30*time.Minute)))
	require.NoError(t, lb.Note(ctx, 45, now))
	require.NoError(t, lb.Note(ctx, 44, now.Add(-50*time.Minute)), "an older note does not move a newer one back")
	n, err := lb.CountSince(ctx, now.Add(-time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 2, n, "44 and 45 in the last hour; 43 was forgotten")
	n, err = la.CountSince(ctx, now.Add(-10*time.Minute))
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

func TestWhileRedisIsDownCallsFailAtOnceAndItIsFoundBack(t *testing.T) {
	proxy, err := tcpproxy.New(redistest.Addr(t), tcpproxy.Options{})
	require.NoError(t, err)
	t.Cleanup(proxy.Close)
	c, logs := started(t, Config{URL: "redis://" + proxy.Addr() + "/0", Prefix: redistest.Prefix(t), Instances: 3})
	l := NewLimiter(c)
	ctx := context.Background()
	_, err = l.Take(ctx, "bot:all", 30, time.Second, 1)
	require.NoError(t, err)
	assert.Empty(t, c.Degraded())

	proxy.Cut()
	_, err = l.Take(ctx, "bot:all", 30, time.Second, 1)
	require.ErrorIs(t, err, ErrUnavailable)
	start := time.Now()
	for range 100 {
		_, err = l.Take(ctx, "bot:all", 30, time.Second, 1)
		require.ErrorIs(t, err, ErrUnavailable)
	}
	assert.Less(t, time.Since(start), 50*time.Millisecond, "known down: refused without a try")
	assert.Equal(t, "Redis unreachable: the flood limits are not shared, this instance sends at 1/3 of them, and /stats counts its own traffic only", c.Degraded())
	assert.Equal(t, 1, logs.FilterMessageSnippet("redis unreachable").Len(), "said once")

	require.NoError(t, proxy.Restore())
	require.Eventually(t, func() bool { return c.Degraded() == "" }, wait, 10*time.Millisecond)
	_, err = l.Take(ctx, "bot:all", 30, time.Second, 1)
	require.NoError(t, err)
	assert.Equal(t, 1, logs.FilterMessageSnippet("redis reachable again").Len())

	proxy.Cut() // and again: each change is said once
	require.Error(t, NewCounters(c).Add(ctx, map[string]int{"x": 1}, time.Minute))
	assert.Equal(t, 2, logs.FilterMessageSnippet("redis unreachable").Len())
}

func TestAnInstanceStartsDegradedWhenRedisIsDown(t *testing.T) {
	proxy, err := tcpproxy.New(redistest.Addr(t), tcpproxy.Options{})
	require.NoError(t, err)
	t.Cleanup(proxy.Close)
	proxy.Cut()
	c, logs := started(t, Config{URL: "redis://" + proxy.Addr() + "/0", Prefix: redistest.Prefix(t), Instances: 2})
	assert.NotEmpty(t, c.Degraded())
	assert.Equal(t, 1, logs.FilterMessageSnippet("redis unreachable").Len())
	_, err = NewLimiter(c).PausedFor(context.Background(), []string{"k"})
	assert.True(t, errors.Is(err, ErrUnavailable))

	require.NoError(t, proxy.Restore())
	require.Eventually(t, func() bool { return c.Degraded() == "" }, wait, 10*time.Millisecond)
}

func TestABadURLIsToldWithoutItsSecrets(t *testing.T) {
	_, err := NewClient(Config{URL: "http://user:hunter2@example.com"}, zap.NewNop())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hunter2")
}
