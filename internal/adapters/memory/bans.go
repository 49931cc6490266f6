package memory

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// BanRepository implements app.BanRepository in memory.
type BanRepository struct{ store *Store }

// NewBanRepository returns the bans of s.
func NewBanRepository(s *Store) BanRepository { return BanRepository{store: s} }

// Add stores b unless that user is banned already.
func (r BanRepository) Add(ctx context.Context, b domain.Ban) (bool, error) {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.bans[b.TelegramID]; ok {
		return false, nil
	}
	b.BannedAt = storedTime(b.BannedAt)
	if b.ToldAt != nil {
		at := storedTime(*b.ToldAt)
		b.ToldAt = &at
	}
	s.data.bans[b.TelegramID] = b
	return true, nil
}

// Get returns the ban of the user with that Telegram id, or domain.ErrNotFound.
func (r BanRepository) Get(ctx context.Context, telegramID int64) (domain.Ban, error) {
	s := r.store
	defer s.lock(ctx)()
	b, ok := s.data.bans[telegramID]
	if !ok {
		return domain.Ban{}, fmt.Errorf("ban of user %d: %w", telegramID, domain.ErrNotFound)
	}
	return b, nil
}

// Remove lifts the ban of the user with that Telegram id, or returns domain.ErrNotFound.
func (r BanRepository) Remove(ctx context.Context, telegramID int64) error {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.bans[telegramID]; !ok {
		return fmt.Errorf("unban user %d: %w", telegramID, domain.ErrNotFound)
	}
	delete(s.data.bans, telegramID)
	return nil
}

// MarkTold records that the banned user was told at at, unless they were told before.
func (r BanRepository) MarkTold(ctx context.Context, telegramID int64, at time.Time) (bool, error) {
	s := r.store
	defer s.lock(ctx)()
	b, ok := s.data.bans[telegramID]
	if !ok || b.ToldAt != nil {
		return false, nil
	}
	at = storedTime(at)
	b.ToldAt = &at
	s.data.bans[telegramID] = b
	return true, nil
}

// Count counts the bans.
func (r BanRepository) Count(ctx context.Context) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	return len(s.data.bans), nil
}

// ListAfter returns at most limit bans of Telegram ids above afterTelegramID, in that order.
func (r BanRepository) ListAfter(ctx context.Context, afterTelegramID int64, limit int) ([]domain.Ban, error) {
	s := r.store
	defer s.lock(ctx)()
	var out []domain.Ban
	for _, id := range slices.Sorted(maps.Keys(s.data.bans)) {
		if id > afterTelegramID && len(out) < limit {
			out = append(out, s.data.bans[id])
		}
	}
	return out, nil
}

// DeleteAll deletes for good every file of the owner, live or trashed (with their shares), and
// returns how many. (A FileRepository method: it lives here, beside the bans it serves.)
func (r FileRepository) DeleteAll(ctx context.Context, ownerID int64) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for id, f := range s.data.files {
		if f.OwnerID == ownerID && s.deleteFile(id) {
			n++
		}
	}
	return n, nil
}
