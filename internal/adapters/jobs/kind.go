package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/filekeeper/filekeeper/internal/app"
)

// Kind is a kind of job the engine runs: its worker and, for a periodic job, its schedule.
// Build it with Work or Periodic.
type Kind struct {
	name     string
	register func(*river.Workers) error
	periodic *river.PeriodicJob
}

// Work is the Kind of the jobs of type T, which work does (see the package doc for what its
// error means).
func Work[T app.Job](work func(ctx context.Context, job T) error) Kind {
	var zero T
	return Kind{
		name: zero.Kind(),
		register: func(w *river.Workers) error {
			return river.AddWorkerSafely(w, river.WorkFunc(func(ctx context.Context, j *river.Job[T]) error {
				return outcome(work(ctx, j.Args))
			}))
		},
	}
}

// Periodic is Work for a job enqueued every interval (job is its arguments), once for all the
// instances: the first as this instance becomes the leader, unless one ran in the same period.
func Periodic[T app.Job](interval time.Duration, job T, work func(ctx context.Context, job T) error) Kind {
	k := Work(work)
	opts := &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: interval}}
	k.periodic = river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return job, opts },
		&river.PeriodicJobOpts{ID: job.Kind(), RunOnStart: true})
	return k
}

// outcome tells River what a work function's error means: a permanent one cancels the job (no
// retry would help), any other retries it.
func outcome(err error) error {
	if err != nil && app.Permanent(err) {
		return river.JobCancel(err)
	}
	return err
}
