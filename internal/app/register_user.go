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
	return inTx(ctx, h.uow, fmt.Sprintf("register user %d", p.TelegramID), func(ctx context.Context, r Repos) (domain.User, error) {
		return r.Users.Upsert(ctx, u)
	})
}
