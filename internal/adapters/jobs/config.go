package jobs

import "time"

// Config sets the job engine of this instance.
type Config struct {
	// Workers is how many jobs this instance runs at once. 0 runs none here: jobs are still
	// enqueued, and other instances run them.
	Workers int
	// PurgeInterval is how often the trash is purged and the claims of old updates are pruned;
	// 0 turns both off.
	PurgeInterval time.Duration
	// MaxAttempts is how many times a failing job is tried before it is given up; 0 means
	// DefaultMaxAttempts.
	MaxAttempts int
	// RescueAfter is how long a job may stay running before it is taken for the job of a dead
	// instance (killed between its start and its end) and run again; 0 means
	// DefaultRescueAfter. It must be above JobTimeout, after which a job's context is cancelled.
	RescueAfter time.Duration
}

// JobTimeout is how long one run of a job may take: its context is cancelled then, and the job
// retried. Every job here does a bounded step a run (one media group, one page of a backfill).
const JobTimeout = time.Minute

// DefaultRescueAfter is the RescueAfter of the zero Config: a job killed with its instance runs
// again within about this (plus the rescuer's 30 s round), not River's default hour.
const DefaultRescueAfter = 2 * time.Minute

func (c Config) rescueAfter() time.Duration {
	if c.RescueAfter > JobTimeout {
		return c.RescueAfter
	}
	return DefaultRescueAfter
}

// DefaultMaxAttempts is the MaxAttempts of the zero Config.
const DefaultMaxAttempts = 25

func (c Config) maxAttempts() int {
	if c.MaxAttempts > 0 {
		return c.MaxAttempts
	}
	return DefaultMaxAttempts
}
