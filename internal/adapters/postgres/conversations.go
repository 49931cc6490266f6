package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/foresight"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
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
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		c, err := s.toDomainConversation(row)
		if err != nil {
			return nil, nil // a step this version does not know: none (logged)
		}
		return &c, nil
	}
	if _, guessing := s.s.foresee(tg); guessing && known && s.conversationKnown(userID) {
		guess, _ := s.knownConversation(userID)
		if guess != nil && !guess.ExpiresAt.After(now) {
			guess = nil
		}
		// What is learnt is learnt in the order of the calls: the check runs later, when sent.
		s.learnConversation(tg, known, guess)
		s.s.p.WhenSentCheck(func() error {
			c, err := read()
			if err == nil && !foresight.Same(c, guess) {
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
	s.learnConversation(tg, known, c)
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
		s.s.learn(telegramID, func(l *foresight.Sighting) { l.ConvKnown, l.Conv = true, c })
	}
}

// conversationChanged forgets the user's conversation: a write changed it in a way not
// followed here.
func (s ConversationStore) conversationChanged(userID int64) {
	if tg, ok := s.s.telegramIDOf(userID); ok {
		s.s.learn(tg, func(l *foresight.Sighting) { l.ConvKnown, l.Conv = false, nil })
		s.s.seen.ForgetConversation(tg)
	}
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
