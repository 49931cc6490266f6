package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
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
	s   *session
}

// Get returns the user's conversation unless it has expired at now, or domain.ErrNotFound.
func (s ConversationStore) Get(ctx context.Context, userID int64, now time.Time) (domain.Conversation, error) {
	res := s.q.GetLiveConversation(ctx, []sqlcgen.GetLiveConversationParams{{UserID: userID, Now: now}})
	tg, known := s.s.telegramIDOf(userID)
	read := func() (*domain.Conversation, error) {
		var row sqlcgen.Conversation
		var err error
		res.QueryRow(func(_ int, got sqlcgen.Conversation, e error) { row, err = got, e })
		if errors.Is(err, pgx.ErrNoRows) {
			s.learnConversation(tg, known, nil)
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		c, err := s.toDomainConversation(row)
		if err != nil {
			return nil, nil // a step this version does not know: none (logged)
		}
		s.learnConversation(tg, known, &c)
		return &c, nil
	}
	if seen, ok := s.s.foresee(tg); ok && known && seen.convKnown {
		guess := seen.conv
		if guess != nil && !guess.ExpiresAt.After(now) {
			guess = nil
		}
		s.s.p.whenSent(func() error {
			c, err := read()
			if err == nil && !same(c, guess) {
				return s.s.wrongGuess()
			}
			return err
		})
		return conversationOrNotFound(userID, guess)
	}
	c, err := read()
	if err != nil {
		return domain.Conversation{}, fmt.Errorf("conversation of user %d: %w", userID, interpretError(err))
	}
	return conversationOrNotFound(userID, c)
}

func conversationOrNotFound(userID int64, c *domain.Conversation) (domain.Conversation, error) {
	if c == nil {
		return domain.Conversation{}, fmt.Errorf("conversation of user %d: %w", userID, domain.ErrNotFound)
	}
	return *c, nil
}

// learnConversation records the user's conversation as this unit of work leaves it (nil: none).
func (s ConversationStore) learnConversation(telegramID int64, known bool, c *domain.Conversation) {
	if known {
		s.s.learn(telegramID, func(l *sighting) { l.convKnown, l.conv = true, c })
	}
}

// conversationEnded records that the user has no conversation left (should the unit of work
// commit).
func (s ConversationStore) conversationEnded(userID int64) {
	if tg, ok := s.s.telegramIDOf(userID); ok {
		s.learnConversation(tg, true, nil)
	}
}

// conversationChanged forgets the user's conversation: a write changed it in a way not
// followed here.
func (s ConversationStore) conversationChanged(userID int64) {
	if tg, ok := s.s.telegramIDOf(userID); ok {
		s.s.learn(tg, func(l *sighting) { l.convKnown, l.conv = false, nil })
		s.s.seen.forgetConversation(tg)
	}
}

// Put stores c as the user's conversation, replacing any other. A zero FileID or CategoryID is
// stored as NULL. A step the registry does not know is refused.
func (s ConversationStore) Put(ctx context.Context, c domain.Conversation) error {
	if !c.Step.Valid() {
		return fmt.Errorf("put conversation of user %d: unknown step %q: %w", c.UserID, c.Step, app.ErrPermanent)
	}
	s.conversationChanged(c.UserID)
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

// SetPrompt records the prompt of the user's conversation if it is at step; else nothing changes.
func (s ConversationStore) SetPrompt(ctx context.Context, userID int64, step domain.Step, messageID int) error {
	s.conversationChanged(userID)
	err := s.q.SetConversationPrompt(ctx, sqlcgen.SetConversationPromptParams{UserID: userID, Step: string(step), PromptMessageID: int32(messageID)})
	if err != nil {
		return fmt.Errorf("set the prompt of the conversation of user %d: %w", userID, interpretError(err))
	}
	return nil
}

// Clear ends the user's conversation; having none is no error.
func (s ConversationStore) Clear(ctx context.Context, userID int64) error {
	s.conversationChanged(userID)
	defer s.conversationEnded(userID)
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
