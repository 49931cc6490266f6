package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// StorageClaimRepository implements app.StorageClaimRepository over PostgreSQL.
type StorageClaimRepository struct{ q *sqlcgen.Queries }

// Claim claims the copy of the file for holder.
func (r StorageClaimRepository) Claim(ctx context.Context, fileID, chatID int64, holder string, lease time.Duration) (app.StorageClaim, bool, error) {
	row, err := r.q.ClaimStorageCopy(ctx, sqlcgen.ClaimStorageCopyParams{FileID: fileID, ChatID: chatID, Holder: holder, LeaseSeconds: lease.Seconds()})
	if errors.Is(err, pgx.ErrNoRows) {
		return app.StorageClaim{}, false, nil
	}
	if err != nil {
		return app.StorageClaim{}, false, fmt.Errorf("claim the copy of file %d: %w", fileID, interpretError(err))
	}
	return app.StorageClaim{Floor: row.Floor, Attempts: int(row.Attempts)}, true, nil
}

// Record records the post of holder as the file's copy if holder holds the claim.
func (r StorageClaimRepository) Record(ctx context.Context, fileID int64, holder string, c domain.StorageCopy) (bool, error) {
	if !c.Exists() {
		return false, fmt.Errorf("record the copy of file %d: no chat or message", fileID)
	}
	n, err := r.q.RecordClaimedStorageCopy(ctx, sqlcgen.RecordClaimedStorageCopyParams{
		FileID: fileID, Holder: holder, ChatID: c.ChatID, MessageID: c.MessageID})
	if err != nil {
		return false, fmt.Errorf("record the copy of file %d: %w", fileID, interpretError(err))
	}
	return n == 1, nil
}

// Known lists the known copies of the chat between above and below.
func (r StorageClaimRepository) Known(ctx context.Context, chatID, above, below int64) ([]int64, error) {
	ids, err := r.q.ListStorageMessagesBetween(ctx, sqlcgen.ListStorageMessagesBetweenParams{ChatID: chatID, Above: above, Below: below})
	if err != nil {
		return nil, fmt.Errorf("list the copies of chat %d between %d and %d: %w", chatID, above, below, interpretError(err))
	}
	return ids, nil
}
