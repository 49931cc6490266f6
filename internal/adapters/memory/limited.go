package memory

import (
	"context"
	"sync"
	"time"
)

// LimitedUsers is an app.LimitedUsers in memory, which several Applications can share as
// instances share Redis.
type LimitedUsers struct {
	mu    sync.Mutex
	noted map[int64]time.Time // the latest note of each user
}

// NewLimitedUsers remembers no one yet.
func NewLimitedUsers() *LimitedUsers { return &LimitedUsers{noted: map[int64]time.Time{}} }

// Note records that user was rate-limited at at.
func (l *LimitedUsers) Note(_ context.Context, user int64, at time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if at.After(l.noted[user]) {
		l.noted[user] = at
	}
	return nil
}

// CountSince counts the users noted after since.
func (l *LimitedUsers) CountSince(_ context.Context, since time.Time) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, at := range l.noted {
		if at.After(since) {
			n++
		}
	}
	return n, nil
}
