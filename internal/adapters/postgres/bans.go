package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// BanRepository implements app.BanRepository over PostgreSQL.
type BanRepository struct {
	q *sqlcgen.Queries
}

// Add stores b unless that user is banned already.
func (r BanRepository) Add(ctx context.Context, b domain.Ban) (bool, error) {
	n, err := r.q.AddBan(ctx, sqlcgen.AddBanParams{TelegramID: b.TelegramID, BannedBy: b.BannedBy, BannedAt: b.BannedAt, ToldAt: b.ToldAt})
	if err != nil {
		return false, fmt.Errorf("ban user %d: %w", b.TelegramID, interpretError(err))
	}
	return n == 1, nil
}

// Get returns the ban of the user with that Telegram id, or domain.ErrNotFound.
func (r BanRepository) Get(ctx context.Context, telegramID int64) (domain.Ban, error) {
	row, err := r.q.GetBan(ctx, telegramID)
	if err != nil {
		return domain.Ban{}, fmt.Errorf("ban of user %d: %w", telegramID, interpretError(err))
	}
	return domain.Ban{TelegramID: row.TelegramID, BannedBy: row.BannedBy, BannedAt: row.BannedAt, ToldAt: row.ToldAt}, nil
}

// Remove lifts the ban of the user with that Telegram id, or returns domain.ErrNotFound.
func (r BanRepository) Remove(ctx context.Context, telegramID int64) error {
	n, err := r.q.RemoveBan(ctx, telegramID)
	switch {
	case err != nil:
		return fmt.Errorf("unban user %d: %w", telegramID, interpretError(err))
	case n == 0:
		return fmt.Errorf("unban user %d: %w", telegramID, domain.ErrNotFound)
	}
	return nil
}

// MarkTold records that the banned user was told at at, unless they were told before.
func (r BanRepository) MarkTold(ctx context.Context, telegramID int64, at time.Time) (bool, error) {
	n, err := r.q.MarkBanTold(ctx, sqlcgen.MarkBanToldParams{TelegramID: telegramID, ToldAt: &at})
	if err != nil {
		return false, fmt.Errorf("mark banned user %d told: %w", telegramID, interpretError(err))
	}
	return n == 1, nil
}

// Count counts the bans.
func (r BanRepository) Count(ctx context.Context) (int, error) {
	n, err := r.q.CountBans(ctx)
	if err != nil {
		return 0, fmt.Errorf("count bans: %w", interpretError(err))
	}
	return int(n), nil
}

// DeleteAll deletes for good every file of the owner, live or trashed, and returns how many. (A
// FileRepository method: it lives here, beside the bans it serves.)
func (r FileRepository) DeleteAll(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.DeleteFilesOfOwner(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("delete every file of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}
