package memory

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// UserRepository implements app.UserRepository in memory.
type UserRepository struct {
	store *Store
}

// NewUserRepository returns the user repository of s.
func NewUserRepository(s *Store) UserRepository { return UserRepository{store: s} }

// Upsert stores u by its TelegramID as app.UserRepository documents: a new user with u's
// settings, a known one keeping the stored ones. A zero PageSize means the default; one outside
// [domain.MinPageSize, domain.MaxPageSize] or an unknown language is refused, as Postgres does.
func (r UserRepository) Upsert(ctx context.Context, u domain.User) (domain.User, error) {
	s := r.store
	if u.PageSize == 0 {
		u.PageSize = domain.DefaultPageSize
	}
	// Postgres checks the proposed row before it looks for a conflict: a known user too.
	if err := checkSettings(u.Settings()); err != nil {
		return domain.User{}, fmt.Errorf("upsert user %d: %w", u.TelegramID, err)
	}
	defer s.lock(ctx)()
	if id, ok := s.data.byTelegram[u.TelegramID]; ok {
		stored := s.data.users[id]
		stored.Username = u.Username
		stored.FirstName = u.FirstName
		stored.LastName = u.LastName
		stored.LanguageCode = u.LanguageCode
		stored.LastSeenAt = storedTime(u.LastSeenAt)
		stored.BlockedBot = false
		s.data.users[id] = stored
		return copyUser(stored), nil
	}
	// The foreign key is checked only for a row inserted.
	if err := s.checkCategoryExists(u.DefaultCategoryID); err != nil {
		return domain.User{}, fmt.Errorf("upsert user %d: %w", u.TelegramID, err)
	}
	u = copyUser(u)
	s.nextUserID++
	u.ID = s.nextUserID
	u.JoinedAt = storedTime(u.JoinedAt)
	u.LastSeenAt = storedTime(u.LastSeenAt)
	s.data.users[u.ID] = u
	s.data.byTelegram[u.TelegramID] = u.ID
	return copyUser(u), nil
}

// ByTelegramID returns the user with that Telegram id, or domain.ErrNotFound.
func (r UserRepository) ByTelegramID(ctx context.Context, telegramID int64) (domain.User, error) {
	s := r.store
	defer s.lock(ctx)()
	id, ok := s.data.byTelegram[telegramID]
	if !ok {
		return domain.User{}, fmt.Errorf("user with telegram id %d: %w", telegramID, domain.ErrNotFound)
	}
	return copyUser(s.data.users[id]), nil
}
