package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// UpdateLog implements app.UpdateLog in memory.
type UpdateLog struct {
	store *Store
}

// NewUpdateLog returns the update log of s.
func NewUpdateLog(s *Store) UpdateLog { return UpdateLog{store: s} }

// Claim records updateID and reports whether this is its first claim.
func (l UpdateLog) Claim(ctx context.Context, updateID int64) (bool, error) {
	return l.ClaimFor(ctx, 0, updateID)
}

// ClaimFor records the bot's updateID and reports whether this is its first claim.
func (l UpdateLog) ClaimFor(ctx context.Context, botID, updateID int64) (bool, error) {
	s := l.store
	defer s.lock(ctx)()
	k := updateKey{bot: botID, update: updateID}
	if _, ok := s.data.updates[k]; ok {
		return false, nil
	}
	s.data.updates[k] = time.Now()
	return true, nil
}

// Prune forgets at most limit claims made before cutoff, oldest first.
func (l UpdateLog) Prune(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	s := l.store
	defer s.lock(ctx)()
	var old []updateKey
	for k, at := range s.data.updates {
		if at.Before(cutoff) {
			old = append(old, k)
		}
	}
	slices.SortFunc(old, func(a, b updateKey) int { return s.data.updates[a].Compare(s.data.updates[b]) })
	old = old[:min(len(old), max(limit, 0))]
	for _, k := range old {
		delete(s.data.updates, k)
	}
	return len(old), nil
}

// Park records p; parking an update again adds to its attempts and replaces its error.
func (l UpdateLog) Park(ctx context.Context, p app.ParkedUpdate) error {
	s := l.store
	defer s.lock(ctx)()
	k := updateKey{bot: p.BotID, update: p.UpdateID}
	p.ParkedAt = time.Now()
	p.Payload = slices.Clone(p.Payload)
	if old, ok := s.data.parked[k]; ok {
		p.Attempts += old.Attempts
		p.Payload = old.Payload
	}
	s.data.parked[k] = p
	return nil
}

// Parked lists at most limit of the bot's parked updates after afterID, in id order.
func (l UpdateLog) Parked(ctx context.Context, botID, afterID int64, limit int) ([]app.ParkedUpdate, error) {
	s := l.store
	defer s.lock(ctx)()
	var list []app.ParkedUpdate
	for k, p := range s.data.parked {
		if k.bot == botID && k.update > afterID {
			p.Payload = slices.Clone(p.Payload)
			list = append(list, p)
		}
	}
	slices.SortFunc(list, func(a, b app.ParkedUpdate) int { return cmp.Compare(a.UpdateID, b.UpdateID) })
	return list[:min(len(list), max(limit, 0))], nil
}

// Unpark removes a parked update, or returns domain.ErrNotFound.
func (l UpdateLog) Unpark(ctx context.Context, botID, updateID int64) error {
	s := l.store
	defer s.lock(ctx)()
	k := updateKey{bot: botID, update: updateID}
	if _, ok := s.data.parked[k]; !ok {
		return fmt.Errorf("parked update %d: %w", updateID, domain.ErrNotFound)
	}
	delete(s.data.parked, k)
	return nil
}

// CountParked counts the parked updates of every bot.
func (l UpdateLog) CountParked(ctx context.Context) (int, error) {
	s := l.store
	defer s.lock(ctx)()
	return len(s.data.parked), nil
}
