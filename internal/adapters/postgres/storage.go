package postgres

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// StorageRepository implements app.StorageRepository over PostgreSQL.
type StorageRepository struct{ q *sqlcgen.Queries }

// Rebind stores newID as the file's file id, of bot botID, unless its file id is no longer oldID.
func (r StorageRepository) Rebind(ctx context.Context, fileID int64, oldID, newID string, botID int64) (bool, error) {
	n, err := r.q.RebindFile(ctx, sqlcgen.RebindFileParams{ID: fileID, OldID: oldID, NewID: newID, BotID: &botID})
	if err != nil {
		return false, fmt.Errorf("rebind file %d to bot %d: %w", fileID, botID, interpretError(err))
	}
	return n == 1, nil
}

// AdoptUnbound records botID as the bot of every file with none.
func (r StorageRepository) AdoptUnbound(ctx context.Context, botID int64) (int, error) {
	n, err := r.q.AdoptUnboundFiles(ctx, &botID)
	if err != nil {
		return 0, fmt.Errorf("adopt the files of no bot for bot %d: %w", botID, interpretError(err))
	}
	return int(n), nil
}

// SetCopy records the file's copy unless it has one.
func (r StorageRepository) SetCopy(ctx context.Context, fileID int64, c domain.StorageCopy) (bool, error) {
	if !c.Exists() {
		return false, fmt.Errorf("set the copy of file %d: no chat or message", fileID)
	}
	n, err := r.q.SetFileStorageCopy(ctx, sqlcgen.SetFileStorageCopyParams{ID: fileID, ChatID: &c.ChatID, MessageID: &c.MessageID})
	if err != nil {
		return false, fmt.Errorf("set the copy of file %d: %w", fileID, interpretError(err))
	}
	return n == 1, nil
}

// ToRebind lists the files of another bot than botID that have a copy.
func (r StorageRepository) ToRebind(ctx context.Context, botID, afterID int64, limit int) ([]domain.File, error) {
	rows, err := r.q.ListFilesToRebind(ctx, sqlcgen.ListFilesToRebindParams{BotID: botID, AfterID: afterID, MaxRows: count32(limit)})
	return files("list the files to rebind", rows, err)
}

// Unreachable lists the files of another bot than botID with no copy.
func (r StorageRepository) Unreachable(ctx context.Context, botID, afterID int64, limit int) ([]domain.File, error) {
	rows, err := r.q.ListUnreachableFiles(ctx, sqlcgen.ListUnreachableFilesParams{BotID: botID, AfterID: afterID, MaxRows: count32(limit)})
	return files("list the unreachable files", rows, err)
}

// Uncopied lists the files with no copy.
func (r StorageRepository) Uncopied(ctx context.Context, afterID int64, limit int) ([]domain.File, error) {
	rows, err := r.q.ListUncopiedFiles(ctx, sqlcgen.ListUncopiedFilesParams{AfterID: afterID, MaxRows: count32(limit)})
	return files("list the files with no copy", rows, err)
}

// files maps rows to files, or says what failed.
func files(what string, rows []sqlcgen.File, err error) ([]domain.File, error) {
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, interpretError(err))
	}
	out := make([]domain.File, len(rows))
	for i, row := range rows {
		if out[i], err = toDomainFile(row); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
	}
	return out, nil
}

// Count counts the owner's files (0: everyone's) with a copy, and those botID cannot send.
func (r StorageRepository) Count(ctx context.Context, ownerID, botID int64) (domain.StorageCounts, error) {
	row, err := r.q.CountStorage(ctx, sqlcgen.CountStorageParams{OwnerID: ownerID, BotID: botID})
	if err != nil {
		return domain.StorageCounts{}, fmt.Errorf("count the copies of user %d: %w", ownerID, interpretError(err))
	}
	return domain.StorageCounts{Copied: int(row.Copied), Unreachable: int(row.Unreachable)}, nil
}

// Deleted lists the copies of files deleted for good, oldest first.
func (r StorageRepository) Deleted(ctx context.Context, limit int) ([]domain.StorageCopy, error) {
	rows, err := r.q.ListStorageDeletions(ctx, count32(limit))
	if err != nil {
		return nil, fmt.Errorf("list the copies of deleted files: %w", interpretError(err))
	}
	out := make([]domain.StorageCopy, len(rows))
	for i, row := range rows {
		out[i] = domain.StorageCopy{ChatID: row.ChatID, MessageID: row.MessageID}
	}
	return out, nil
}

// ForgetDeleted forgets a copy Deleted listed.
func (r StorageRepository) ForgetDeleted(ctx context.Context, c domain.StorageCopy) error {
	err := r.q.ForgetStorageDeletion(ctx, sqlcgen.ForgetStorageDeletionParams{ChatID: c.ChatID, MessageID: c.MessageID})
	if err != nil {
		return fmt.Errorf("forget the copy of a deleted file: %w", interpretError(err))
	}
	return nil
}

// File returns the file with that id, whoever's it is.
func (r StorageRepository) File(ctx context.Context, id int64) (domain.File, error) {
	row, err := r.q.GetFileOfAnyOwner(ctx, id)
	if err != nil {
		return domain.File{}, fmt.Errorf("file %d: %w", id, interpretError(err))
	}
	return toDomainFile(row)
}
