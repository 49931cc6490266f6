package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// BatchResult is what a batch did: the batch (its id undoes it), how many files it changed, how
// many selected files it passed over (gone, or already as asked), and the category of a move.
type BatchResult struct {
	Batch    domain.Batch
	Changed  int
	Skipped  int
	Category *domain.Category
	// Tags are, of a tag batch, the tags it put on some file and those it took off some file.
	Tags domain.TagEdit
}

// Apply runs action on the user's selection on the list filter selects (a move to categoryID,
// 0 for none), in one unit of work, records the batch to undo it and ends the selection:
// domain.ErrSelectionExpired if there is none, domain.ErrNothingSelected if it changes no file.
func (h Selections) Apply(ctx context.Context, owner int64, filter domain.FileFilter, action domain.BatchAction, categoryID int64) (BatchResult, error) {
	what := fmt.Sprintf("%s the selection of user %d", action, owner)
	return inTx(ctx, h.uow, what, func(ctx context.Context, r Repos) (BatchResult, error) {
		if !action.Valid() || action == domain.BatchTag { // tags: ApplyTags
			return BatchResult{}, fmt.Errorf("batch action %q: %w", action, domain.ErrNotFound)
		}
		sel, err := h.current(ctx, r, owner, filter)
		if err != nil {
			return BatchResult{}, err
		}
		var res BatchResult
		var target *int64
		if action == domain.BatchMove && categoryID != 0 {
			c, err := ownedCategory(ctx, r, owner, categoryID)
			if err != nil {
				return BatchResult{}, err
			}
			res.Category, target = &c, &c.ID
		}
		ids, err := entriesOf(ctx, r, owner, filter, sel.FileIDs)
		if err != nil {
			return BatchResult{}, err
		}
		b := domain.NewBatch(owner, action, target, h.clock.Now())
		if err := applyAll(ctx, r, &b, ids); err != nil {
			return BatchResult{}, err
		}
		return recordBatch(ctx, r, b, len(ids), res)
	})
}

// recordBatch ends a batch that went over files of the selection: it stores b (none changed:
// domain.ErrNothingSelected), keeps the owner's latest batches only and ends the selection; res
// gets the batch and its counts.
func recordBatch(ctx context.Context, r Repos, b domain.Batch, files int, res BatchResult) (BatchResult, error) {
	if len(b.Items) == 0 {
		return BatchResult{}, domain.ErrNothingSelected
	}
	var err error
	if res.Batch, err = r.Batches.Create(ctx, b); err != nil {
		return BatchResult{}, err
	}
	if _, err := r.Batches.Prune(ctx, b.OwnerID, domain.MaxBatchesKept); err != nil {
		return BatchResult{}, err
	}
	res.Changed, res.Skipped = len(b.Items), files-len(b.Items)
	return res, r.Selections.Clear(ctx, b.OwnerID)
}

// applyAll applies the batch to each of the owner's files it applies to; the others are passed over.
func applyAll(ctx context.Context, r Repos, b *domain.Batch, ids []int64) error {
	for _, id := range ids {
		f, err := ownedFile(ctx, r, b.OwnerID, id)
		if gone(err) {
			continue
		}
		if err != nil {
			return err
		}
		if !b.Applies(f) {
			continue
		}
		b.Apply(&f)
		if err := r.Files.Update(ctx, f); err != nil {
			return err
		}
		if b.Action == domain.BatchTrash { // a deleted file is no longer shared, as one deleted alone
			if _, err := r.Shares.RevokeForFile(ctx, f.ID, b.At); err != nil {
				return err
			}
		}
	}
	return nil
}

// UndoResult is what an undo did: how many files it put back, and how many it left as they are
// because they changed since the batch (moved, deleted, restored, or gone for good).
type UndoResult struct {
	Batch   domain.Batch
	Undone  int
	Changed int
}

// Undo puts back every file of the user's batch that is still as the batch left it, each as it
// was before (its own previous category; out of the trash, or back into it), in one unit of work:
// domain.ErrBatchUndone if it was undone already.
func (h Selections) Undo(ctx context.Context, owner, batchID int64) (UndoResult, error) {
	what := fmt.Sprintf("undo batch %d of user %d", batchID, owner)
	return inTx(ctx, h.uow, what, func(ctx context.Context, r Repos) (UndoResult, error) {
		b, err := r.Batches.Get(ctx, owner, batchID)
		if err != nil {
			return UndoResult{}, err
		}
		if b.OwnerID != owner {
			return UndoResult{}, fmt.Errorf("batch %d of user %d: %w", batchID, owner, domain.ErrForbidden)
		}
		// Marked first: of two undos at once, the second waits here and finds it undone.
		marked, err := r.Batches.MarkUndone(ctx, owner, batchID, h.clock.Now())
		if err != nil {
			return UndoResult{}, err
		}
		if !marked {
			return UndoResult{}, domain.ErrBatchUndone
		}
		res := UndoResult{Batch: b}
		for _, item := range b.Items {
			ok, err := undoItem(ctx, r, b, item, h.clock)
			if err != nil {
				return UndoResult{}, err
			}
			if ok {
				res.Undone++
			} else {
				res.Changed++
			}
		}
		return res, nil
	})
}

// undoItem puts one file of the batch back, unless it changed since or its previous category is
// gone; it reports whether it did.
func undoItem(ctx context.Context, r Repos, b domain.Batch, item domain.BatchItem, clock Clock) (bool, error) {
	f, err := ownedFile(ctx, r, b.OwnerID, item.FileID)
	if gone(err) {
		return false, nil
	}
	if err != nil || !b.Unchanged(f) {
		return false, err
	}
	if b.Action == domain.BatchTag {
		return true, untagOne(ctx, r, f, item, clock)
	}
	if b.Action == domain.BatchMove && item.CategoryID != nil {
		_, err := ownedCategory(ctx, r, b.OwnerID, *item.CategoryID)
		if gone(err) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
	b.Revert(&f, item)
	return true, r.Files.Update(ctx, f)
}
