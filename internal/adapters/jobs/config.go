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
}

// DefaultMaxAttempts is the MaxAttempts of the zero Config.
const DefaultMaxAttempts = 25

func (c Config) maxAttempts() int {
	if c.MaxAttempts > 0 {
		return c.MaxAttempts
	}
	return DefaultMaxAttempts
}
