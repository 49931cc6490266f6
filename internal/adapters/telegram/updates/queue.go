package updates

import (
	"context"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Queue takes polled updates as they come and hands them to the Dispatcher: each chat's in
// order, one at a time, chats concurrently within the dispatcher's bound. A chat that is slow
// (paced by the flood limits, or failing) holds up only itself: its updates wait in its own line.
// A failed handling is tried again after a pause, in place, so the chat's later updates never
// overtake it; an update that keeps failing is parked by the Dispatcher.
type Queue struct {
	d    *Dispatcher
	stop <-chan struct{}
	// done is told of every pushed update once: handled true when it is done with (handled or
	// parked), false when it was left (the queue stopped first) and must be delivered again.
	done func(upd *models.Update, handled bool)

	mu    sync.Mutex
	chats map[string][]*models.Update // a chat's waiting updates; present while it drains
	wg    sync.WaitGroup
}

// NewQueue makes a Queue that starts no update once stop is closed.
func (d *Dispatcher) NewQueue(stop <-chan struct{}, done func(upd *models.Update, handled bool)) *Queue {
	return &Queue{d: d, stop: stop, done: done, chats: map[string][]*models.Update{}}
}

// Push queues an update behind those of its chat.
func (q *Queue) Push(upd *models.Update) {
	key := chatKey(upd)
	q.mu.Lock()
	waiting, draining := q.chats[key]
	q.chats[key] = append(waiting, upd)
	if !draining {
		q.wg.Add(1)
		go q.drain(key)
	}
	q.mu.Unlock()
}

// Wait waits until every chat drained, or stopped after the update it was handling.
func (q *Queue) Wait() { q.wg.Wait() }

func (q *Queue) drain(key string) {
	defer q.wg.Done()
	for {
		q.mu.Lock()
		waiting := q.chats[key]
		if len(waiting) == 0 {
			delete(q.chats, key)
			q.mu.Unlock()
			return
		}
		upd := waiting[0]
		q.chats[key] = waiting[1:]
		q.mu.Unlock()
		handled := q.d.untilDone(q.stop, upd)
		q.done(upd, handled)
		if !handled {
			q.leave(key)
			return
		}
	}
}

// leave gives up the chat's waiting updates: the queue stopped.
func (q *Queue) leave(key string) {
	q.mu.Lock()
	waiting := q.chats[key]
	delete(q.chats, key)
	q.mu.Unlock()
	for _, u := range waiting {
		q.done(u, false)
	}
}

// untilDone handles upd in a free slot, again and again with growing pauses while it fails
// (each handling retries, and the Dispatcher parks an update that keeps failing), until it is
// done with (true) or stop is closed (false).
func (d *Dispatcher) untilDone(stop <-chan struct{}, upd *models.Update) bool {
	pause := d.retryWait
	for !stopped(stop) {
		select {
		case d.slots <- struct{}{}:
		case <-stop:
			return false
		}
		if stopped(stop) {
			<-d.slots
			return false
		}
		done := d.handleOnce(stop, upd)
		<-d.slots
		if done {
			return true
		}
		select {
		case <-time.After(pause):
		case <-stop:
		}
		pause = min(pause*2, d.retryCap)
	}
	return false
}

// handleOnce is one handling of upd on a context of its own, bounded by the update timeout.
func (d *Dispatcher) handleOnce(stop <-chan struct{}, upd *models.Update) bool {
	ctx, cancel := context.WithTimeout(context.Background(), d.timeout)
	defer cancel()
	return d.handle(ctx, stop, upd)
}
