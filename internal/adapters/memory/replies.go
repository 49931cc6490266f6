package memory

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ReplyOutbox implements app.ReplyOutbox in memory. Its units of work run one at a time, so a
// reply being taken by one is never seen by another, as SKIP LOCKED gives in Postgres.
type ReplyOutbox struct {
	store *Store
}

// NewReplyOutbox returns the reply outbox of s.
func NewReplyOutbox(s *Store) ReplyOutbox { return ReplyOutbox{store: s} }

// Record stores r and returns its id.
func (o ReplyOutbox) Record(ctx context.Context, r app.OutboxReply) (int64, error) {
	s := o.store
	defer s.lock(ctx)()
	s.nextReplyID++
	r.ID, r.Delivered, r.Uncertain, r.Attempts = s.nextReplyID, 0, false, 0
	r.Payload, r.LeaseUntil, r.CreatedAt = slices.Clone(r.Payload), storedTime(r.LeaseUntil), storedTime(r.CreatedAt)
	s.data.replies[r.ID] = r
	return r.ID, nil
}

// Delivered forgets the replies ids.
func (o ReplyOutbox) Delivered(ctx context.Context, ids []int64) (int, error) {
	s := o.store
	defer s.lock(ctx)()
	n := 0
	for _, id := range ids {
		if _, ok := s.data.replies[id]; ok {
			delete(s.data.replies, id)
			n++
		}
	}
	return n, nil
}

// Forget forgets the replies ids.
func (o ReplyOutbox) Forget(ctx context.Context, ids []int64) error {
	_, err := o.Delivered(ctx, ids)
	return err
}

// Progress records how far reply id's delivery went.
func (o ReplyOutbox) Progress(ctx context.Context, id int64, delivered int, uncertain bool) error {
	s := o.store
	defer s.lock(ctx)()
	r, ok := s.data.replies[id]
	if !ok {
		return fmt.Errorf("record the progress of reply %d: %w", id, domain.ErrNotFound)
	}
	r.Delivered, r.Uncertain = max(delivered, 0), uncertain
	s.data.replies[id] = r
	return nil
}

// TakeDue takes at most limit replies whose lease ended by now and leases them until leaseUntil.
func (o ReplyOutbox) TakeDue(ctx context.Context, now, leaseUntil time.Time, limit int) ([]app.OutboxReply, error) {
	s := o.store
	defer s.lock(ctx)()
	var due []app.OutboxReply
	for _, id := range slices.Sorted(maps.Keys(s.data.replies)) {
		if len(due) >= limit {
			break
		}
		r := s.data.replies[id]
		if r.LeaseUntil.After(now) {
			continue
		}
		r.LeaseUntil, r.Attempts = storedTime(leaseUntil), r.Attempts+1
		s.data.replies[id] = r
		r.Payload = slices.Clone(r.Payload)
		due = append(due, r)
	}
	slices.SortFunc(due, func(a, b app.OutboxReply) int { return cmp.Compare(a.ID, b.ID) })
	return due, nil
}
