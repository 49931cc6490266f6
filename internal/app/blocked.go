package app

import (
	"context"
	"fmt"
)

// MarkBlocked records that a user blocked the bot (Telegram refused a message to them with 403),
// so they count as inactive; their next message to the bot clears the mark (RegisterUser).
type MarkBlocked struct {
	uow UnitOfWork
}

// NewMarkBlocked builds the MarkBlocked use case.
func NewMarkBlocked(uow UnitOfWork) MarkBlocked { return MarkBlocked{uow: uow} }

// Handle marks the user with that Telegram id; domain.ErrNotFound if the bot never met them.
func (h MarkBlocked) Handle(ctx context.Context, telegramID int64) error {
	return doTx(ctx, h.uow, fmt.Sprintf("mark user %d as having blocked the bot", telegramID), func(ctx context.Context, r Repos) error {
		return r.Users.SetBlocked(ctx, telegramID)
	})
}
