// Package flood counts what a bot sends the way Telegram's flood control does: in sliding
// windows, past whose limits a send is refused for a number of seconds (retry_after).
package flood

import (
	"strings"
	"time"
)

// Limits are the rates of messages past which a send is refused, as Telegram refuses it (its
// documented limits are about 30 a second overall, 1 a second per chat and 20 a minute per
// group). A zero limit is off.
type Limits struct {
	Global   int // messages a second, all chats together
	PerChat  int // messages a second to one chat
	PerGroup int // messages a minute to one group
}

// Control counts the messages sent in each window. It is not safe for concurrent use: the
// server calls it under its lock.
type Control struct {
	limits Limits
	sent   map[string][]time.Time // by window key: when the messages counted were sent
}

// New is a Control of limits.
func New(l Limits) *Control {
	return &Control{limits: l, sent: map[string][]time.Time{}}
}

type window struct {
	key    string
	limit  int
	length time.Duration
}

// Check counts a message to chatID at now and returns 0, or refuses it and returns how many
// seconds to wait; chatIDs starting with "-" are groups.
func (c *Control) Check(chatID string, now time.Time) (retryAfter int) {
	windows := make([]window, 0, 3)
	if c.limits.Global > 0 {
		windows = append(windows, window{"all", c.limits.Global, time.Second})
	}
	if c.limits.PerChat > 0 {
		windows = append(windows, window{"chat " + chatID, c.limits.PerChat, time.Second})
	}
	if c.limits.PerGroup > 0 && strings.HasPrefix(chatID, "-") {
		windows = append(windows, window{"group " + chatID, c.limits.PerGroup, time.Minute})
	}
	wait := time.Duration(0)
	for _, w := range windows {
		recent := c.prune(w, now)
		if len(recent) >= w.limit {
			wait = max(wait, recent[len(recent)-w.limit].Add(w.length).Sub(now))
		}
	}
	if wait > 0 {
		return int((wait + time.Second - 1) / time.Second)
	}
	for _, w := range windows {
		c.sent[w.key] = append(c.sent[w.key], now)
	}
	return 0
}

// prune forgets the messages of w sent before its window and returns the rest, oldest first.
func (c *Control) prune(w window, now time.Time) []time.Time {
	times := c.sent[w.key]
	i := 0
	for i < len(times) && !times[i].Add(w.length).After(now) {
		i++
	}
	times = times[i:]
	if len(times) == 0 {
		delete(c.sent, w.key)
		return nil
	}
	c.sent[w.key] = times
	return times
}
