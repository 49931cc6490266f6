package memory

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
)

// EnqueuedJob is a job the memory JobQueue keeps, as the job engine would store it.
type EnqueuedJob struct {
	Job        app.Job
	Args       string // the job as JSON, as the engine stores it
	EnqueuedAt time.Time
	RunAfter   time.Time
}

// JobQueue implements app.JobQueue in memory: jobs are kept in the store (and undone with a
// rolled-back unit of work), to be looked at, or taken and run, by the tests.
type JobQueue struct {
	store *Store
}

// NewJobQueue returns the job queue of s.
func NewJobQueue(s *Store) JobQueue { return JobQueue{store: s} }

// Enqueue keeps job, unless opts.Unique and a job of its kind and arguments is kept already.
func (q JobQueue) Enqueue(ctx context.Context, job app.Job, opts app.JobOptions) error {
	args, err := json.Marshal(job)
	if err != nil {
		return fmt.Errorf("enqueue %s job: %w", job.Kind(), err)
	}
	s := q.store
	defer s.lock(ctx)()
	if opts.Unique && slices.ContainsFunc(s.data.jobs, func(j EnqueuedJob) bool {
		return j.Job.Kind() == job.Kind() && j.Args == string(args)
	}) {
		return nil
	}
	now := time.Now()
	s.data.jobs = append(s.data.jobs, EnqueuedJob{Job: job, Args: string(args), EnqueuedAt: now, RunAfter: now.Add(opts.Delay)})
	return nil
}

// Jobs returns the jobs kept, in the order they were enqueued.
func (s *Store) Jobs() []EnqueuedJob {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.data.jobs)
}
