package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/app"
)

// JobInserter stores background jobs inside a transaction: the job engine
// (internal/adapters/jobs) provides it, so a job commits or rolls back with the unit of work
// that enqueued it.
type JobInserter interface {
	InsertTx(ctx context.Context, tx pgx.Tx, job app.Job, opts app.JobOptions) error
}

// errNoJobEngine is a job enqueued through a unit of work built without a job engine.
var errNoJobEngine = errors.New("no job engine: the unit of work was built without a JobInserter")

// txJobs is the app.JobQueue of one transaction.
type txJobs struct {
	inserter JobInserter
	tx       pgx.Tx
}

func (q txJobs) Enqueue(ctx context.Context, job app.Job, opts app.JobOptions) error {
	if q.inserter == nil {
		return fmt.Errorf("enqueue %s job: %w", job.Kind(), errNoJobEngine)
	}
	if err := q.inserter.InsertTx(ctx, q.tx, job, opts); err != nil {
		return fmt.Errorf("enqueue %s job: %w", job.Kind(), err)
	}
	return nil
}
