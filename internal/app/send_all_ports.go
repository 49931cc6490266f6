package app

import (
	"context"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// BulkSendRepository keeps the send-alls ("⬇ Send all") with their files and progress, so a
// restart or another instance goes on where one stopped.
type BulkSendRepository interface {
	// Create stores s (its FileIDs in order) and returns it with its id; domain.ErrDuplicate if
	// the owner has one running already (at most one each, whatever races). A duplicate never
	// aborts the unit of work.
	Create(ctx context.Context, s domain.BulkSend) (domain.BulkSend, error)
	// Get returns the send with that id, or domain.ErrNotFound.
	Get(ctx context.Context, id int64) (domain.BulkSend, error)
	// Running returns the owner's running send, or domain.ErrNotFound.
	Running(ctx context.Context, ownerID int64) (domain.BulkSend, error)
	// SetMessage records the send's progress message, or returns domain.ErrNotFound.
	SetMessage(ctx context.Context, id int64, messageID int) error
	// Advance records that the send's first sent files are done (never fewer than recorded
	// before) at at (its MovedAt, never earlier than recorded before) and returns the send as it
	// is now, or domain.ErrNotFound.
	Advance(ctx context.Context, id int64, sent int, at time.Time) (domain.BulkSend, error)
	// End moves the owner's running send to state (stopped or done) and returns it; a send that
	// is not running is returned as it is. domain.ErrNotFound if the owner has no send of that id.
	End(ctx context.Context, ownerID, id int64, state domain.BulkSendState) (domain.BulkSend, error)
}

// SendAllJob sends the next group of a send-all's files back: each run sends one group and
// records it with the job of the next (so a stop of the instance waits for one group at most, and
// a restart goes on from the last group recorded). From is how many files were done when it was
// enqueued: the job of each step is unique.
type SendAllJob struct {
	SendID int64
	From   int
}

// Kind names the job's worker.
func (SendAllJob) Kind() string { return "send_all" }
