package memory

import (
	"context"
	"fmt"
	"slices"

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
	u.Sort = u.Sort.Stored()
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

// Get returns the user with that internal id, or domain.ErrNotFound.
func (r UserRepository) Get(ctx context.Context, id int64) (domain.User, error) {
	s := r.store
	defer s.lock(ctx)()
	u, ok := s.data.users[id]
	if !ok {
		return domain.User{}, fmt.Errorf("user %d: %w", id, domain.ErrNotFound)
	}
	return copyUser(u), nil
}

// UpdateSettings stores the user's settings, or returns domain.ErrNotFound. Like the Postgres
// schema it refuses a page size out of bounds or an unknown language (CHECKs, met only by a row
// the update finds) and a category that does not exist (the foreign key).
func (r UserRepository) UpdateSettings(ctx context.Context, userID int64, set domain.Settings) error {
	s := r.store
	defer s.lock(ctx)()
	u, ok := s.data.users[userID]
	if !ok {
		return fmt.Errorf("settings of user %d: %w", userID, domain.ErrNotFound)
	}
	if err := checkSettings(set); err != nil {
		return fmt.Errorf("settings of user %d: %w", userID, err)
	}
	if err := s.checkCategoryExists(set.DefaultCategoryID); err != nil {
		return fmt.Errorf("settings of user %d: %w", userID, err)
	}
	u.PageSize, u.Language, u.DefaultCategoryID = set.PageSize, set.Language, copyID(set.DefaultCategoryID)
	u.Sort = set.Sort.Stored()
	s.data.users[userID] = u
	return nil
}

// checkSettings applies the CHECKs of the users table: the page size within bounds, the language
// one the bot speaks or none. Unlike domain.Settings.Validate, it returns no domain error: a
// storage refusal is not the user's mistake.
func checkSettings(set domain.Settings) error {
	if set.PageSize < domain.MinPageSize || set.PageSize > domain.MaxPageSize {
		return fmt.Errorf("page size %d out of range", set.PageSize)
	}
	if set.Language != "" && !set.Language.Valid() {
		return fmt.Errorf("unknown language %q", set.Language)
	}
	if set.Sort != "" && !set.Sort.Valid() {
		return fmt.Errorf("unknown order %q", set.Sort)
	}
	return nil
}

func copyUser(u domain.User) domain.User {
	u.DefaultCategoryID = copyID(u.DefaultCategoryID)
	return u
}

func copyID(id *int64) *int64 {
	if id == nil {
		return nil
	}
	v := *id
	return &v
}

// SetBlocked marks the user with that Telegram id as having blocked the bot, or returns
// domain.ErrNotFound; Upsert clears the mark.
func (r UserRepository) SetBlocked(ctx context.Context, telegramID int64) error {
	s := r.store
	defer s.lock(ctx)()
	id, ok := s.data.byTelegram[telegramID]
	if !ok {
		return fmt.Errorf("block user with telegram id %d: %w", telegramID, domain.ErrNotFound)
	}
	u := s.data.users[id]
	u.BlockedBot = true
	s.data.users[id] = u
	return nil
}

// ListAfter returns at most limit users with an id above afterID, in id order.
func (r UserRepository) ListAfter(ctx context.Context, afterID int64, limit int) ([]domain.User, error) {
	s := r.store
	defer s.lock(ctx)()
	ids := make([]int64, 0, len(s.data.users))
	for id := range s.data.users {
		if id > afterID {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	users := make([]domain.User, 0, min(limit, len(ids)))
	for _, id := range ids[:min(limit, len(ids))] {
		users = append(users, copyUser(s.data.users[id]))
	}
	return users, nil
}
