package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// SendAll is "⬇ Send all" on a list: the files the list holds are fixed when it is pressed and
// sent back by a job (SendAllJob), in order, as media groups where Telegram allows; one per user
// at a time, stopped by the user, resumed after a restart from the last group recorded.
type SendAll struct {
	uow   UnitOfWork
	clock Clock
}

// NewSendAll builds the use case.
func NewSendAll(uow UnitOfWork, clock Clock) SendAll { return SendAll{uow: uow, clock: clock} }

// StartSendAllInput names the list to send back and the chat it goes to.
type StartSendAllInput struct {
	OwnerID int64
	ChatID  int64
	Filter  domain.FileFilter
	Sort    domain.SortOrder
}

// BulkSendRunningError refuses a second send-all while the owner's first is under way: Running.
type BulkSendRunningError struct{ Running domain.BulkSend }

func (e BulkSendRunningError) Error() string {
	return fmt.Sprintf("send-all %d is under way", e.Running.ID)
}

// Start fixes the files of the list (an album it shows as one entry counts with its files) and
// enqueues their sending. An empty list is domain.ErrNotFound; a send under way is a
// BulkSendRunningError.
func (h SendAll) Start(ctx context.Context, in StartSendAllInput) (domain.BulkSend, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("send all of a list of user %d", in.OwnerID), func(ctx context.Context, r Repos) (domain.BulkSend, error) {
		now := h.clock.Now()
		running, err := r.BulkSends.Running(ctx, in.OwnerID)
		switch {
		case err == nil && running.Stalled(now):
			// Its job failed every try or waits far off: it gives way (stopped; its job, if it
			// ever runs again, sends nothing more).
			if _, err := r.BulkSends.End(ctx, in.OwnerID, running.ID, domain.BulkSendStopped); err != nil {
				return domain.BulkSend{}, err
			}
		case err == nil:
			return domain.BulkSend{}, BulkSendRunningError{Running: running}
		case !errors.Is(err, domain.ErrNotFound):
			return domain.BulkSend{}, err
		}
		q, err := fileQueryOf(ctx, r, ListFilesInput{OwnerID: in.OwnerID, Filter: in.Filter, Sort: in.Sort})
		if err != nil {
			return domain.BulkSend{}, err
		}
		ids, err := listedFileIDs(ctx, r, q)
		if err != nil {
			return domain.BulkSend{}, err
		}
		if len(ids) == 0 {
			return domain.BulkSend{}, domain.ErrNotFound
		}
		s, err := r.BulkSends.Create(ctx, domain.BulkSend{OwnerID: in.OwnerID, ChatID: in.ChatID, FileIDs: ids, State: domain.BulkSendRunning, MovedAt: now})
		if errors.Is(err, domain.ErrDuplicate) { // another press won the race
			running, rerr := r.BulkSends.Running(ctx, in.OwnerID)
			if rerr != nil {
				return domain.BulkSend{}, errors.Join(err, rerr)
			}
			return domain.BulkSend{}, BulkSendRunningError{Running: running}
		}
		if err != nil {
			return domain.BulkSend{}, err
		}
		return s, r.Jobs.Enqueue(ctx, SendAllJob{SendID: s.ID, From: 0}, JobOptions{Unique: true})
	})
}

// bulkPage is how many entries one read of a send-all's list takes.
const bulkPage = 500

// listedFileIDs is every file of the list q selects, in its order, an album's entry standing for
// the album's files there (oldest first) that the list would show, at most domain.MaxBulkSend.
func listedFileIDs(ctx context.Context, r Repos, q FileQuery) ([]int64, error) {
	var ids []int64
	seen := map[int64]bool{}
	add := func(id int64) {
		if !seen[id] && len(ids) < domain.MaxBulkSend {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for q.AfterID, q.Limit = 0, bulkPage; len(ids) < domain.MaxBulkSend; {
		page, err := r.Files.List(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, f := range page {
			if err := addEntry(ctx, r, q, f, add); err != nil {
				return nil, err
			}
		}
		if len(page) < bulkPage {
			break
		}
		q.AfterID = page[len(page)-1].ID
	}
	return ids, nil
}

// addEntry adds the file f of a list, or, where it stands for its album, the album's files the
// list's conditions keep.
func addEntry(ctx context.Context, r Repos, q FileQuery, f domain.File, add func(int64)) error {
	if f.AlbumID == nil || q.Search != "" || q.TagID > 0 { // lists that show files, not albums
		add(f.ID)
		return nil
	}
	files, err := r.Albums.Files(ctx, q.OwnerID, *f.AlbumID)
	if err != nil {
		return err
	}
	for _, g := range files {
		if inList(q, g) {
			add(g.ID)
		}
	}
	add(f.ID)
	return nil
}

// inList tells whether the album's file g meets the conditions of the list q.
func inList(q FileQuery, g domain.File) bool {
	switch {
	case (g.DeletedAt != nil) != q.Trashed, q.Kind != "" && g.Kind != q.Kind:
		return false
	case q.CategoryID > 0:
		return g.CategoryID != nil && *g.CategoryID == q.CategoryID
	case q.Uncategorised:
		return g.CategoryID == nil
	}
	return true
}

// SendAllStep is where a send-all is: the send, and its next files to go (at most the limit
// asked for; those deleted for good meanwhile left out), Skipped of the send's files before them
// gone. No Files and a running State: all are sent.
type SendAllStep struct {
	Send    domain.BulkSend
	Owner   domain.User
	Files   []domain.File
	Skipped int
}

// Next reads the send and the files after the ones done, up to limit of them.
func (h SendAll) Next(ctx context.Context, sendID int64, limit int) (SendAllStep, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("read send-all %d", sendID), func(ctx context.Context, r Repos) (SendAllStep, error) {
		s, err := r.BulkSends.Get(ctx, sendID)
		if err != nil {
			return SendAllStep{}, err
		}
		u, err := r.Users.Get(ctx, s.OwnerID)
		if err != nil {
			return SendAllStep{}, err
		}
		step := SendAllStep{Send: s, Owner: u}
		for i := s.Sent; i < s.Total() && len(step.Files) < limit; i++ {
			f, err := r.Files.Get(ctx, s.OwnerID, s.FileIDs[i])
			switch {
			case errors.Is(err, domain.ErrNotFound) && len(step.Files) == 0:
				step.Skipped++
			case errors.Is(err, domain.ErrNotFound):
				return step, nil // the next step skips it
			case err != nil:
				return SendAllStep{}, err
			default:
				step.Files = append(step.Files, f)
			}
		}
		return step, nil
	})
}

// Message records the send's progress message.
func (h SendAll) Message(ctx context.Context, sendID int64, messageID int) error {
	return doTx(ctx, h.uow, fmt.Sprintf("record the message of send-all %d", sendID), func(ctx context.Context, r Repos) error {
		return r.BulkSends.SetMessage(ctx, sendID, messageID)
	})
}

// Advance records that the send's first sent files are done and, while it runs, enqueues the
// job of its next step with it; it returns the send as it is now (stopped meanwhile, maybe).
func (h SendAll) Advance(ctx context.Context, sendID int64, sent int) (domain.BulkSend, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("advance send-all %d", sendID), func(ctx context.Context, r Repos) (domain.BulkSend, error) {
		s, err := r.BulkSends.Advance(ctx, sendID, sent, h.clock.Now())
		if err != nil || s.State != domain.BulkSendRunning {
			return s, err
		}
		return s, r.Jobs.Enqueue(ctx, SendAllJob{SendID: s.ID, From: s.Sent}, JobOptions{Unique: true})
	})
}

// Finish records that the owner's send has sent everything.
func (h SendAll) Finish(ctx context.Context, owner, sendID int64) (domain.BulkSend, error) {
	return h.end(ctx, owner, sendID, domain.BulkSendDone)
}

// Stop stops the owner's send (✖ Stop): the job sends no group after the one under way.
func (h SendAll) Stop(ctx context.Context, owner, sendID int64) (domain.BulkSend, error) {
	return h.end(ctx, owner, sendID, domain.BulkSendStopped)
}

func (h SendAll) end(ctx context.Context, owner, sendID int64, state domain.BulkSendState) (domain.BulkSend, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("end send-all %d as %s", sendID, state), func(ctx context.Context, r Repos) (domain.BulkSend, error) {
		return r.BulkSends.End(ctx, owner, sendID, state)
	})
}
