package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/foresight"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Take ends the user's conversation, live or expired, and returns it, or domain.ErrNotFound.
// Guessing (see UnitOfWork), it returns the conversation known to be theirs, checked when sent.
func (s ConversationStore) Take(ctx context.Context, userID int64) (domain.Conversation, error) {
	tg, _ := s.s.telegramIDOf(userID)
	_, guessing := s.s.foresee(tg)
	want, known := s.knownConversation(userID)
	// Known from this unit of work's own reads and writes, all checked already, it is no guess.
	_, ownKnowledge := s.s.learnt[tg]
	certain := ownKnowledge && s.learntConversation(tg) && !s.s.p.Checking()
	s.conversationChanged(userID)
	defer s.conversationIs(userID, nil)
	res := s.q.TakeConversation(ctx, []int64{userID})
	s.s.keepAhead(1) // taking a conversation changes nothing read ahead
	read := func() (*domain.Conversation, error) {
		var row sqlcgen.Conversation
		var err error
		res.QueryRow(func(_ int, got sqlcgen.Conversation, e error) { row, err = got, e })
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return nil, nil
		case err != nil:
			return nil, err
		}
		c, err := s.toDomainConversation(row)
		if err != nil {
			return nil, nil // a step this version does not know: none (logged)
		}
		return &c, nil
	}
	if guessing && known {
		when := s.s.p.WhenSentCheck
		if certain {
			when = s.s.p.WhenSent
		}
		when(func() error {
			c, err := read()
			if err == nil && !foresight.Same(c, want) {
				return s.s.wrongGuess()
			}
			return err
		})
		return taken(userID, want)
	}
	c, err := read()
	if err != nil {
		return domain.Conversation{}, fmt.Errorf("take conversation of user %d: %w", userID, interpretError(err))
	}
	return taken(userID, c)
}

func taken(userID int64, c *domain.Conversation) (domain.Conversation, error) {
	if c == nil {
		return domain.Conversation{}, fmt.Errorf("take conversation of user %d: %w", userID, domain.ErrNotFound)
	}
	return *c, nil
}
