package redis

import (
	"context"
	"math"
	"time"

	"github.com/go-redis/redis_rate/v10"
	goredis "github.com/redis/go-redis/v9"
)

// Limiter keeps the flood limits in Redis for all the instances: a slot is taken with
// redis_rate's cell rate algorithm (on Redis's clock, so the instances' clocks do not matter),
// and a pause is a key that expires when it ends. It is the telegram flood transport's Shared.
type Limiter struct {
	c    *Client
	rate *redis_rate.Limiter
}

// NewLimiter keeps the limits over c.
func NewLimiter(c *Client) *Limiter { return &Limiter{c: c, rate: redis_rate.NewLimiter(c.rdb)} }

// Take takes one slot of the limit key (count calls per period, burst at once): retry is 0 when
// taken, else how long until one may be.
func (l *Limiter) Take(ctx context.Context, key string, count float64, per time.Duration, burst int) (retry time.Duration, err error) {
	err = l.c.do(ctx, "take a flood slot", func(ctx context.Context) error {
		res, err := l.rate.Allow(ctx, l.c.key("flood:"+key), limitOf(count, per, burst))
		if err != nil {
			return err
		}
		if res.Allowed == 0 {
			retry = max(res.RetryAfter, time.Millisecond)
		}
		return nil
	})
	return retry, err
}

// limitOf is count calls per period as redis_rate's whole-number rate: a thousand times the
// count in a thousand times the period is the same pace (0.5 a second too).
func limitOf(count float64, per time.Duration, burst int) redis_rate.Limit {
	return redis_rate.Limit{Rate: max(1, int(math.Round(count*1000))), Period: per * 1000, Burst: max(burst, 1)}
}

// pauseScript sets the pause key for ARGV[1] ms unless a longer pause is in force.
var pauseScript = goredis.NewScript(`
if redis.call("PTTL", KEYS[1]) < tonumber(ARGV[1]) then
  redis.call("SET", KEYS[1], "1", "PX", ARGV[1])
end
return 0`)

// pausedScript is the longest time to live of the pause keys, in ms (0 if none).
var pausedScript = goredis.NewScript(`
local longest = 0
for _, key in ipairs(KEYS) do
  local ttl = redis.call("PTTL", key)
  if ttl > longest then longest = ttl end
end
return longest`)

// Pause holds every call of key back for d.
func (l *Limiter) Pause(ctx context.Context, key string, d time.Duration) error {
	return l.c.do(ctx, "pause a flood limit", func(ctx context.Context) error {
		return pauseScript.Run(ctx, l.c.rdb, []string{l.pauseKey(key)}, max(d.Milliseconds(), 1)).Err()
	})
}

// PausedFor is how long the longest pause of keys still lasts.
func (l *Limiter) PausedFor(ctx context.Context, keys []string) (time.Duration, error) {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = l.pauseKey(k)
	}
	var ms int64
	err := l.c.do(ctx, "read the flood pauses", func(ctx context.Context) error {
		var err error
		ms, err = pausedScript.Run(ctx, l.c.rdb, names).Int64()
		return err
	})
	return time.Duration(ms) * time.Millisecond, err
}

func (l *Limiter) pauseKey(key string) string { return l.c.key("flood-pause:" + key) }
