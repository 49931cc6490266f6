package app

import (
	"context"
	"fmt"
	"time"
)

// PruneUpdates forgets the claims of updates handled longer ago than the retention: Telegram
// redelivers an update for at most 24 hours, so a claim older than that protects nothing. It
// runs in batches, and several instances may run it at once.
type PruneUpdates struct {
	uow       UnitOfWork
	clock     Clock
	retention time.Duration
	batch     int
}

// NewPruneUpdates builds the prune job; batch is how many claims one transaction deletes at most.
func NewPruneUpdates(uow UnitOfWork, clock Clock, retention time.Duration, batch int) PruneUpdates {
	return PruneUpdates{uow: uow, clock: clock, retention: retention, batch: max(batch, 1)}
}

// Handle prunes everything due now, batch after batch, and returns how many claims it deleted.
func (h PruneUpdates) Handle(ctx context.Context) (int, error) {
	cutoff := h.clock.Now().Add(-h.retention)
	total, err := deleteInBatches(ctx, h.uow, h.batch, func(ctx context.Context, r Repos) (int, error) {
		return r.Updates.Prune(ctx, cutoff, h.batch)
	})
	if err != nil {
		return total, fmt.Errorf("prune updates handled before %s: %w", cutoff.Format(time.RFC3339), err)
	}
	return total, nil
}
