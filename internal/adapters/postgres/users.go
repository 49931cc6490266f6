package postgres

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// UserRepository implements app.UserRepository over PostgreSQL.
type UserRepository struct {
	q *sqlcgen.Queries
}

// Upsert stores u by its TelegramID as app.UserRepository documents; a zero PageSize means
// domain.DefaultPageSize.
func (r UserRepository) Upsert(ctx context.Context, u domain.User) (domain.User, error) {
	if u.PageSize == 0 {
		u.PageSize = domain.DefaultPageSize
	}
	row, err := r.q.UpsertUser(ctx, sqlcgen.UpsertUserParams{
		TelegramID:   u.TelegramID,
		Username:     u.Username,
		FirstName:    u.FirstName,
		LastName:     u.LastName,
		LanguageCode: u.LanguageCode,
		PageSize:     int32(u.PageSize),
		BlockedBot:   u.BlockedBot,
		JoinedAt:     u.JoinedAt,
		LastSeenAt:   u.LastSeenAt,
	})
	if err != nil {
		return domain.User{}, fmt.Errorf("upsert user %d: %w", u.TelegramID, interpretError(err))
	}
	return toDomainUser(row), nil
}

// ByTelegramID returns the user with that Telegram id, or domain.ErrNotFound.
func (r UserRepository) ByTelegramID(ctx context.Context, telegramID int64) (domain.User, error) {
	row, err := r.q.GetUserByTelegramID(ctx, telegramID)
	if err != nil {
		return domain.User{}, fmt.Errorf("user with telegram id %d: %w", telegramID, interpretError(err))
	}
	return toDomainUser(row), nil
}

func toDomainUser(row sqlcgen.User) domain.User {
	return domain.User{
		ID:           row.ID,
		TelegramID:   row.TelegramID,
		Username:     row.Username,
		FirstName:    row.FirstName,
		LastName:     row.LastName,
		LanguageCode: row.LanguageCode,
		PageSize:     int(row.PageSize),
		BlockedBot:   row.BlockedBot,
		JoinedAt:     row.JoinedAt,
		LastSeenAt:   row.LastSeenAt,
	}
}

// UpdateLog implements app.UpdateLog over PostgreSQL.
type UpdateLog struct {
	q *sqlcgen.Queries
}

// Claim records updateID and reports whether this is its first claim; a second claim is no
// error and leaves the transaction usable.
func (l UpdateLog) Claim(ctx context.Context, updateID int64) (bool, error) {
	rows, err := l.q.ClaimUpdate(ctx, updateID)
	if err != nil {
		return false, fmt.Errorf("claim update %d: %w", updateID, interpretError(err))
	}
	return rows == 1, nil
}
