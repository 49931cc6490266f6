package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// SelectionStore implements app.SelectionStore over PostgreSQL.
type SelectionStore struct {
	q *sqlcgen.Queries
}

// Get returns the owner's selection as stored, expired or not, or domain.ErrNotFound.
func (r SelectionStore) Get(ctx context.Context, ownerID int64) (domain.Selection, error) {
	row, err := r.q.GetSelection(ctx, ownerID)
	if err != nil {
		return domain.Selection{}, fmt.Errorf("selection of user %d: %w", ownerID, interpretError(err))
	}
	return domain.Selection{
		OwnerID: row.OwnerID,
		Filter: domain.FileFilter{
			Kind: domain.Kind(row.Kind), CategoryID: row.CategoryID, Uncategorised: row.Uncategorised,
			Trashed: row.Trashed, SearchID: row.SearchID, TagID: row.TagID,
		},
		FileIDs:   row.FileIds,
		ExpiresAt: row.ExpiresAt,
	}, nil
}

// Put stores s as its owner's selection, replacing any other.
func (r SelectionStore) Put(ctx context.Context, s domain.Selection) error {
	ids := s.FileIDs
	if ids == nil {
		ids = []int64{}
	}
	// A batch statement: its failure (a foreign key) fails the unit of work's next read or COMMIT.
	r.q.PutSelection(ctx, []sqlcgen.PutSelectionParams{{
		OwnerID: s.OwnerID, Kind: string(s.Filter.Kind), CategoryID: s.Filter.CategoryID,
		Uncategorised: s.Filter.Uncategorised, Trashed: s.Filter.Trashed, SearchID: s.Filter.SearchID, TagID: s.Filter.TagID,
		FileIds: ids, ExpiresAt: s.ExpiresAt,
	}})
	return nil
}

// Clear forgets the owner's selection, if any.
func (r SelectionStore) Clear(ctx context.Context, ownerID int64) error {
	if err := r.q.ClearSelection(ctx, ownerID); err != nil {
		return fmt.Errorf("clear the selection of user %d: %w", ownerID, interpretError(err))
	}
	return nil
}

// BatchRepository implements app.BatchRepository over PostgreSQL.
type BatchRepository struct {
	q *sqlcgen.Queries
}

// Create stores b with its items (at most domain.MaxSelection rows) and returns it with its id.
func (r BatchRepository) Create(ctx context.Context, b domain.Batch) (domain.Batch, error) {
	id, err := r.q.CreateBatch(ctx, sqlcgen.CreateBatchParams{
		OwnerID: b.OwnerID, Action: string(b.Action), CategoryID: b.CategoryID, At: b.At,
	})
	if err != nil {
		return domain.Batch{}, fmt.Errorf("store a batch of user %d: %w", b.OwnerID, interpretError(err))
	}
	for _, it := range b.Items {
		err := r.q.AddBatchFile(ctx, sqlcgen.AddBatchFileParams{
			BatchID: id, FileID: it.FileID, CategoryID: it.CategoryID, DeletedAt: it.DeletedAt,
			TagsAdded: nonNil(it.TagsAdded), TagsRemoved: nonNil(it.TagsRemoved),
		})
		if err != nil {
			return domain.Batch{}, fmt.Errorf("store file %d of batch %d: %w", it.FileID, id, interpretError(err))
		}
	}
	b.ID = id
	return b, nil
}

// Get returns the owner's batch with its items: domain.ErrForbidden if it is someone else's.
func (r BatchRepository) Get(ctx context.Context, ownerID, id int64) (domain.Batch, error) {
	row, err := r.q.GetBatch(ctx, id)
	if err != nil {
		return domain.Batch{}, fmt.Errorf("batch %d: %w", id, interpretError(err))
	}
	if row.OwnerID != ownerID {
		return domain.Batch{}, fmt.Errorf("batch %d of user %d: %w", id, ownerID, domain.ErrForbidden)
	}
	files, err := r.q.ListBatchFiles(ctx, id)
	if err != nil {
		return domain.Batch{}, fmt.Errorf("files of batch %d: %w", id, interpretError(err))
	}
	b := domain.Batch{
		ID: row.ID, OwnerID: row.OwnerID, Action: domain.BatchAction(row.Action), CategoryID: row.CategoryID,
		At: row.At, UndoneAt: row.UndoneAt, Items: make([]domain.BatchItem, len(files)),
	}
	for i, f := range files {
		b.Items[i] = domain.BatchItem{
			FileID: f.FileID, CategoryID: f.CategoryID, DeletedAt: f.DeletedAt,
			TagsAdded: nilIfEmpty(f.TagsAdded), TagsRemoved: nilIfEmpty(f.TagsRemoved),
		}
	}
	return b, nil
}

// nonNil is names, or none (never NULL, which the column refuses).
func nonNil(names []string) []string {
	if names == nil {
		return []string{}
	}
	return names
}

// nilIfEmpty is names, nil when there are none, as the domain has them.
func nilIfEmpty(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	return names
}

// MarkUndone records that the owner's batch was undone at at, unless it was undone before.
func (r BatchRepository) MarkUndone(ctx context.Context, ownerID, id int64, at time.Time) (bool, error) {
	n, err := r.q.MarkBatchUndone(ctx, sqlcgen.MarkBatchUndoneParams{ID: id, OwnerID: ownerID, UndoneAt: &at})
	if err != nil {
		return false, fmt.Errorf("mark batch %d undone: %w", id, interpretError(err))
	}
	return n == 1, nil
}

// Prune keeps the owner's keep newest batches, deletes the others and returns how many.
func (r BatchRepository) Prune(ctx context.Context, ownerID int64, keep int) (int, error) {
	n, err := r.q.PruneBatches(ctx, sqlcgen.PruneBatchesParams{OwnerID: ownerID, Keep: int32(min(keep, 1<<30))})
	if err != nil {
		return 0, fmt.Errorf("prune the batches of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}
