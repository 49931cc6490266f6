package telegram

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// pace spaces the calls of one scope (all calls, one chat, one group) by the generic cell rate
// algorithm: a call may go once the scope's theoretical arrival time, less the burst it may
// take at once, has come. A reservation books the next slot, so waiting callers queue up in
// order instead of waking together. A 429 pauses the scope: no slot before the pause ends.
type pace struct {
	interval  time.Duration // between calls at the sustained rate
	tolerance time.Duration // (burst - 1) intervals: how far ahead of the rate calls may run
	tat       time.Time     // theoretical arrival time of the next call
	paused    time.Time     // no call before this (a 429's retry_after)
}

// newPace paces perSecond calls after burst at once; perSecond 0 sets no pace, but the scope can
// still be paused.
func newPace(perSecond float64, burst int) *pace {
	if perSecond <= 0 {
		return &pace{}
	}
	interval := time.Duration(float64(time.Second) / perSecond)
	return &pace{interval: interval, tolerance: time.Duration(max(burst, 1)-1) * interval}
}

// reserve books the next slot and returns when it may be used.
func (p *pace) reserve(now time.Time) time.Time {
	tat := later(p.tat, now)
	p.tat = tat.Add(p.interval)
	return later(tat.Add(-p.tolerance), now)
}

// pause keeps the scope's slots from starting before until; after it the calls go at the
// sustained rate, with no burst.
func (p *pace) pause(until time.Time) {
	p.paused = later(p.paused, until)
	p.tat = later(p.tat, until.Add(p.tolerance))
}

// idle reports whether the scope is as good as new at now: nothing booked, nothing paused.
func (p *pace) idle(now time.Time) bool { return !p.tat.After(now) && !p.paused.After(now) }

func later(t time.Time, others ...time.Time) time.Time {
	for _, o := range others {
		if o.After(t) {
			t = o
		}
	}
	return t
}

// limiter holds the paces of the Bot API calls: one for every call, one per chat that got a
// message recently, one per group. A scope whose rate is off still has a pace, for a 429 to
// pause. Idle paces are forgotten, so the maps do not grow with every chat the bot ever wrote to.
type limiter struct {
	cfg FloodConfig
	now func() time.Time

	mu        sync.Mutex
	global    *pace
	chats     map[string]*pace
	groups    map[string]*pace
	lastSweep time.Time
}

// sweepEvery is how often idle paces are forgotten.
const sweepEvery = time.Minute

func newLimiter(cfg FloodConfig, now func() time.Time) *limiter {
	// No burst overall: Telegram counts about 30 a second, so calls are spread evenly.
	return &limiter{cfg: cfg, now: now, global: newPace(cfg.GlobalPerSec, 1),
		chats: map[string]*pace{}, groups: map[string]*pace{}, lastSweep: now()}
}

// scopes are the paces a call passes, narrowest first; the caller holds l.mu.
func (l *limiter) scopes(c apiCall) []*pace {
	var out []*pace
	if c.chat != "" && c.sendsMessage() {
		if isGroup(c.chat) && l.cfg.GroupPerMin > 0 {
			out = append(out, l.paceOf(l.groups, c.chat, l.cfg.GroupPerMin/60))
		}
		out = append(out, l.paceOf(l.chats, c.chat, l.cfg.ChatPerSec))
	}
	return append(out, l.global)
}

func (l *limiter) paceOf(m map[string]*pace, chat string, perSecond float64) *pace {
	p, ok := m[chat]
	if !ok {
		p = newPace(perSecond, l.cfg.ChatBurst)
		m[chat] = p
	}
	return p
}

// isGroup tells a group, supergroup or channel (negative ids, @channel names) from a private chat.
func isGroup(chat string) bool { return strings.HasPrefix(chat, "-") || strings.HasPrefix(chat, "@") }

// wait blocks until c may be sent: a slot of each of its scopes, narrowest first (so a call
// held back by its chat does not hold a global slot meanwhile), and no scope paused. It gives up
// at once when ctx would end before the slot comes.
func (l *limiter) wait(ctx context.Context, c apiCall) error {
	l.mu.Lock()
	l.sweep()
	scopes := l.scopes(c)
	l.mu.Unlock()
	for _, p := range scopes {
		l.mu.Lock()
		at := p.reserve(l.now())
		l.mu.Unlock()
		if err := sleepUntil(ctx, l.now, at); err != nil {
			return fmt.Errorf("flood limit of %s: %w", c.method, err)
		}
	}
	for { // a 429 may have paused a scope while this call waited for its slots
		l.mu.Lock()
		until := time.Time{}
		for _, p := range scopes {
			until = later(until, p.paused)
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

// pause holds back every call of c's scope until until: its chat's when it has one, all calls
// otherwise (Telegram's answer does not say which limit was hit; the chat's is the likely one).
func (l *limiter) pause(c apiCall, until time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.scopes(c)[0].pause(until) // the narrowest: the group's, the chat's, or all calls'
}

// sweep forgets idle paces once in a while; the caller holds l.mu.
func (l *limiter) sweep() {
	now := l.now()
	if now.Sub(l.lastSweep) < sweepEvery {
		return
	}
	l.lastSweep = now
	for _, m := range []map[string]*pace{l.chats, l.groups} {
		for chat, p := range m {
			if p.idle(now) {
				delete(m, chat)
			}
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
