package app

import (
	"context"
	"fmt"
)

// Inbox makes the handling of a Telegram update happen at most once in effect: the update's id is
// claimed in the same unit of work as everything the handling changes, so a replayed update finds
// its claim and changes nothing.
type Inbox struct {
	uow UnitOfWork
}

// NewInbox builds the Inbox.
func NewInbox(uow UnitOfWork) Inbox { return Inbox{uow: uow} }

// Once runs fn inside one unit of work unless updateID was already handled; use cases called by fn
// with the ctx it receives join that unit of work. fn returns an error only for a failure that
// must undo everything (the update is then retried); outcomes the user is told about are not
// errors for fn. first reports whether fn ran and committed.
func (i Inbox) Once(ctx context.Context, updateID int64, fn func(ctx context.Context) error) (first bool, err error) {
	err = i.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		first, err = r.Updates.Claim(ctx, updateID)
		if err != nil || !first {
			return err
		}
		return fn(ctx)
	})
	if err != nil {
		return false, fmt.Errorf("handle update %d: %w", updateID, err)
	}
	return first, nil
}
