package postgres

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/foresight"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// UserRepository implements app.UserRepository over PostgreSQL.
type UserRepository struct {
	q *sqlcgen.Queries
	s *session
}

// Upsert stores u by its TelegramID as app.UserRepository documents; a zero PageSize means
// domain.DefaultPageSize. A new user is inserted with u's settings; a known one keeps the stored
// settings (page size, language, default category).
func (r UserRepository) Upsert(ctx context.Context, u domain.User) (domain.User, error) {
	if u.PageSize == 0 {
		u.PageSize = domain.DefaultPageSize
	}
	res := r.q.UpsertUser(ctx, []sqlcgen.UpsertUserParams{{
		TelegramID:        u.TelegramID,
		Username:          u.Username,
		FirstName:         u.FirstName,
		LastName:          u.LastName,
		LanguageCode:      u.LanguageCode,
		PageSize:          clampInt32(u.PageSize),
		Language:          string(u.Language),
		DefaultCategoryID: u.DefaultCategoryID,
		SortOrder:         string(u.Sort.Or(domain.SortNewest)),
		BlockedBot:        u.BlockedBot,
		JoinedAt:          u.JoinedAt,
		LastSeenAt:        u.LastSeenAt,
	}})
	read := func() (domain.User, error) {
		var row sqlcgen.User
		var err error
		res.QueryRow(func(_ int, got sqlcgen.User, e error) { row, err = got, e })
		if err != nil {
			return domain.User{}, err
		}
		return toDomainUser(row), nil
	}
	if seen, ok := r.s.foresee(u.TelegramID); ok && seen.User != nil {
		guess := refreshed(*seen.User, u)
		r.s.p.WhenSentCheck(func() error {
			stored, err := read()
			if err == nil && !foresight.Same(stored, guess) {
				return r.s.wrongGuess()
			}
			return err
		})
		r.s.upserted(guess) // in the order of the calls: the check runs later, when sent
		return guess, nil
	}
	stored, err := read()
	if err != nil {
		return domain.User{}, fmt.Errorf("upsert user %d: %w", u.TelegramID, interpretError(err))
	}
	r.s.upserted(stored)
	return stored, nil
}

// refreshed is the stored user known as the upsert of u makes them: profile and last seen from
// u, the bot no longer blocked (UpsertUser).
func refreshed(known, u domain.User) domain.User {
	known.Username, known.FirstName, known.LastName, known.LanguageCode = u.Username, u.FirstName, u.LastName, u.LanguageCode
	known.LastSeenAt = u.LastSeenAt
	known.BlockedBot = false
	return known
}

// Get returns the user with that internal id, or domain.ErrNotFound.
func (r UserRepository) Get(ctx context.Context, id int64) (domain.User, error) {
	if u, ok := r.s.user(id); ok {
		return u, nil // upserted by this unit of work, unchanged since
	}
	row, err := r.q.GetUser(ctx, id)
	if err != nil {
		return domain.User{}, fmt.Errorf("get user %d: %w", id, interpretError(err))
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

// UpdateSettings stores the user's page size, language and default category, or returns
// domain.ErrNotFound. Values out of bounds are refused by the table's CHECKs and a category that
// does not exist by its foreign key; either aborts the transaction (the use case validates first).
func (r UserRepository) UpdateSettings(ctx context.Context, userID int64, s domain.Settings) error {
	known, isKnown := r.s.user(userID)
	if tg, ok := r.s.telegramIDOf(userID); ok && !isKnown {
		r.s.userChanged(tg)
	}
	n, err := r.q.UpdateUserSettings(ctx, sqlcgen.UpdateUserSettingsParams{
		ID:                userID,
		PageSize:          clampInt32(s.PageSize),
		Language:          string(s.Language),
		DefaultCategoryID: s.DefaultCategoryID,
		SortOrder:         string(s.Sort.Or(domain.SortNewest)),
	})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("update settings of user %d: %w", userID, interpretError(err))
	}
	if isKnown {
		// Upserted by this unit of work: known as stored now, for the user's next update to guess.
		known.PageSize, known.Language, known.DefaultCategoryID = int(clampInt32(s.PageSize)), s.Language, s.DefaultCategoryID
		known.Sort = s.Sort.Or(domain.SortNewest).Stored()
		r.s.upserted(known)
	}
	return nil
}

func toDomainUser(row sqlcgen.User) domain.User {
	return domain.User{
		ID:                row.ID,
		TelegramID:        row.TelegramID,
		Username:          row.Username,
		FirstName:         row.FirstName,
		LastName:          row.LastName,
		LanguageCode:      row.LanguageCode,
		PageSize:          int(row.PageSize),
		Language:          domain.Language(row.Language),
		DefaultCategoryID: row.DefaultCategoryID,
		Sort:              domain.SortOrder(row.SortOrder).Stored(),
		BlockedBot:        row.BlockedBot,
		JoinedAt:          row.JoinedAt,
		LastSeenAt:        row.LastSeenAt,
	}
}

// SetBlocked marks the user with that Telegram id as having blocked the bot, or returns
// domain.ErrNotFound; Upsert clears the mark.
func (r UserRepository) SetBlocked(ctx context.Context, telegramID int64) error {
	r.s.userChanged(telegramID)
	n, err := r.q.SetUserBlocked(ctx, telegramID)
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("block user with telegram id %d: %w", telegramID, interpretError(err))
	}
	return nil
}

// ListAfter returns at most limit users with an id above afterID, in id order.
func (r UserRepository) ListAfter(ctx context.Context, afterID int64, limit int) ([]domain.User, error) {
	rows, err := r.q.ListUsersAfter(ctx, sqlcgen.ListUsersAfterParams{AfterID: afterID, MaxRows: clampInt32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list users after %d: %w", afterID, interpretError(err))
	}
	users := make([]domain.User, len(rows))
	for i, row := range rows {
		users[i] = toDomainUser(row)
	}
	return users, nil
}
