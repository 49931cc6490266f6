package postgres

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// The writes of a conversation return nothing the use cases wait for: they are batch
// statements, queued until the unit of work's next read or its COMMIT (package pipeline). A failure
// (a foreign key the use case did not check) fails that read or the commit, and so the update.

// Put stores c as the user's conversation, replacing any other. A zero FileID or CategoryID is
// stored as NULL. A step the registry does not know is refused.
func (s ConversationStore) Put(ctx context.Context, c domain.Conversation) error {
	if !c.Step.Valid() {
		return fmt.Errorf("put conversation of user %d: unknown step %q: %w", c.UserID, c.Step, app.ErrPermanent)
	}
	s.conversationChanged(c.UserID)
	row := sqlcgen.Conversation{
		UserID:     c.UserID,
		Step:       string(c.Step),
		FileID:     nullID(c.FileID),
		CategoryID: nullID(c.CategoryID),
		ExpiresAt:  c.ExpiresAt,
		// Telegram's message ids are 32-bit.
		PromptMessageID:     int32(c.PromptMessageID),
		ReturnKind:          string(c.Return.Filter.Kind),
		ReturnCategoryID:    c.Return.Filter.CategoryID,
		ReturnUncategorised: c.Return.Filter.Uncategorised,
		ReturnTrashed:       c.Return.Filter.Trashed,
		ReturnSearchID:      c.Return.Filter.SearchID,
		ReturnCursorID:      c.Return.Cursor.ID,
		ReturnBackward:      c.Return.Cursor.Backward,
		ReturnTagID:         c.Return.Filter.TagID,
		ReturnCursorPage:    clampInt32(c.Return.Cursor.Number),
	}
	s.q.PutConversation(ctx, []sqlcgen.PutConversationParams{{
		UserID: row.UserID, Step: row.Step, FileID: row.FileID, CategoryID: row.CategoryID, ExpiresAt: row.ExpiresAt,
		PromptMessageID: row.PromptMessageID, ReturnKind: row.ReturnKind, ReturnCategoryID: row.ReturnCategoryID,
		ReturnUncategorised: row.ReturnUncategorised, ReturnTrashed: row.ReturnTrashed, ReturnSearchID: row.ReturnSearchID,
		ReturnCursorID: row.ReturnCursorID, ReturnBackward: row.ReturnBackward, ReturnTagID: row.ReturnTagID,
		ReturnCursorPage: row.ReturnCursorPage,
	}})
	// As a read will find it, for the user's next update to guess.
	if stored, err := s.toDomainConversation(row); err == nil {
		s.conversationIs(c.UserID, &stored)
	}
	return nil
}

// SetPrompt records the prompt of the user's conversation if it is at step; else nothing changes.
func (s ConversationStore) SetPrompt(ctx context.Context, userID int64, step domain.Step, messageID int) error {
	known, ok := s.knownConversation(userID)
	s.conversationChanged(userID)
	s.q.SetConversationPrompt(ctx, []sqlcgen.SetConversationPromptParams{{UserID: userID, Step: string(step), PromptMessageID: int32(messageID)}})
	if ok && known != nil && known.Step == step {
		c := *known
		c.PromptMessageID = int(int32(messageID))
		s.conversationIs(userID, &c)
	} else if ok && known == nil {
		s.conversationIs(userID, nil)
	}
	return nil
}

// Clear ends the user's conversation; having none is no error.
func (s ConversationStore) Clear(ctx context.Context, userID int64) error {
	s.conversationChanged(userID)
	s.q.ClearConversation(ctx, []int64{userID})
	s.conversationIs(userID, nil)
	return nil
}

// conversationIs records the user's conversation as this unit of work leaves it (nil: none).
func (s ConversationStore) conversationIs(userID int64, c *domain.Conversation) {
	if tg, ok := s.s.telegramIDOf(userID); ok {
		s.learnConversation(tg, true, c)
	}
}

// knownConversation is the user's conversation as this unit of work knows it (what it read or
// wrote), or else as their last update left it; ok is false when it is not known.
func (s ConversationStore) knownConversation(userID int64) (c *domain.Conversation, ok bool) {
	tg, known := s.s.telegramIDOf(userID)
	if !known {
		return nil, false
	}
	if l, ok := s.s.learnt[tg]; ok && l.ConvKnown {
		return l.Conv, true
	}
	seen := s.s.seen.Get(tg)
	return seen.Conv, seen.ConvKnown
}

func (s ConversationStore) conversationKnown(userID int64) bool {
	_, ok := s.knownConversation(userID)
	return ok
}

// learntConversation reports whether this unit of work knows the user's conversation itself.
func (s ConversationStore) learntConversation(telegramID int64) bool {
	l, ok := s.s.learnt[telegramID]
	return ok && l.ConvKnown
}
