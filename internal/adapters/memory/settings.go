package memory

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

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
