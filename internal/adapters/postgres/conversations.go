package postgres

import (
	"context"
	"fmt"
	"time"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ConversationStore implements app.ConversationStore over PostgreSQL: one row per user. Its steps
// are the domain's registry: a row of a step the registry does not know (a newer version wrote
// it) reads as no conversation, and is logged.
type ConversationStore struct {
	q   *sqlcgen.Queries
	log *zap.Logger
}

// Get returns the user's conversation unless it has expired at now, or domain.ErrNotFound.
func (s ConversationStore) Get(ctx context.Context, userID int64, now time.Time) (domain.Conversation, error) {
	row, err := s.q.GetLiveConversation(ctx, sqlcgen.GetLiveConversationParams{UserID: userID, Now: now})
	if err != nil {
		return domain.Conversation{}, fmt.Errorf("conversation of user %d: %w", userID, interpretError(err))
	}
	c, err := s.toDomainConversation(row)
	if err != nil {
		return domain.Conversation{}, fmt.Errorf("conversation of user %d: %w", userID, err)
	}
	return c, nil
}

// Put stores c as the user's conversation, replacing any other. A zero FileID or CategoryID is
// stored as NULL. A step the registry does not know is refused.
func (s ConversationStore) Put(ctx context.Context, c domain.Conversation) error {
	if !c.Step.Valid() {
		return fmt.Errorf("put conversation of user %d: unknown step %q: %w", c.UserID, c.Step, app.ErrPermanent)
	}
	back := c.Return
	err := s.q.PutConversation(ctx, sqlcgen.PutConversationParams{
		UserID:     c.UserID,
		Step:       string(c.Step),
		FileID:     nullID(c.FileID),
		CategoryID: nullID(c.CategoryID),
		ExpiresAt:  c.ExpiresAt,
		// Telegram's message ids are 32-bit.
		PromptMessageID:     int32(c.PromptMessageID),
		ReturnKind:          string(back.Filter.Kind),
		ReturnCategoryID:    back.Filter.CategoryID,
		ReturnUncategorised: back.Filter.Uncategorised,
		ReturnTrashed:       back.Filter.Trashed,
		ReturnSearchID:      back.Filter.SearchID,
		ReturnCursorID:      back.Cursor.ID,
		ReturnBackward:      back.Cursor.Backward,
		ReturnTagID:         back.Filter.TagID,
		ReturnCursorPage:    clampInt32(back.Cursor.Number),
	})
	if err != nil {
		return fmt.Errorf("put conversation %s of user %d: %w", c.Step, c.UserID, interpretError(err))
	}
	return nil
}

// Take ends the user's conversation, live or expired, and returns it, or domain.ErrNotFound.
func (s ConversationStore) Take(ctx context.Context, userID int64) (domain.Conversation, error) {
	row, err := s.q.TakeConversation(ctx, userID)
	if err != nil {
		return domain.Conversation{}, fmt.Errorf("take conversation of user %d: %w", userID, interpretError(err))
	}
	c, err := s.toDomainConversation(row)
	if err != nil {
		return domain.Conversation{}, fmt.Errorf("take conversation of user %d: %w", userID, err)
	}
	return c, nil
}

// SetPrompt records the prompt of the user's conversation if it is at step; else nothing changes.
func (s ConversationStore) SetPrompt(ctx context.Context, userID int64, step domain.Step, messageID int) error {
	err := s.q.SetConversationPrompt(ctx, sqlcgen.SetConversationPromptParams{UserID: userID, Step: string(step), PromptMessageID: int32(messageID)})
	if err != nil {
		return fmt.Errorf("set the prompt of the conversation of user %d: %w", userID, interpretError(err))
	}
	return nil
}

// Clear ends the user's conversation; having none is no error.
func (s ConversationStore) Clear(ctx context.Context, userID int64) error {
	if err := s.q.ClearConversation(ctx, userID); err != nil {
		return fmt.Errorf("clear conversation of user %d: %w", userID, interpretError(err))
	}
	return nil
}

// toDomainConversation rebuilds a conversation from its row. A step the registry does not know is
// logged and read as no conversation (domain.ErrNotFound): the user starts afresh.
func (s ConversationStore) toDomainConversation(row sqlcgen.Conversation) (domain.Conversation, error) {
	step := domain.Step(row.Step)
	if !step.Valid() {
		s.log.Warn("conversation of an unknown step read as none", zap.Int64("user_id", row.UserID), zap.String("step", row.Step))
		return domain.Conversation{}, fmt.Errorf("unknown step %q: %w", row.Step, domain.ErrNotFound)
	}
	return domain.Conversation{
		UserID:     row.UserID,
		Step:       step,
		FileID:     idOrZero(row.FileID),
		CategoryID: idOrZero(row.CategoryID),
		Return: domain.Place{
			Filter: domain.FileFilter{
				Kind:          domain.Kind(row.ReturnKind),
				CategoryID:    row.ReturnCategoryID,
				Uncategorised: row.ReturnUncategorised,
				Trashed:       row.ReturnTrashed,
				SearchID:      row.ReturnSearchID,
				TagID:         row.ReturnTagID,
			},
			Cursor: domain.Cursor{ID: row.ReturnCursorID, Backward: row.ReturnBackward, Number: int(row.ReturnCursorPage)},
		},
		ExpiresAt: row.ExpiresAt,

		PromptMessageID: int(row.PromptMessageID),
	}, nil
}

// nullID is a domain id where 0 means none as a nullable column.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// idOrZero is a nullable id column as a domain id: NULL is 0.
func idOrZero(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}
