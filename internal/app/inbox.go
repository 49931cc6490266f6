package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Inbox makes the handling of a Telegram update happen at most once in effect: the update's id is
// claimed in the same unit of work as everything the handling changes, so a replayed update finds
// its claim and changes nothing. An update that cannot be handled is parked: claimed (so it
// stops blocking the others) and kept with its payload to be replayed after a fix.
type Inbox struct {
	uow UnitOfWork
}

// NewInbox builds the Inbox.
func NewInbox(uow UnitOfWork) Inbox { return Inbox{uow: uow} }

// ErrPermanent marks a failure that trying again cannot cure: the input is refused (a constraint
// or a value the database cannot store). Adapters wrap such errors with it.
var ErrPermanent = errors.New("permanent failure")

// domainErrors are the outcomes of the rules: handling the same update again gives the same.
var domainErrors = []error{
	domain.ErrNotFound, domain.ErrForbidden, domain.ErrDuplicate, domain.ErrInvalidName, domain.ErrInvalidUser,
	domain.ErrInvalidFile, domain.ErrTooLarge, domain.ErrQuotaExceeded, domain.ErrInvalidQuery, domain.ErrInvalidToken,
	domain.ErrInvalidSettings, domain.ErrRevoked, domain.ErrAdminBan, domain.ErrKeptByAnotherBot,
}

// Permanent reports whether err would come back on every try: a domain error, or ErrPermanent.
// Any other error (the database unreachable, a timeout) may pass.
func Permanent(err error) bool {
	if errors.Is(err, ErrPermanent) {
		return true
	}
	for _, e := range domainErrors {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// Once runs fn inside one unit of work unless updateID was already handled; use cases called by fn
// with the ctx it receives join that unit of work. fn returns an error only for a failure that
// must undo everything (the update is then retried); outcomes the user is told about are not
// errors for fn. first reports whether fn ran and committed.
func (i Inbox) Once(ctx context.Context, updateID int64, fn func(ctx context.Context) error) (first bool, err error) {
	return i.OnceFor(ctx, 0, updateID, fn)
}

// OnceFor is Once for an update of the bot with Telegram id botID.
func (i Inbox) OnceFor(ctx context.Context, botID, updateID int64, fn func(ctx context.Context) error) (first bool, err error) {
	return inTx(ctx, i.uow, fmt.Sprintf("handle update %d", updateID), func(ctx context.Context, r Repos) (bool, error) {
		first, err := r.Updates.ClaimFor(ctx, botID, updateID)
		if err != nil || !first {
			return first, err
		}
		return true, fn(ctx)
	})
}

// Park claims p's update and keeps it as parked, in one unit of work. first is false when the
// update was handled (or parked) before: nothing is recorded then. sender is the stored user
// with Telegram id senderID (to be told in their language), nil if there is none. then, if not
// nil, runs in the same unit of work once the update is parked (the note to its sender is
// recorded there, so it commits with the park).
func (i Inbox) Park(ctx context.Context, p ParkedUpdate, senderID int64, then func(ctx context.Context, sender *domain.User) error) (first bool, sender *domain.User, err error) {
	sender, err = inTx(ctx, i.uow, fmt.Sprintf("park update %d", p.UpdateID), func(ctx context.Context, r Repos) (*domain.User, error) {
		first, err = r.Updates.ClaimFor(ctx, p.BotID, p.UpdateID)
		if err != nil || !first {
			return nil, err
		}
		if err := r.Updates.Park(ctx, p); err != nil {
			return nil, err
		}
		var sender *domain.User
		if senderID != 0 {
			if u, err := r.Users.ByTelegramID(ctx, senderID); err == nil {
				sender = &u
			}
		}
		if then != nil {
			return sender, then(ctx, sender)
		}
		return sender, nil
	})
	if err != nil {
		return false, nil, err
	}
	return first, sender, nil
}

// Parked lists at most limit parked updates of the bot after afterID, in id order.
func (i Inbox) Parked(ctx context.Context, botID, afterID int64, limit int) ([]ParkedUpdate, error) {
	return inTx(ctx, i.uow, "list parked updates", func(ctx context.Context, r Repos) ([]ParkedUpdate, error) {
		return r.Updates.Parked(ctx, botID, afterID, limit)
	})
}

// ErrNotParked is a replay of an update that is not (or no longer) parked.
var ErrNotParked = errors.New("the update is not parked")

// Replay runs fn for a parked update in one unit of work that also unparks it. When fn fails,
// the update stays parked and the failure is added to it (in a second unit of work).
func (i Inbox) Replay(ctx context.Context, p ParkedUpdate, fn func(ctx context.Context) error) error {
	err := i.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		if err := r.Updates.Unpark(ctx, p.BotID, p.UpdateID); err != nil {
			if errors.Is(err, domain.ErrNotFound) {
				return ErrNotParked
			}
			return err
		}
		return fn(ctx)
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotParked):
		return fmt.Errorf("replay update %d: %w", p.UpdateID, err)
	}
	again := ParkedUpdate{BotID: p.BotID, UpdateID: p.UpdateID, Payload: p.Payload, Error: err.Error(), Attempts: 1}
	if perr := i.uow.Do(ctx, func(ctx context.Context, r Repos) error { return r.Updates.Park(ctx, again) }); perr != nil {
		return fmt.Errorf("replay update %d: %w (recording the failure failed too: %w)", p.UpdateID, err, perr)
	}
	return fmt.Errorf("replay update %d: %w", p.UpdateID, err)
}

// CountParked counts the parked updates.
func (i Inbox) CountParked(ctx context.Context) (int, error) {
	return inTx(ctx, i.uow, "count parked updates", func(ctx context.Context, r Repos) (int, error) {
		return r.Updates.CountParked(ctx)
	})
}
