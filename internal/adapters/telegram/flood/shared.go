package flood

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Shared is where the limits are counted when several instances send for one bot (Redis, when
// set): each instance's calls take their slots there, so all of them together keep within
// Telegram's limits, and a 429 one of them got holds back the others too. It knows nothing of
// Telegram: a limit is a key and a rate. An error means the store cannot be reached: the
// transport then paces the call itself, at this instance's share of the limits
// (Config.Instances).
type Shared interface {
	// Take takes one slot of the limit key, which lets count calls start per period after burst
	// at once (the generic cell rate algorithm); retry is 0 when the slot was taken, else how
	// long to wait before trying again (nothing was taken).
	Take(ctx context.Context, key string, count float64, per time.Duration, burst int) (retry time.Duration, err error)
	// Pause holds every call of key back for d from now; a longer pause in force stays.
	Pause(ctx context.Context, key string, d time.Duration) error
	// PausedFor is how long the longest pause in force of keys still lasts, 0 if none.
	PausedFor(ctx context.Context, keys []string) (time.Duration, error)
}

// sharedLimit is one limit a call passes in the shared store.
type sharedLimit struct {
	key   string
	count float64 // calls per period; 0: no limit, only pauses
	per   time.Duration
	burst int
}

// sharedLimits are the limits call c of bot passes, narrowest first, as the local limiter's
// buckets. The rates are the same; the global and group limits are made smooth, as a cell rate
// has no window: the global one lets one call start every 1/GlobalPerSec, the group one a burst
// of up to ChatBurst and then as many more in the rest of the minute as keep any minute within
// GroupPerMin.
func (cfg Config) sharedLimits(bot string, c apiCall) []sharedLimit {
	var out []sharedLimit
	if c.chat != "" && c.sendsMessage() {
		if isGroup(c.chat) && cfg.GroupPerMin > 0 {
			burst := max(1, min(cfg.ChatBurst, int(cfg.GroupPerMin)))
			out = append(out, sharedLimit{key: bot + ":group:" + c.chat, count: cfg.GroupPerMin - float64(burst) + 1, per: time.Minute, burst: burst})
		}
		out = append(out, sharedLimit{key: bot + ":chat:" + c.chat, count: cfg.ChatPerSec, per: time.Second, burst: max(cfg.ChatBurst, 1)})
	}
	return append(out, sharedLimit{key: bot + ":all", count: cfg.GlobalPerSec, per: time.Second, burst: 1})
}

// share is cfg's limits divided among n instances: what one of them may send on its own while
// the shared store is out of reach.
func (cfg Config) share(n int) Config {
	if n <= 1 {
		return cfg
	}
	cfg.GlobalPerSec /= float64(n)
	cfg.ChatPerSec /= float64(n)
	cfg.GroupPerMin /= float64(n)
	cfg.ChatBurst = max(1, cfg.ChatBurst/n)
	return cfg
}

// errShared marks a failure of the shared store: the call is then paced locally.
var errShared = errors.New("shared flood limits unavailable")

// waitShared blocks until c may be sent under the shared limits: no pause of its limits in
// force, then a slot of each, narrowest first, then (a 429 may have come meanwhile) no pause
// again. An error wrapping errShared means the store failed: pace the call locally.
func (t *transport) waitShared(ctx context.Context, bot string, c apiCall) error {
	limits := t.cfg.sharedLimits(bot, c)
	keys := make([]string, len(limits))
	for i, l := range limits {
		keys[i] = l.key
	}
	if err := t.waitPauses(ctx, c, keys); err != nil {
		return err
	}
	for _, l := range limits {
		if err := t.take(ctx, c, l); err != nil {
			return err
		}
	}
	return t.waitPauses(ctx, c, keys)
}

func (t *transport) take(ctx context.Context, c apiCall, l sharedLimit) error {
	if l.count <= 0 {
		return nil
	}
	for {
		retry, err := t.cfg.Shared.Take(ctx, l.key, l.count, l.per, l.burst)
		switch {
		case err != nil && ctx.Err() != nil:
			return fmt.Errorf("flood limit of %s: %w", c.method, ctx.Err())
		case err != nil:
			return fmt.Errorf("%w: take a slot of %s: %w", errShared, l.key, err)
		case retry <= 0:
			return nil
		}
		// A little later than told, at random: the callers refused together do not all come
		// back at the same instant.
		retry += rand.N(retry/4 + 1)
		if err := sleepUntil(ctx, t.now, t.now().Add(retry)); err != nil {
			return fmt.Errorf("flood limit of %s: %w", c.method, err)
		}
	}
}

func (t *transport) waitPauses(ctx context.Context, c apiCall, keys []string) error {
	for {
		d, err := t.cfg.Shared.PausedFor(ctx, keys)
		switch {
		case err != nil && ctx.Err() != nil:
			return fmt.Errorf("flood limit of %s: %w", c.method, ctx.Err())
		case err != nil:
			return fmt.Errorf("%w: read the pauses: %w", errShared, err)
		case d <= 0:
			return nil
		}
		if err := sleepUntil(ctx, t.now, t.now().Add(d)); err != nil {
			return fmt.Errorf("flood limit of %s: %w", c.method, err)
		}
	}
}

// wait blocks until c may be sent: under the shared limits when there are some and the store
// answers, else under the local ones (this instance's share of them, when they are shared).
func (t *transport) wait(ctx context.Context, bot string, c apiCall) error {
	if t.cfg.Shared != nil {
		err := t.waitShared(ctx, bot, c)
		if !errors.Is(err, errShared) {
			return err
		}
	}
	return t.limits.wait(ctx, c)
}

// pause holds back c's narrowest limit after a 429: locally (where calls go while the shared
// store is out of reach) and in the shared store, for every instance.
func (t *transport) pause(ctx context.Context, bot string, c apiCall, d time.Duration) {
	t.limits.pause(c, t.now().Add(d))
	if t.cfg.Shared != nil {
		// A failure is the store's, said by it; the local pause holds meanwhile.
		_ = t.cfg.Shared.Pause(context.WithoutCancel(ctx), t.cfg.sharedLimits(bot, c)[0].key, d)
	}
}

// botOf is the bot id of a Bot API path, …/bot<id>:<secret>/<method>: the shared limits are the
// bot's, whoever else uses the store. "" if the path has none.
func botOf(path string) string {
	i := strings.Index(path, "/bot")
	if i < 0 {
		return ""
	}
	rest := path[i+len("/bot"):]
	if j := strings.IndexByte(rest, ':'); j > 0 && !strings.Contains(rest[:j], "/") {
		return rest[:j]
	}
	return ""
}
