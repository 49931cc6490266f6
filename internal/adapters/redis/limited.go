package redis

import (
	"context"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// LimitedUsers remembers the users the rate limit dropped updates of, for all the instances: a
// sorted set of user ids scored by the time of their latest note. It is app.LimitedUsers.
type LimitedUsers struct {
	c    *Client
	keep time.Duration // notes older than this are removed when a new one comes
}

// NewLimitedUsers keeps the notes of the last hour (what /stats counts) over c.
func NewLimitedUsers(c *Client) *LimitedUsers { return &LimitedUsers{c: c, keep: time.Hour} }

func (l *LimitedUsers) key() string { return l.c.key("access:limited") }

// Note records that user was rate-limited at at, and forgets the notes past keep.
func (l *LimitedUsers) Note(ctx context.Context, user int64, at time.Time) error {
	return l.c.do(ctx, "note a rate-limited user", func(ctx context.Context) error {
		_, err := l.c.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
			p.ZAddGT(ctx, l.key(), goredis.Z{Score: float64(at.UnixMilli()), Member: strconv.FormatInt(user, 10)})
			p.ZRemRangeByScore(ctx, l.key(), "-inf", "("+strconv.FormatInt(at.Add(-l.keep).UnixMilli(), 10))
			p.PExpire(ctx, l.key(), l.keep)
			return nil
		})
		return err
	})
}

// CountSince counts the users noted after since.
func (l *LimitedUsers) CountSince(ctx context.Context, since time.Time) (int, error) {
	var n int64
	err := l.c.do(ctx, "count the rate-limited users", func(ctx context.Context) error {
		var err error
		n, err = l.c.rdb.ZCount(ctx, l.key(), "("+strconv.FormatInt(since.UnixMilli(), 10), "+inf").Result()
		return err
	})
	return int(n), err
}
