package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ReplyOutbox implements app.ReplyOutbox over PostgreSQL (the reply_outbox table).
type ReplyOutbox struct {
	q *sqlcgen.Queries
}

// Record stores r with one INSERT and returns its id.
func (o ReplyOutbox) Record(ctx context.Context, r app.OutboxReply) (int64, error) {
	id, err := o.q.RecordReply(ctx, sqlcgen.RecordReplyParams{BotID: r.BotID, UpdateID: r.UpdateID, Payload: r.Payload, LeaseUntil: r.LeaseUntil, CreatedAt: r.CreatedAt})
	if err != nil {
		return 0, fmt.Errorf("record the reply to update %d: %w", r.UpdateID, interpretError(err))
	}
	return id, nil
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
