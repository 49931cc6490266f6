package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// CopyToStorageJob copies one kept file to the storage chat (the Telegram adapter's work).
type CopyToStorageJob struct{ FileID int64 }

// Kind names the job.
func (CopyToStorageJob) Kind() string { return "copy_to_storage" }

// BackfillStorageJob enqueues a CopyToStorageJob for every file with no copy: the files kept
// before the storage chat ChatID was set. Unique by chat: it runs once when the setting appears.
type BackfillStorageJob struct{ ChatID int64 }

// Kind names the job.
func (BackfillStorageJob) Kind() string { return "storage_backfill" }

// SweepStorageJob deletes from the storage chat the copies of files deleted for good (or, with
// STORAGE_KEEP_DELETED, forgets them): the periodic work of the Telegram adapter.
type SweepStorageJob struct{}

// Kind names the job.
func (SweepStorageJob) Kind() string { return "storage_sweep" }

// backfillPage is how many copy jobs one unit of work of the backfill enqueues.
const backfillPage = 500

// copyJob enqueues the copy of f when a storage chat is set and f has no copy; the caller's unit
// of work stores the job with f, so a file is never kept without its copy to come.
func copyJob(ctx context.Context, r Repos, limits Limits, f domain.File) error {
	if limits.StorageChatID == 0 || f.Copy.Exists() {
		return nil
	}
	return r.Jobs.Enqueue(ctx, CopyToStorageJob{FileID: f.ID}, JobOptions{Unique: true})
}

// StartBackfill enqueues the backfill of the storage chat chatID, once for that chat.
func (h Storage) StartBackfill(ctx context.Context, chatID int64) error {
	return doTx(ctx, h.uow, fmt.Sprintf("start the backfill of storage chat %d", chatID), func(ctx context.Context, r Repos) error {
		return r.Jobs.Enqueue(ctx, BackfillStorageJob{ChatID: chatID}, JobOptions{Unique: true})
	})
}

// Backfill enqueues the copy of every file with no copy, a page per unit of work, and returns
// how many it enqueued. Run again, it enqueues what is still without a copy: it resumes.
func (h Storage) Backfill(ctx context.Context) (int, error) {
	total := 0
	for after := int64(0); ; {
		n, last, err := inTx2(ctx, h.uow, "backfill the storage chat", func(ctx context.Context, r Repos) (int, int64, error) {
			files, err := r.Storage.Uncopied(ctx, after, backfillPage)
			for i, f := range files {
				if err == nil {
					err = r.Jobs.Enqueue(ctx, CopyToStorageJob{FileID: f.ID}, JobOptions{Unique: true})
				}
				after = files[i].ID
			}
			return len(files), after, err
		})
		total += n
		if err != nil || n < backfillPage {
			return total, err
		}
		after = last
	}
}

// inTx2 is inTx for a use case that finds two things.
func inTx2[A, B any](ctx context.Context, uow UnitOfWork, what string, fn func(ctx context.Context, r Repos) (A, B, error)) (A, B, error) {
	type pair struct {
		a A
		b B
	}
	p, err := inTx(ctx, uow, what, func(ctx context.Context, r Repos) (pair, error) {
		a, b, err := fn(ctx, r)
		return pair{a, b}, err
	})
	return p.a, p.b, err
}

// ToCopy is the file to copy to the storage chat, whoever's it is, with its owner (for the
// copy's caption); domain.ErrNotFound when it is gone.
func (h Storage) ToCopy(ctx context.Context, fileID int64) (domain.File, domain.User, error) {
	return inTx2(ctx, h.uow, fmt.Sprintf("the file %d to copy", fileID), func(ctx context.Context, r Repos) (domain.File, domain.User, error) {
		f, err := r.Storage.File(ctx, fileID)
		if err != nil {
			return domain.File{}, domain.User{}, err
		}
		u, err := r.Users.Get(ctx, f.OwnerID)
		return f, u, err
	})
}
