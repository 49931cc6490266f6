package app

import (
	"context"
	"sync"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// LimitedUsers remembers, for all the instances of the bot together (Redis), which users the rate
// limit dropped updates of, so /stats counts them whichever instance dropped them. Like
// Leadership it is infrastructure coordination, declared here for the adapters to meet. An error
// means the store is out of reach: /stats then counts this instance's.
type LimitedUsers interface {
	// Note records that the rate limit dropped an update of user at at.
	Note(ctx context.Context, user int64, at time.Time) error
	// CountSince counts the users noted after since.
	CountSince(ctx context.Context, since time.Time) (int, error)
}

// rateLimiter keeps each user's domain.UpdateWindow in memory: deciding on an update reads and
// writes nothing else, so a flood is dropped at the cost of a map lookup. It is this instance's:
// several instances (webhook) each let a user in up to the limit.
type rateLimiter struct {
	limit  domain.RateLimit
	shared LimitedUsers // nil: the limited users are this instance's only
	mu     sync.Mutex
	users  map[int64]*domain.UpdateWindow
	// limited is when each user was last dropped, for /stats; kept for limitedMemory.
	limited   map[int64]time.Time
	nextSweep time.Time
}

// limitedMemory is how long /stats counts a user who was rate-limited.
const limitedMemory = time.Hour

// maxTrackedUsers bounds the windows kept: past it the idle ones are forgotten at once (and if
// none is idle, every one: a bound, not a cache).
const maxTrackedUsers = 100_000

// noteEvery is how often a user still flooding is noted again in the shared store: often enough
// for the hour /stats counts, seldom enough that a flood costs no write per update.
const noteEvery = time.Minute

func newRateLimiter(l domain.RateLimit, shared LimitedUsers) *rateLimiter {
	return &rateLimiter{limit: l, shared: shared, users: map[int64]*domain.UpdateWindow{}, limited: map[int64]time.Time{}}
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
		if last, seen := r.limited[user]; r.shared != nil && (!seen || now.Sub(last) >= noteEvery) {
			go r.note(user, now) // off the update's path: deciding on it touches no storage
		}
		r.limited[user] = now
	}
	return ok, warn
}

// note tells the shared store of a limited user; a failure leaves the count to this instance.
func (r *rateLimiter) note(user int64, at time.Time) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = r.shared.Note(ctx, user, at)
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

// limitedUsers counts the users dropped by the limit within limitedMemory before now: by every
// instance when the store is shared and answers, by this one otherwise.
func (r *rateLimiter) limitedUsers(ctx context.Context, now time.Time) int {
	if r.shared != nil {
		if n, err := r.shared.CountSince(ctx, now.Add(-limitedMemory)); err == nil {
			return n
		}
	}
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
