package app

import (
	"context"
	"time"
)

// OutboxReply is a reply recorded in the outbox: what the bot is to say in answer to an update,
// kept in the unit of work of the update's effects so that it outlives a crash before it is sent.
type OutboxReply struct {
	ID       int64
	BotID    int64
	UpdateID int64
	// Payload is the reply's actions as the adapter that sends them encodes them; opaque here.
	Payload []byte
	// Delivered is how many of the actions are done; Uncertain, that the next one may be done
	// too (its call went out, no answer came back): the adapter decides whether to repeat it.
	Delivered int
	Uncertain bool
	// LeaseUntil is when a sweep may take the reply: until then its holder is sending it.
	LeaseUntil time.Time
	Attempts   int // how many times a sweep took it
	CreatedAt  time.Time
}

// ReplyOutbox keeps the replies recorded and not yet delivered.
type ReplyOutbox interface {
	// Record stores r (its BotID, UpdateID, Payload, LeaseUntil and CreatedAt; nothing delivered yet) with
	// one statement and returns its id.
	Record(ctx context.Context, r OutboxReply) (int64, error)
	// Delivered forgets the replies ids, every action of which is done, and returns how many it
	// forgot (an id forgotten already is no error).
	Delivered(ctx context.Context, ids []int64) (int, error)
	// Forget is Delivered whose count is not needed: it may be queued, and done with the unit of
	// work's next statement or its commit (whose failure is then its own).
	Forget(ctx context.Context, ids []int64) error
	// Progress records that delivered actions of reply id are done (uncertain: the next may be
	// too), or returns domain.ErrNotFound.
	Progress(ctx context.Context, id int64, delivered int, uncertain bool) error
	// TakeDue takes at most limit replies whose lease ended by now, oldest first, counts an
	// attempt on each and leases them until leaseUntil. Replies another unit of work is taking
	// are skipped, not waited for: each is taken by one sweep.
	TakeDue(ctx context.Context, now, leaseUntil time.Time, limit int) ([]OutboxReply, error)
}
