// Package jobs is the job engine: River (github.com/riverqueue/river) over the application's
// PostgreSQL pool. Jobs are rows in River's tables (migrated with ours by package postgres), so a
// job enqueued inside a unit of work (app.Repos.Jobs) commits or rolls back with it; a failed job
// is retried with backoff; a periodic job is enqueued by the elected leader of the instances and
// is unique per period, so it runs once however many instances there are.
//
// # Adding a job kind
//
// First, in package app, declare the job: a struct with the arguments the work needs (ids, as
// exported fields: it is stored as JSON) and a Kind method returning a name that never changes;
// and the use case that does the work, with a method of the shape func(ctx, job) error:
//
//	type CopyFileJob struct{ FileID int64 }
//
//	func (CopyFileJob) Kind() string { return "copy_file" }
//
// Second, enqueue it from a use case, in the unit of work whose effects need it (it is stored only
// if they commit):
//
//	err := r.Jobs.Enqueue(ctx, CopyFileJob{FileID: f.ID}, app.JobOptions{Unique: true})
//
// Third, give the engine its worker: provide a Kind to the fx group "jobs", from any module (only
// this package knows River):
//
//	fx.Provide(fx.Annotate(func(a app.Application) jobs.Kind {
//		return jobs.Work(a.Commands.CopyFile.Handle)
//	}, fx.ResultTags(`group:"jobs"`)))
//
// A job enqueued every interval, by no use case, is jobs.Periodic(interval, job, work) instead
// (see housekeeping.go).
//
// The work function's error decides what happens: nil completes the job; an error that
// app.Permanent recognises (a domain error: trying again gives the same) cancels it; any other
// error retries it later, with backoff, up to MaxAttempts times. The work must be idempotent: a
// job may run again after a crash in the middle of it.
package jobs
