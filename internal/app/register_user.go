package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// RegisterUser records a user on every contact: new users are created, known ones refreshed.
type RegisterUser struct {
	uow   UnitOfWork
	clock Clock
}

// NewRegisterUser builds the RegisterUser use case.
func NewRegisterUser(uow UnitOfWork, clock Clock) RegisterUser {
	return RegisterUser{uow: uow, clock: clock}
}

// Handle upserts the user described by p and returns them as stored.
func (h RegisterUser) Handle(ctx context.Context, p domain.Profile) (domain.User, error) {
	u, err := domain.NewUser(p, h.clock.Now())
	if err != nil {
		return domain.User{}, fmt.Errorf("register user: %w", err)
	}
	var stored domain.User
	err = h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		stored, err = r.Users.Upsert(ctx, u)
		return err
	})
	if err != nil {
		return domain.User{}, fmt.Errorf("register user %d: %w", p.TelegramID, err)
	}
	return stored, nil
}
