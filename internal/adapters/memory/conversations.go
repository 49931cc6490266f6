package memory

import (
	"context"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ConversationStore implements app.ConversationStore in memory: one conversation per user. As in
// the Postgres adapter, a stored step the domain's registry does not know reads as none.
type ConversationStore struct {
	store *Store
}

// NewConversationStore returns the conversation store of s.
func NewConversationStore(s *Store) ConversationStore { return ConversationStore{store: s} }

// Get returns the user's conversation unless it has expired at now, or domain.ErrNotFound.
func (c ConversationStore) Get(ctx context.Context, userID int64, now time.Time) (domain.Conversation, error) {
	s := c.store
	defer s.lock(ctx)()
	conv, ok := s.data.conversations[userID]
	// ExpiresAt is kept to the microsecond, as in Postgres; so now needs no cutting to compare alike.
	if !ok || conv.Expired(now) || !conv.Step.Valid() {
		return domain.Conversation{}, fmt.Errorf("conversation of user %d: %w", userID, domain.ErrNotFound)
	}
	return conv, nil
}

// Put stores conv as the user's conversation, replacing any other. Like the Postgres adapter it
// refuses a step the registry does not know and an unknown user.
func (c ConversationStore) Put(ctx context.Context, conv domain.Conversation) error {
	s := c.store
	defer s.lock(ctx)()
	if !conv.Step.Valid() {
		return fmt.Errorf("put conversation of user %d: unknown step %q", conv.UserID, conv.Step)
	}
	if _, ok := s.data.users[conv.UserID]; !ok {
		return fmt.Errorf("put conversation %s: user %d does not exist", conv.Step, conv.UserID)
	}
	conv.ExpiresAt = storedTime(conv.ExpiresAt)
	s.data.conversations[conv.UserID] = conv
	return nil
}

// Take ends the user's conversation, live or expired, and returns it, or domain.ErrNotFound.
func (c ConversationStore) Take(ctx context.Context, userID int64) (domain.Conversation, error) {
	s := c.store
	defer s.lock(ctx)()
	conv, ok := s.data.conversations[userID]
	delete(s.data.conversations, userID)
	if !ok || !conv.Step.Valid() {
		return domain.Conversation{}, fmt.Errorf("take conversation of user %d: %w", userID, domain.ErrNotFound)
	}
	return conv, nil
}

// SetPrompt records the prompt of the user's conversation if it is at step; else nothing changes.
func (c ConversationStore) SetPrompt(ctx context.Context, userID int64, step domain.Step, messageID int) error {
	s := c.store
	defer s.lock(ctx)()
	if conv, ok := s.data.conversations[userID]; ok && conv.Step == step {
		conv.PromptMessageID = messageID
		s.data.conversations[userID] = conv
	}
	return nil
}

// Clear ends the user's conversation; having none is no error.
func (c ConversationStore) Clear(ctx context.Context, userID int64) error {
	s := c.store
	defer s.lock(ctx)()
	delete(s.data.conversations, userID)
	return nil
}
