package postgres

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ReplyOutbox implements app.ReplyOutbox over PostgreSQL (the reply_outbox table).
type ReplyOutbox struct {
	q *sqlcgen.Queries
}

// Record stores r with one INSERT and returns its id, chosen here (replyIDs): the INSERT is
// queued, not waited for, and goes to PostgreSQL with the unit of work's next statement or its
// COMMIT, whose failure is the INSERT's.
func (o ReplyOutbox) Record(ctx context.Context, r app.OutboxReply) (int64, error) {
	id := replyIDs.next(time.Now())
	o.q.RecordReply(ctx, []sqlcgen.RecordReplyParams{{ID: id, BotID: r.BotID, UpdateID: r.UpdateID, Payload: r.Payload, LeaseUntil: r.LeaseUntil, CreatedAt: r.CreatedAt}})
	return id, nil
}

// Forget forgets the replies ids with a DELETE queued in the unit of work (going with its next
// statement or COMMIT), not waited for.
func (o ReplyOutbox) Forget(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	o.q.ForgetReplies(ctx, [][]int64{ids})
	return nil
}

// replyIDs chooses the ids of the replies this process records.
var replyIDs = &idSource{}

// idSource chooses ids that grow in this process (each greater than the last) and roughly with
// time across processes (the oldest first, as a sweep takes them): the milliseconds since the
// epoch, then 20 bits, random in each process from its start (two instances choosing the same id
// would have to record in the same millisecond from the same random start: the INSERT would then
// fail on the primary key, and the update would be handled again).
type idSource struct {
	mu   sync.Mutex
	last int64
	salt int64
}

const idRandomBits = 20

func (s *idSource) next(now time.Time) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.salt == 0 {
		s.salt = rand.Int64N(1<<idRandomBits-1) + 1
	}
	id := now.UnixMilli()<<idRandomBits | s.salt
	if id <= s.last {
		id = s.last + 1
	}
	s.last = id
	return id
}

// Delivered forgets the replies ids.
func (o ReplyOutbox) Delivered(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	n, err := o.q.DeleteReplies(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("forget %d delivered replies: %w", len(ids), interpretError(err))
	}
	return int(n), nil
}

// Progress records how far reply id's delivery went.
func (o ReplyOutbox) Progress(ctx context.Context, id int64, delivered int, uncertain bool) error {
	n, err := o.q.SetReplyProgress(ctx, sqlcgen.SetReplyProgressParams{ID: id, Delivered: count32(delivered), Uncertain: uncertain})
	switch {
	case err != nil:
		return fmt.Errorf("record the progress of reply %d: %w", id, interpretError(err))
	case n == 0:
		return fmt.Errorf("record the progress of reply %d: %w", id, domain.ErrNotFound)
	}
	return nil
}

// TakeDue takes at most limit replies whose lease ended by now and leases them until leaseUntil.
func (o ReplyOutbox) TakeDue(ctx context.Context, now, leaseUntil time.Time, limit int) ([]app.OutboxReply, error) {
	rows, err := o.q.TakeDueReplies(ctx, sqlcgen.TakeDueRepliesParams{Now: now, LeaseUntil: leaseUntil, Lim: count32(limit)})
	if err != nil {
		return nil, fmt.Errorf("take the replies due: %w", interpretError(err))
	}
	out := make([]app.OutboxReply, len(rows))
	for i, r := range rows {
		out[i] = app.OutboxReply{ID: r.ID, BotID: r.BotID, UpdateID: r.UpdateID, Payload: r.Payload, Delivered: int(r.Delivered),
			Uncertain: r.Uncertain, LeaseUntil: r.LeaseUntil, Attempts: int(r.Attempts), CreatedAt: r.CreatedAt}
	}
	// UPDATE … RETURNING gives no order: oldest first, as the sweep sends them.
	slices.SortFunc(out, func(a, b app.OutboxReply) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}
