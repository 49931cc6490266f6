package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// CountUncategorised counts an owner's live files in no category.
func (r FileRepository) CountUncategorised(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.CountUncategorisedFiles(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("count uncategorised files of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// CountTrashed counts an owner's files in the trash.
func (r FileRepository) CountTrashed(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.CountTrashedFiles(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("count trashed files of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// Update stores f's Name, CategoryID, DeletedAt and RenamePending if f.OwnerID keeps the file, or
// returns domain.ErrNotFound. A category
// that does not exist is refused by its foreign key, which aborts the transaction: the use case
// checks the category first.
func (r FileRepository) Update(ctx context.Context, f domain.File) error {
	n, err := r.q.UpdateFile(ctx, sqlcgen.UpdateFileParams{
		ID:         f.ID,
		OwnerID:    f.OwnerID,
		Name:       f.Name,
		CategoryID: f.CategoryID,
		DeletedAt:  f.DeletedAt,

		RenamePending: f.RenamePending,
	})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("update file %d: %w", f.ID, interpretError(err))
	}
	return nil
}

// ReplaceTelegramFileID records the file id of the file uploaded again under its name, unless
// the stored id is no longer oldID; it reports whether it was replaced.
func (r FileRepository) ReplaceTelegramFileID(ctx context.Context, ownerID, id int64, oldID, newID string) (bool, error) {
	n, err := r.q.ReplaceTelegramFileID(ctx, sqlcgen.ReplaceTelegramFileIDParams{ID: id, OwnerID: ownerID, OldFileID: oldID, NewFileID: newID})
	if err != nil {
		return false, fmt.Errorf("replace the telegram file id of file %d: %w", id, interpretError(err))
	}
	return n == 1, nil
}

// Delete removes the owner's file for good, or returns domain.ErrNotFound.
func (r FileRepository) Delete(ctx context.Context, ownerID, id int64) error {
	n, err := r.q.DeleteFile(ctx, sqlcgen.DeleteFileParams{ID: id, OwnerID: ownerID})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("delete file %d: %w", id, interpretError(err))
	}
	return nil
}

// PurgeTrashed deletes for good at most limit files trashed before cutoff, the longest trashed
// first, and returns how many it deleted. Files another transaction is purging are skipped, not
// waited for (FOR UPDATE SKIP LOCKED): concurrent purges share the work, each file deleted once.
func (r FileRepository) PurgeTrashed(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("purge trashed files: limit %d is not positive", limit)
	}
	n, err := r.q.PurgeTrashedFiles(ctx, sqlcgen.PurgeTrashedFilesParams{
		Cutoff:  cutoff,
		MaxRows: int32(min(limit, math.MaxInt32)),
	})
	if err != nil {
		return 0, fmt.Errorf("purge files trashed before %s: %w", cutoff.Format(time.RFC3339), interpretError(err))
	}
	return int(n), nil
}

// EmptyTrash deletes for good every file in the owner's trash and returns how many it deleted.
func (r FileRepository) EmptyTrash(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.EmptyTrash(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("empty the trash of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// CountList counts the files q selects, its paging aside, and of them those newer than newerThan.
func (r FileRepository) CountList(ctx context.Context, q app.FileQuery, newerThan int64) (total, newer int, err error) {
	if q.CategoryID > 0 && q.Uncategorised {
		return 0, 0, errors.New("count files: both CategoryID and Uncategorised are set")
	}
	p := sqlcgen.CountFileListParams{
		NewerThan: newerThan, OwnerID: q.OwnerID, Trashed: q.Trashed, Kind: optionalKind(q.Kind),
		CategoryID: optionalCategory(q.CategoryID), Uncategorised: q.Uncategorised,
	}
	if q.Search != "" {
		if q.Trashed || strings.ContainsRune(q.Search, 0) {
			return 0, 0, nil // as search: the trash is never searched, no text holds a NUL
		}
		pattern := likePattern(q.Search, q.SearchPrefix)
		p.Pattern = &pattern
	}
	row, err := r.q.CountFileList(ctx, p)
	if err != nil {
		return 0, 0, fmt.Errorf("count files of user %d: %w", q.OwnerID, interpretError(err))
	}
	return int(row.Total), int(row.Newer), nil
}
