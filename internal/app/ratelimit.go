package app

import (
	"sync"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// rateLimiter keeps each user's domain.UpdateWindow in memory: deciding on an update reads and
// writes nothing else, so a flood is dropped at the cost of a map lookup. It is this instance's:
// several instances (webhook) each let a user in up to the limit.
type rateLimiter struct {
	limit domain.RateLimit
	mu    sync.Mutex
	users map[int64]*domain.UpdateWindow
	// limited is when each user was last dropped, for /stats; kept for limitedMemory.
	limited   map[int64]time.Time
	nextSweep time.Time
}

// limitedMemory is how long /stats counts a user who was rate-limited.
const limitedMemory = time.Hour

// maxTrackedUsers bounds the windows kept: past it the idle ones are forgotten at once (and if
// none is idle, every one: a bound, not a cache).
const maxTrackedUsers = 100_000

func newRateLimiter(l domain.RateLimit) *rateLimiter {
	return &rateLimiter{limit: l, users: map[int64]*domain.UpdateWindow{}, limited: map[int64]time.Time{}}
}

// admit decides on an update of user at now (see domain.UpdateWindow.Admit).
func (r *rateLimiter) admit(user, updateID int64, now time.Time) (ok, warn bool) {
	if !r.limit.On() || user == 0 {
		return true, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sweep(now)
	w, found := r.users[user]
	if !found {
		w = &domain.UpdateWindow{}
		r.users[user] = w
	}
	ok, warn = w.Admit(r.limit, now, updateID)
	if !ok {
		r.limited[user] = now
	}
	return ok, warn
}

// sweep forgets, once a window (or when too many are kept), the windows that remember nothing
// and the limited users past limitedMemory.
func (r *rateLimiter) sweep(now time.Time) {
	if now.Before(r.nextSweep) && len(r.users) < maxTrackedUsers && len(r.limited) < maxTrackedUsers {
		return
	}
	r.nextSweep = now.Add(r.limit.Window)
	for id, w := range r.users {
		if w.Idle(r.limit, now) {
			delete(r.users, id)
		}
	}
	if len(r.users) >= maxTrackedUsers {
		clear(r.users)
	}
	for id, at := range r.limited {
		if now.Sub(at) >= limitedMemory {
			delete(r.limited, id)
		}
	}
	if len(r.limited) >= maxTrackedUsers {
		clear(r.limited)
	}
}

// limitedUsers counts the users dropped by the limit within limitedMemory before now.
func (r *rateLimiter) limitedUsers(now time.Time) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, at := range r.limited {
		if now.Sub(at) < limitedMemory {
			n++
		}
	}
	return n
}
