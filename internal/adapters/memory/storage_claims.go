package memory

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// storageClaim is a claim on a file's copy, as the storage_claims table keeps it.
type storageClaim struct {
	chatID, floor int64
	holder        string
	attempts      int
	takenAt       time.Time
}

// StorageClaimRepository implements app.StorageClaimRepository over a Store.
type StorageClaimRepository struct{ store *Store }

// NewStorageClaimRepository returns the storage claim repository of s.
func NewStorageClaimRepository(s *Store) StorageClaimRepository {
	return StorageClaimRepository{store: s}
}

// Claim claims the copy of the file for holder, taking over a claim older than lease.
func (r StorageClaimRepository) Claim(ctx context.Context, fileID, chatID int64, holder string, lease time.Duration) (app.StorageClaim, bool, error) {
	s := r.store
	defer s.lock(ctx)()
	f, ok := s.data.files[fileID]
	if !ok || f.Copy.Exists() {
		return app.StorageClaim{}, false, nil
	}
	c, ok := s.data.claims[fileID]
	now := time.Now() // now() in Postgres: the lease is of wall time
	switch {
	case ok && now.Sub(c.takenAt) <= lease:
		return app.StorageClaim{}, false, nil
	case ok:
		c.holder, c.attempts, c.takenAt = holder, c.attempts+1, now
	default:
		c = storageClaim{chatID: chatID, floor: s.highestCopy(chatID), holder: holder, attempts: 1, takenAt: now}
	}
	s.data.claims[fileID] = c
	return app.StorageClaim{Floor: c.floor, Attempts: c.attempts}, true, nil
}

// highestCopy is the highest message id of a copy recorded in chatID, 0 for none.
func (s *Store) highestCopy(chatID int64) int64 {
	var top int64
	for _, f := range s.data.files {
		if f.Copy.ChatID == chatID {
			top = max(top, f.Copy.MessageID)
		}
	}
	return top
}

// Record records the post of holder as the file's copy if holder holds the claim.
func (r StorageClaimRepository) Record(ctx context.Context, fileID int64, holder string, c domain.StorageCopy) (bool, error) {
	if !c.Exists() {
		return false, fmt.Errorf("record the copy of file %d: no chat or message", fileID)
	}
	s := r.store
	defer s.lock(ctx)()
	claim, ok := s.data.claims[fileID]
	if !ok || claim.holder != holder {
		return false, nil
	}
	delete(s.data.claims, fileID)
	f, ok := s.data.files[fileID]
	if !ok || f.Copy.Exists() {
		return false, nil
	}
	f.Copy = c
	s.data.files[fileID] = f
	return true, nil
}

// Known lists the known copies of the chat between above and below.
func (r StorageClaimRepository) Known(ctx context.Context, chatID, above, below int64) ([]int64, error) {
	s := r.store
	defer s.lock(ctx)()
	var ids []int64
	in := func(c domain.StorageCopy) bool {
		return c.ChatID == chatID && c.MessageID > above && c.MessageID < below
	}
	for _, f := range s.data.files {
		if in(f.Copy) {
			ids = append(ids, f.Copy.MessageID)
		}
	}
	for _, d := range s.data.deletions {
		if in(d) && !slices.Contains(ids, d.MessageID) {
			ids = append(ids, d.MessageID)
		}
	}
	slices.Sort(ids)
	return ids, nil
}
