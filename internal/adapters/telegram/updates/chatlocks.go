package updates

import (
	"context"
	"sync"
)

// chatLocks lets one update of a chat run at a time when updates arrive concurrently (webhook
// deliveries); a chat's entry lives only while someone holds or waits for it.
type chatLocks struct {
	mu    sync.Mutex
	chats map[int64]*chatLock
}

type chatLock struct {
	token chan struct{} // holds one token: taking it is locking
	refs  int           // holders and waiters
}

func newChatLocks() *chatLocks { return &chatLocks{chats: map[int64]*chatLock{}} }

// lock waits for the chat's turn, or the end of the context wait makes (then it returns its
// error); wait is called only if the turn is not free at once.
func (l *chatLocks) lock(wait func() context.Context, chat int64) (unlock func(), err error) {
	l.mu.Lock()
	c, ok := l.chats[chat]
	if !ok {
		c = &chatLock{token: make(chan struct{}, 1)}
		c.token <- struct{}{}
		l.chats[chat] = c
	}
	c.refs++
	l.mu.Unlock()
	done := func() {
		l.mu.Lock()
		if c.refs--; c.refs == 0 {
			delete(l.chats, chat)
		}
		l.mu.Unlock()
	}
	unlock = func() { c.token <- struct{}{}; done() }
	select {
	case <-c.token:
		return unlock, nil
	default:
	}
	ctx := wait()
	select {
	case <-c.token:
		return unlock, nil
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
}

// size is the number of chats with an entry, for tests.
func (l *chatLocks) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.chats)
}
