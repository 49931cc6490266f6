package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Conversations keeps the state of users' multi-step flows (rename, new category, upload into a
// category) in storage, so a restart or another instance continues them; CurrentConversation
// reads it.
type Conversations struct {
	uow    UnitOfWork
	clock  Clock
	limits Limits
}

// NewConversations builds the conversation commands.
func NewConversations(uow UnitOfWork, clock Clock, limits Limits) Conversations {
	return Conversations{uow: uow, clock: clock, limits: limits}
}

// Begin starts c for its user, ending any flow they were in, and returns it with its expiry.
// The file or category a step names must be the user's.
func (h Conversations) Begin(ctx context.Context, c domain.Conversation) (domain.Conversation, error) {
	if !c.Step.Valid() {
		return domain.Conversation{}, fmt.Errorf("begin conversation: unknown step %q: %w", c.Step, domain.ErrNotFound)
	}
	c.ExpiresAt = h.clock.Now().Add(h.limits.stepTTL(c.Step))
	return inTx(ctx, h.uow, fmt.Sprintf("begin %s for user %d", c.Step, c.UserID), func(ctx context.Context, r Repos) (domain.Conversation, error) {
		if c.FileID != 0 {
			if _, err := liveFile(ctx, r, c.UserID, c.FileID); err != nil {
				return domain.Conversation{}, err
			}
		}
		if c.CategoryID != 0 {
			if _, err := ownedCategory(ctx, r, c.UserID, c.CategoryID); err != nil {
				return domain.Conversation{}, err
			}
		}
		return c, r.Conversations.Put(ctx, c)
	})
}

// End ends the user's flow and returns what it was; ok is false when there was none under way.
// A flow that expired is ended too and returned with ok false, so its prompt can be tidied up.
func (h Conversations) End(ctx context.Context, userID int64) (c domain.Conversation, ok bool, err error) {
	c, err = inTx(ctx, h.uow, fmt.Sprintf("end conversation of user %d", userID), func(ctx context.Context, r Repos) (domain.Conversation, error) {
		return r.Conversations.Take(ctx, userID)
	})
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.Conversation{}, false, nil
	case err != nil:
		return domain.Conversation{}, false, err
	}
	return c, !c.Expired(h.clock.Now()), nil
}

// RememberPrompt records the message that asks for the next step of the user's flow at step,
// once it was sent; a flow that moved on meanwhile keeps its own.
func (h Conversations) RememberPrompt(ctx context.Context, userID int64, step domain.Step, messageID int) error {
	return doTx(ctx, h.uow, fmt.Sprintf("remember the prompt of %s for user %d", step, userID), func(ctx context.Context, r Repos) error {
		return r.Conversations.SetPrompt(ctx, userID, step, messageID)
	})
}

// CurrentConversation tells which flow a user is in.
type CurrentConversation struct {
	uow   UnitOfWork
	clock Clock
}

// NewCurrentConversation builds the conversation query.
func NewCurrentConversation(uow UnitOfWork, clock Clock) CurrentConversation {
	return CurrentConversation{uow: uow, clock: clock}
}

// Current returns the user's flow under way; ok is false when there is none (or it expired).
func (h CurrentConversation) Current(ctx context.Context, userID int64) (c domain.Conversation, ok bool, err error) {
	c, err = inTx(ctx, h.uow, fmt.Sprintf("current conversation of user %d", userID), func(ctx context.Context, r Repos) (domain.Conversation, error) {
		return r.Conversations.Get(ctx, userID, h.clock.Now())
	})
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.Conversation{}, false, nil
	case err != nil:
		return domain.Conversation{}, false, err
	}
	return c, true, nil
}
