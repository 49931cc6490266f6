package botapi

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// FloodLimits are the rates of messages past which the server answers 429 Too Many Requests
// with parameters.retry_after, as Telegram does (its documented limits are about 30 a second
// overall, 1 a second per chat and 20 a minute per group). A zero limit is off.
type FloodLimits struct {
	Global   int // messages a second, all chats together
	PerChat  int // messages a second to one chat
	PerGroup int // messages a minute to one group
}

// floodControl counts the messages a bot sends in sliding windows. It runs under s.mu.
type floodControl struct {
	limits FloodLimits
	sent   map[string][]time.Time // by window key: when the messages counted were sent
}

func newFloodControl(l FloodLimits) *floodControl {
	return &floodControl{limits: l, sent: map[string][]time.Time{}}
}

type floodWindow struct {
	key    string
	limit  int
	length time.Duration
}

// check counts a call of method at now, or refuses it with 429 when a limit is reached: only
// calls that send or edit a message in a chat count.
func (f *floodControl) check(method string, p params, now time.Time) *APIError {
	chatID := p["chat_id"]
	if chatID == "" || method == "sendChatAction" ||
		(!strings.HasPrefix(method, "send") && !strings.HasPrefix(method, "edit")) {
		return nil
	}
	windows := make([]floodWindow, 0, 3)
	if f.limits.Global > 0 {
		windows = append(windows, floodWindow{"all", f.limits.Global, time.Second})
	}
	if f.limits.PerChat > 0 {
		windows = append(windows, floodWindow{"chat " + chatID, f.limits.PerChat, time.Second})
	}
	if f.limits.PerGroup > 0 && strings.HasPrefix(chatID, "-") {
		windows = append(windows, floodWindow{"group " + chatID, f.limits.PerGroup, time.Minute})
	}
	wait := time.Duration(0)
	for _, w := range windows {
		recent := f.prune(w, now)
		if len(recent) >= w.limit {
			wait = max(wait, recent[len(recent)-w.limit].Add(w.length).Sub(now))
		}
	}
	if wait > 0 {
		retryAfter := int((wait + time.Second - 1) / time.Second)
		return &APIError{Code: http.StatusTooManyRequests, Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter), RetryAfter: retryAfter}
	}
	for _, w := range windows {
		f.sent[w.key] = append(f.sent[w.key], now)
	}
	return nil
}

// prune forgets the messages of w sent before its window and returns the rest, oldest first.
func (f *floodControl) prune(w floodWindow, now time.Time) []time.Time {
	times := f.sent[w.key]
	i := 0
	for i < len(times) && !times[i].Add(w.length).After(now) {
		i++
	}
	times = times[i:]
	if len(times) == 0 {
		delete(f.sent, w.key)
		return nil
	}
	f.sent[w.key] = times
	return times
}
