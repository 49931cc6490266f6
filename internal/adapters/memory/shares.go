package memory

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ShareRepository implements app.ShareRepository in memory.
type ShareRepository struct{ store *Store }

// NewShareRepository returns the shares of s.
func NewShareRepository(s *Store) ShareRepository { return ShareRepository{store: s} }

// Create stores a share; domain.ErrDuplicate if its token exists.
func (r ShareRepository) Create(ctx context.Context, sh domain.Share) (domain.Share, error) {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.users[sh.OwnerID]; !ok {
		return domain.Share{}, fmt.Errorf("share of unknown user %d", sh.OwnerID)
	}
	if _, ok := s.data.files[sh.FileID]; sh.FileID != 0 && !ok {
		return domain.Share{}, fmt.Errorf("share of unknown file %d", sh.FileID)
	}
	if _, ok := s.data.categories[sh.CategoryID]; sh.CategoryID != 0 && !ok {
		return domain.Share{}, fmt.Errorf("share of unknown category %d", sh.CategoryID)
	}
	for _, other := range s.data.shares {
		if other.Token == sh.Token {
			return domain.Share{}, fmt.Errorf("share token: %w", domain.ErrDuplicate)
		}
	}
	s.nextShareID++
	sh.ID = s.nextShareID
	sh.CreatedAt = storedTime(sh.CreatedAt)
	s.data.shares[sh.ID] = sh
	return sh, nil
}

// liveShare reports whether a share's file or category still exists: Postgres deletes the others
// (ON DELETE CASCADE).
func (s *Store) liveShare(sh domain.Share) bool {
	if sh.FileID != 0 {
		_, ok := s.data.files[sh.FileID]
		return ok
	}
	_, ok := s.data.categories[sh.CategoryID]
	return ok
}

// Get returns a share, or domain.ErrNotFound.
func (r ShareRepository) Get(ctx context.Context, id int64) (domain.Share, error) {
	s := r.store
	defer s.lock(ctx)()
	sh, ok := s.data.shares[id]
	if !ok || !s.liveShare(sh) {
		return domain.Share{}, fmt.Errorf("share %d: %w", id, domain.ErrNotFound)
	}
	return copyShare(sh), nil
}

// ByToken returns the share with that token, or domain.ErrNotFound.
func (r ShareRepository) ByToken(ctx context.Context, token string) (domain.Share, error) {
	s := r.store
	defer s.lock(ctx)()
	for _, sh := range s.data.shares {
		if sh.Token == token && s.liveShare(sh) {
			return copyShare(sh), nil
		}
	}
	return domain.Share{}, fmt.Errorf("share token: %w", domain.ErrNotFound)
}

// ListActive returns the owner's active shares, newest first, with what they share.
func (r ShareRepository) ListActive(ctx context.Context, ownerID int64) ([]domain.ShareSummary, error) {
	s := r.store
	defer s.lock(ctx)()
	var list []domain.ShareSummary
	for _, sh := range s.data.shares {
		if sh.OwnerID != ownerID || !sh.Active() || !s.liveShare(sh) {
			continue
		}
		name := s.data.categories[sh.CategoryID].Name
		if sh.FileID != 0 {
			name = s.data.files[sh.FileID].Name
		}
		list = append(list, domain.ShareSummary{Share: copyShare(sh), Name: name})
	}
	slices.SortFunc(list, func(a, b domain.ShareSummary) int { return cmp.Compare(b.ID, a.ID) })
	return list, nil
}

// Revoke marks a share revoked, keeping the first revocation time.
func (r ShareRepository) Revoke(ctx context.Context, id int64, at time.Time) error {
	s := r.store
	defer s.lock(ctx)()
	sh, ok := s.data.shares[id]
	if !ok || !s.liveShare(sh) {
		return fmt.Errorf("revoke share %d: %w", id, domain.ErrNotFound)
	}
	if sh.RevokedAt == nil {
		t := storedTime(at)
		sh.RevokedAt = &t
		s.data.shares[id] = sh
	}
	return nil
}

// RevokeForFile revokes the active shares of a file.
func (r ShareRepository) RevokeForFile(ctx context.Context, fileID int64, at time.Time) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for id, sh := range s.data.shares {
		if sh.FileID == fileID && sh.RevokedAt == nil {
			t := storedTime(at)
			sh.RevokedAt = &t
			s.data.shares[id] = sh
			n++
		}
	}
	return n, nil
}

// CountUse adds one to a share's uses.
func (r ShareRepository) CountUse(ctx context.Context, id int64) error {
	s := r.store
	defer s.lock(ctx)()
	sh, ok := s.data.shares[id]
	if !ok {
		return fmt.Errorf("count use of share %d: %w", id, domain.ErrNotFound)
	}
	sh.Uses++
	s.data.shares[id] = sh
	return nil
}

func copyShare(sh domain.Share) domain.Share {
	if sh.RevokedAt != nil {
		t := *sh.RevokedAt
		sh.RevokedAt = &t
	}
	return sh
}
