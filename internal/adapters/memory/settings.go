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

// UpdateSettings stores the user's settings, with the checks of the Postgres schema.
func (r UserRepository) UpdateSettings(ctx context.Context, userID int64, set domain.Settings) error {
	if set.PageSize < domain.MinPageSize || set.PageSize > domain.MaxPageSize {
		return fmt.Errorf("settings of user %d: page size %d out of range", userID, set.PageSize)
	}
	if set.Language != "" && !set.Language.Valid() {
		return fmt.Errorf("settings of user %d: unknown language %q", userID, set.Language)
	}
	s := r.store
	defer s.lock(ctx)()
	u, ok := s.data.users[userID]
	if !ok {
		return fmt.Errorf("settings of user %d: %w", userID, domain.ErrNotFound)
	}
	if err := s.checkCategoryExists(set.DefaultCategoryID); err != nil {
		return err
	}
	u.PageSize, u.Language, u.DefaultCategoryID = set.PageSize, set.Language, copyID(set.DefaultCategoryID)
	s.data.users[userID] = u
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
