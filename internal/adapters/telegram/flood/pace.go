package flood

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
)

// A bucket is what one limit counts: all calls, one chat, one group. reserve books the caller's
// slot and says when it may start, so waiting callers queue up in order instead of waking
// together; a 429 pauses the bucket: no slot starts before the pause ends.
type bucket interface {
	reserve(now time.Time) time.Time
	pause(until time.Time)
	pausedUntil() time.Time
	idle(now time.Time) bool // as good as new at now: nothing booked, nothing paused
}

// pace spaces the calls of a chat by the generic cell rate algorithm: after a burst, one call
// per interval. A call may start once the theoretical arrival time of the next call, less the
// burst's tolerance, has come.
type pace struct {
	interval  time.Duration // between calls at the sustained rate; 0: no pace
	tolerance time.Duration // (burst - 1) intervals: how far ahead of the rate calls may run
	tat       time.Time     // theoretical arrival time of the next call
	paused    time.Time
}

// newPace paces perSecond calls after burst at once; perSecond 0 sets no pace, but the bucket can
// still be paused.
func newPace(perSecond float64, burst int) *pace {
	if perSecond <= 0 {
		return &pace{}
	}
	interval := time.Duration(float64(time.Second) / perSecond)
	return &pace{interval: interval, tolerance: time.Duration(max(burst, 1)-1) * interval}
}

func (p *pace) reserve(now time.Time) time.Time {
	tat := later(p.tat, now)
	p.tat = tat.Add(p.interval)
	return later(tat.Add(-p.tolerance), now)
}

// pause holds the chat back until until; after it its calls go at the sustained rate, no burst.
func (p *pace) pause(until time.Time) {
	p.paused = later(p.paused, until)
	p.tat = later(p.tat, until.Add(p.tolerance))
}

func (p *pace) pausedUntil() time.Time  { return p.paused }
func (p *pace) idle(now time.Time) bool { return !p.tat.After(now) && !p.paused.After(now) }

// window lets at most n calls start in any stretch of time of its length: Telegram's "30 a
// second" and "20 a minute". Below the limit a call starts at once; the call after the n-th
// waits until the first of them is length old.
type window struct {
	n      int
	length time.Duration // 0: no limit
	starts []time.Time   // the latest starts booked, at most n, oldest first
	paused time.Time
}

// newWindow allows count calls per period (count 0: no limit, but the bucket can be paused). A
// fractional count keeps its rate: 0.5 a second is one in any two seconds.
func newWindow(count float64, period time.Duration) *window {
	if count <= 0 {
		return &window{}
	}
	n := max(1, int(math.Round(count)))
	return &window{n: n, length: time.Duration(float64(period) * float64(n) / count)}
}

func (w *window) reserve(now time.Time) time.Time {
	at := later(now, w.paused)
	if w.length == 0 {
		return at
	}
	if len(w.starts) == w.n {
		at = later(at, w.starts[0].Add(w.length))
		w.starts = append(w.starts[:0], w.starts[1:]...)
	}
	w.starts = append(w.starts, at)
	return at
}

func (w *window) pause(until time.Time)  { w.paused = later(w.paused, until) }
func (w *window) pausedUntil() time.Time { return w.paused }
func (w *window) idle(now time.Time) bool {
	busy := len(w.starts) > 0 && w.starts[len(w.starts)-1].Add(w.length).After(now)
	return !busy && !w.paused.After(now)
}

func later(t time.Time, others ...time.Time) time.Time {
	for _, o := range others {
		if o.After(t) {
			t = o
		}
	}
	return t
}

// limiter holds the buckets of the Bot API calls: all calls together, each chat that got a
// message recently, each such group. A bucket whose limit is off still exists, for a 429 to
// pause. Idle buckets are forgotten, so the maps do not grow with every chat the bot wrote to.
type limiter struct {
	cfg Config
	now func() time.Time

	mu        sync.Mutex
	global    bucket
	chats     map[string]*pace
	groups    map[string]*window
	lastSweep time.Time
}

// sweepEvery is how often idle buckets are forgotten.
const sweepEvery = time.Minute

func newLimiter(cfg Config, now func() time.Time) *limiter {
	return &limiter{cfg: cfg, now: now, global: newWindow(cfg.GlobalPerSec, time.Second),
		chats: map[string]*pace{}, groups: map[string]*window{}, lastSweep: now()}
}

// newShareLimiter is the limiter of one of several instances while the shared limits are out of
// reach: its calls together are paced evenly (one every 1/GlobalPerSec), not let go by the
// window's burst, so the instances' shares do not burst at the same instants and add up past
// the whole.
func newShareLimiter(cfg Config, now func() time.Time) *limiter {
	l := newLimiter(cfg, now)
	l.global = newPace(cfg.GlobalPerSec, 1)
	return l
}

// buckets are the buckets a call passes, narrowest first; the caller holds l.mu.
func (l *limiter) buckets(c apiCall) []bucket {
	var out []bucket
	if c.chat != "" && c.sendsMessage() {
		if isGroup(c.chat) && l.cfg.GroupPerMin > 0 {
			g, ok := l.groups[c.chat]
			if !ok {
				g = newWindow(l.cfg.GroupPerMin, time.Minute)
				l.groups[c.chat] = g
			}
			out = append(out, g)
		}
		p, ok := l.chats[c.chat]
		if !ok {
			p = newPace(l.cfg.ChatPerSec, l.cfg.ChatBurst)
			l.chats[c.chat] = p
		}
		out = append(out, p)
	}
	return append(out, l.global)
}

// isGroup tells a group, supergroup or channel (negative ids, @channel names) from a private chat.
func isGroup(chat string) bool { return strings.HasPrefix(chat, "-") || strings.HasPrefix(chat, "@") }

// wait blocks until c may be sent: a slot of each of its buckets, narrowest first (so a call
// held back by its chat does not hold a slot of all calls meanwhile), and no bucket paused. It
// gives up at once when ctx would end before the slot comes.
func (l *limiter) wait(ctx context.Context, c apiCall) error {
	l.mu.Lock()
	l.sweep()
	buckets := l.buckets(c)
	l.mu.Unlock()
	for _, s := range buckets {
		l.mu.Lock()
		at := s.reserve(l.now())
		l.mu.Unlock()
		if err := sleepUntil(ctx, l.now, at); err != nil {
			return fmt.Errorf("flood limit of %s: %w", c.method, err)
		}
	}
	for { // a 429 may have paused a bucket while this call waited for its slots
		l.mu.Lock()
		until := time.Time{}
		for _, s := range buckets {
			until = later(until, s.pausedUntil())
		}
		l.mu.Unlock()
		if !until.After(l.now()) {
			return nil
		}
		if err := sleepUntil(ctx, l.now, until); err != nil {
			return fmt.Errorf("flood limit of %s: %w", c.method, err)
		}
	}
}

// pause holds back every call of c's narrowest bucket until until: its group's or chat's when it
// has one, all calls otherwise (Telegram's answer does not say which limit was hit; the
// narrowest is the likely one).
func (l *limiter) pause(c apiCall, until time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buckets(c)[0].pause(until)
}

// sweep forgets idle buckets once in a while; the caller holds l.mu.
func (l *limiter) sweep() {
	now := l.now()
	if now.Sub(l.lastSweep) < sweepEvery {
		return
	}
	l.lastSweep = now
	for chat, p := range l.chats {
		if p.idle(now) {
			delete(l.chats, chat)
		}
	}
	for chat, g := range l.groups {
		if g.idle(now) {
			delete(l.groups, chat)
		}
	}
}

// errPastDeadline is a wait that would outlast the caller's deadline: better fail now.
var errPastDeadline = fmt.Errorf("the wait would outlast the deadline: %w", context.DeadlineExceeded)

// sleepUntil waits until at, or fails when ctx ends first or would end before at.
func sleepUntil(ctx context.Context, now func() time.Time, at time.Time) error {
	d := at.Sub(now())
	if d <= 0 {
		return ctx.Err()
	}
	if deadline, ok := ctx.Deadline(); ok && deadline.Before(at) {
		return fmt.Errorf("waiting %v: %w", d.Round(time.Millisecond), errPastDeadline)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
