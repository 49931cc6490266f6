package app

import (
	"context"
	"fmt"
	"time"
)

// PurgeTrash deletes for good the files that stayed in the trash longer than the retention. It
// runs in batches, and several instances may run it at once.
type PurgeTrash struct {
	uow       UnitOfWork
	clock     Clock
	retention time.Duration
	batch     int
}

// NewPurgeTrash builds the purge job; batch is how many files one transaction deletes at most.
func NewPurgeTrash(uow UnitOfWork, clock Clock, limits Limits, batch int) PurgeTrash {
	return PurgeTrash{uow: uow, clock: clock, retention: limits.TrashRetention, batch: max(batch, 1)}
}

// Handle purges everything due now, batch after batch, and returns how many files it deleted.
func (h PurgeTrash) Handle(ctx context.Context) (int, error) {
	cutoff := h.clock.Now().Add(-h.retention)
	total, err := deleteInBatches(ctx, h.uow, h.batch, func(ctx context.Context, r Repos) (int, error) {
		return r.Files.PurgeTrashed(ctx, cutoff, h.batch)
	})
	if err != nil {
		return total, fmt.Errorf("purge trash older than %s: %w", cutoff.Format(time.RFC3339), err)
	}
	return total, nil
}
