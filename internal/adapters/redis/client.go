// Package redis is what several instances of the bot share in Redis: the flood limits of the
// Bot API calls (a cell rate limiter, and the pauses after a 429) and the traffic counts /stats
// shows. Redis may go away: every call then fails at once with ErrUnavailable (the callers fall
// back to what they keep in their process), the change is logged once, /readyz says the instance
// is degraded, and Redis is tried again every second until it answers.
package redis

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/zap"
)

// Config is where Redis is and how the instances use it.
type Config struct {
	// URL is redis://[user:password@]host:port/db (rediss:// for TLS); timeouts may be set in
	// its query (dial_timeout, read_timeout, …), else they are short, so a Redis gone is noticed
	// within a second.
	URL string
	// Prefix starts every key (the rate limiter's keys are rate:<Prefix>…), so several bots or
	// programs can share one Redis.
	Prefix string
	// Instances is how many instances share the limits: each falls back to 1/Instances of them.
	Instances int
}

// ErrUnavailable is a call made while Redis is out of reach, refused at once.
var ErrUnavailable = errors.New("redis unavailable")

// Client is the connection to Redis with its health: up until a call fails, then down until a
// PING every probeEvery answers.
type Client struct {
	cfg        Config
	rdb        *goredis.Client
	log        *zap.Logger
	probeEvery time.Duration

	mu     sync.Mutex
	down   bool
	closed bool
	stop   chan struct{}
	probes sync.WaitGroup
}

// NewClient reads cfg.URL; it connects to nothing (Start does).
func NewClient(cfg Config, log *zap.Logger) (*Client, error) {
	opts, err := goredis.ParseURL(cfg.URL)
	if err != nil {
		return nil, errors.New("REDIS_URL is not a Redis URL (redis://host:port/db)")
	}
	if opts.DialTimeout == 0 {
		opts.DialTimeout = time.Second
	}
	if opts.ReadTimeout == 0 {
		opts.ReadTimeout = 500 * time.Millisecond
	}
	if opts.MaxRetries == 0 {
		opts.MaxRetries = -1 // a failure falls back at once; the probe finds Redis back
	}
	opts.DialerRetries = 1
	opts.DisableIdentity = true // CLIENT SETINFO is unknown before Redis 7.2
	return &Client{cfg: cfg, rdb: goredis.NewClient(opts), log: log, probeEvery: time.Second, stop: make(chan struct{})}, nil
}

// Start checks Redis answers. If it does not, the instance still starts, degraded: the limits are
// kept in the process until Redis is back.
func (c *Client) Start(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := c.rdb.Ping(ctx).Err(); err != nil {
		c.markDown(err)
		return nil
	}
	c.log.Info("redis: flood limits and /stats counts shared with the other instances", zap.Int("instances", max(c.cfg.Instances, 1)))
	return nil
}

// Stop ends the probe and closes the connections.
func (c *Client) Stop(context.Context) error {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.stop)
	}
	c.mu.Unlock()
	c.probes.Wait()
	return c.rdb.Close()
}

// Degraded says what the instance does without while Redis is out of reach, "" while it answers.
func (c *Client) Degraded() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.down {
		return ""
	}
	return fmt.Sprintf("Redis unreachable: the flood limits are not shared, this instance sends at 1/%d of them, and /stats counts its own traffic only", max(c.cfg.Instances, 1))
}

// key is name under the configured prefix.
func (c *Client) key(name string) string { return c.cfg.Prefix + name }

// do runs fn against Redis unless it is known to be down; a failure marks it down. The caller's
// own end (its context) is no failure of Redis.
func (c *Client) do(ctx context.Context, what string, fn func(ctx context.Context) error) error {
	c.mu.Lock()
	down := c.down
	c.mu.Unlock()
	if down {
		return fmt.Errorf("redis %s: %w", what, ErrUnavailable)
	}
	err := fn(ctx)
	if err == nil || ctx.Err() != nil {
		return err
	}
	c.markDown(err)
	return fmt.Errorf("redis %s: %w: %w", what, ErrUnavailable, err)
}

// markDown records that Redis failed, says so once, and starts the probe that finds it back.
func (c *Client) markDown(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.down || c.closed {
		return
	}
	c.down = true
	c.log.Warn("redis unreachable: the flood limits are not shared until it answers again; this instance sends at its share of them, and /stats counts its own traffic only",
		zap.Int("instances", max(c.cfg.Instances, 1)), zap.String("share", fmt.Sprintf("1/%d", max(c.cfg.Instances, 1))), zap.Error(err))
	c.probes.Go(c.probe)
}

// probe PINGs Redis every probeEvery until it answers, then marks it up.
func (c *Client) probe() {
	ticker := time.NewTicker(c.probeEvery)
	defer ticker.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-ticker.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			c.mu.Lock()
			c.down = false
			c.mu.Unlock()
			c.log.Info("redis reachable again: the flood limits and /stats counts are shared again")
			return
		}
	}
}
