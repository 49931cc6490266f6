package redis

import (
	"context"
	"errors"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Counters are counts every instance adds to, for /stats to show the whole bot's traffic: the
// telegram adapter's traffic.Shared.
type Counters struct{ c *Client }

// NewCounters keeps counts over c.
func NewCounters(c *Client) *Counters { return &Counters{c: c} }

// Add adds each count to its key, in one round trip; a key is kept for keep after its last add.
func (s *Counters) Add(ctx context.Context, counts map[string]int, keep time.Duration) error {
	if len(counts) == 0 {
		return nil
	}
	return s.c.do(ctx, "add counts", func(ctx context.Context) error {
		_, err := s.c.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
			for key, n := range counts {
				p.IncrBy(ctx, s.c.key(key), int64(n))
				p.PExpire(ctx, s.c.key(key), keep)
			}
			return nil
		})
		return err
	})
}

// Sum adds up keys (a missing one is 0), in one round trip.
func (s *Counters) Sum(ctx context.Context, keys []string) (int, error) {
	if len(keys) == 0 {
		return 0, nil
	}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = s.c.key(k)
	}
	total := 0
	err := s.c.do(ctx, "read counts", func(ctx context.Context) error {
		values, err := s.c.rdb.MGet(ctx, names...).Result()
		if err != nil {
			return err
		}
		for _, v := range values {
			text, ok := v.(string)
			if !ok {
				continue // a count nobody added to: 0
			}
			n, err := strconv.Atoi(text)
			if err != nil {
				return errors.New("a count in redis is not a number")
			}
			total += n
		}
		return nil
	})
	return total, err
}
