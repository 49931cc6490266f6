package memory

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// BulkSendRepository implements app.BulkSendRepository in memory.
type BulkSendRepository struct{ store *Store }

// NewBulkSendRepository returns the send-alls of s.
func NewBulkSendRepository(s *Store) BulkSendRepository { return BulkSendRepository{store: s} }

// Create stores s; like the table's unique index, one running send per owner.
func (r BulkSendRepository) Create(ctx context.Context, b domain.BulkSend) (domain.BulkSend, error) {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.users[b.OwnerID]; !ok {
		return domain.BulkSend{}, fmt.Errorf("send-all of user %d: no such user", b.OwnerID)
	}
	for _, o := range s.data.sends {
		if o.OwnerID == b.OwnerID && o.State == domain.BulkSendRunning && b.State == domain.BulkSendRunning {
			return domain.BulkSend{}, fmt.Errorf("send-all of user %d: %w", b.OwnerID, domain.ErrDuplicate)
		}
	}
	s.nextSendID++
	b.ID = s.nextSendID
	b.FileIDs = slices.Clone(b.FileIDs)
	s.data.sends[b.ID] = b
	return cloneSend(b), nil
}

func cloneSend(b domain.BulkSend) domain.BulkSend {
	b.FileIDs = slices.Clone(b.FileIDs)
	return b
}

// Get returns the send with that id.
func (r BulkSendRepository) Get(ctx context.Context, id int64) (domain.BulkSend, error) {
	s := r.store
	defer s.lock(ctx)()
	b, ok := s.data.sends[id]
	if !ok {
		return domain.BulkSend{}, fmt.Errorf("send-all %d: %w", id, domain.ErrNotFound)
	}
	return cloneSend(b), nil
}

// Running returns the owner's running send.
func (r BulkSendRepository) Running(ctx context.Context, ownerID int64) (domain.BulkSend, error) {
	s := r.store
	defer s.lock(ctx)()
	for _, b := range s.data.sends {
		if b.OwnerID == ownerID && b.State == domain.BulkSendRunning {
			return cloneSend(b), nil
		}
	}
	return domain.BulkSend{}, fmt.Errorf("running send-all of user %d: %w", ownerID, domain.ErrNotFound)
}

// SetMessage records the send's progress message.
func (r BulkSendRepository) SetMessage(ctx context.Context, id int64, messageID int) error {
	return r.change(ctx, id, func(b *domain.BulkSend) { b.MessageID = messageID })
}

// Advance records the files done, never fewer than before, nor more than the send has.
func (r BulkSendRepository) Advance(ctx context.Context, id int64, sent int, at time.Time) (domain.BulkSend, error) {
	var out domain.BulkSend
	err := r.change(ctx, id, func(b *domain.BulkSend) {
		b.Sent = min(max(b.Sent, sent), b.Total())
		if at.After(b.MovedAt) {
			b.MovedAt = at
		}
		out = cloneSend(*b)
	})
	return out, err
}

// End moves the owner's running send to state.
func (r BulkSendRepository) End(ctx context.Context, ownerID, id int64, state domain.BulkSendState) (domain.BulkSend, error) {
	s := r.store
	defer s.lock(ctx)()
	b, ok := s.data.sends[id]
	if !ok || b.OwnerID != ownerID {
		return domain.BulkSend{}, fmt.Errorf("send-all %d of user %d: %w", id, ownerID, domain.ErrNotFound)
	}
	if b.State == domain.BulkSendRunning {
		b.State = state
		s.data.sends[id] = b
	}
	return cloneSend(b), nil
}

func (r BulkSendRepository) change(ctx context.Context, id int64, fn func(*domain.BulkSend)) error {
	s := r.store
	defer s.lock(ctx)()
	b, ok := s.data.sends[id]
	if !ok {
		return fmt.Errorf("send-all %d: %w", id, domain.ErrNotFound)
	}
	fn(&b)
	s.data.sends[id] = b
	return nil
}
