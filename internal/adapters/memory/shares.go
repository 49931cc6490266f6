package memory

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ShareRepository implements app.ShareRepository in memory.
type ShareRepository struct{ store *Store }

// NewShareRepository returns the shares of s.
func NewShareRepository(s *Store) ShareRepository { return ShareRepository{store: s} }

// Create stores a share; domain.ErrDuplicate if its token exists. Like the Postgres schema it
// refuses a share of nothing or of more than one file, category or album (a CHECK, checked
// first), then finds a duplicate token (ON CONFLICT DO NOTHING), then refuses an unknown owner,
// file, category or album (the foreign keys, checked only for a row inserted).
func (r ShareRepository) Create(ctx context.Context, sh domain.Share) (domain.Share, error) {
	s := r.store
	defer s.lock(ctx)()
	if targets(sh) != 1 {
		return domain.Share{}, fmt.Errorf("share of file %d, category %d and album %d: exactly one is needed", sh.FileID, sh.CategoryID, sh.AlbumID)
	}
	for _, other := range s.data.shares {
		if other.Token == sh.Token {
			return domain.Share{}, fmt.Errorf("share token: %w", domain.ErrDuplicate)
		}
	}
	if _, ok := s.data.users[sh.OwnerID]; !ok {
		return domain.Share{}, fmt.Errorf("share of unknown user %d", sh.OwnerID)
	}
	if _, ok := s.data.files[sh.FileID]; sh.FileID != 0 && !ok {
		return domain.Share{}, fmt.Errorf("share of unknown file %d", sh.FileID)
	}
	if _, ok := s.data.categories[sh.CategoryID]; sh.CategoryID != 0 && !ok {
		return domain.Share{}, fmt.Errorf("share of unknown category %d", sh.CategoryID)
	}
	if _, ok := s.data.albums[sh.AlbumID]; sh.AlbumID != 0 && !ok {
		return domain.Share{}, fmt.Errorf("share of unknown album %d", sh.AlbumID)
	}
	s.nextShareID++
	sh = copyShare(sh)
	sh.ID = s.nextShareID
	sh.CreatedAt = storedTime(sh.CreatedAt)
	if sh.RevokedAt != nil {
		*sh.RevokedAt = storedTime(*sh.RevokedAt)
	}
	sh.Limits = storedLimits(sh.Limits)
	s.data.shares[sh.ID] = sh
	return copyShare(sh), nil
}

// targets counts what a share shares: the CHECK wants exactly one.
func targets(sh domain.Share) int {
	n := 0
	for _, id := range []int64{sh.FileID, sh.CategoryID, sh.AlbumID} {
		if id != 0 {
			n++
		}
	}
	return n
}

// deleteShares removes the shares doomed says to: what ON DELETE CASCADE does in Postgres when a
// file or a category is deleted. The caller holds the lock.
func (s *Store) deleteShares(doomed func(sh domain.Share) bool) {
	for id, sh := range s.data.shares {
		if doomed(sh) {
			delete(s.data.shares, id)
		}
	}
	for g := range s.data.grants {
		if _, ok := s.data.shares[g.share]; !ok {
			delete(s.data.grants, g) // ON DELETE CASCADE of share_grants
		}
	}
}

// Get returns the owner's share: domain.ErrForbidden if it is someone else's, domain.ErrNotFound
// if there is none.
func (r ShareRepository) Get(ctx context.Context, ownerID, id int64) (domain.Share, error) {
	s := r.store
	defer s.lock(ctx)()
	sh, ok := s.data.shares[id]
	if err := ownedBy(ok, sh.OwnerID, ownerID); err != nil {
		return domain.Share{}, fmt.Errorf("share %d of user %d: %w", id, ownerID, err)
	}
	return copyShare(sh), nil
}

// ByToken returns the share with that token, or domain.ErrNotFound.
func (r ShareRepository) ByToken(ctx context.Context, token string) (domain.Share, error) {
	s := r.store
	defer s.lock(ctx)()
	for _, sh := range s.data.shares {
		if sh.Token == token {
			return copyShare(sh), nil
		}
	}
	return domain.Share{}, fmt.Errorf("share token: %w", domain.ErrNotFound)
}

// ListActive returns the owner's active shares, newest (highest id) first, with the name of what
// they share.
func (r ShareRepository) ListActive(ctx context.Context, ownerID int64) ([]domain.ShareSummary, error) {
	s := r.store
	defer s.lock(ctx)()
	var list []domain.ShareSummary
	for _, sh := range s.data.shares {
		if sh.OwnerID != ownerID || !sh.Active() {
			continue
		}
		sum := domain.ShareSummary{Share: copyShare(sh), Name: s.data.categories[sh.CategoryID].Name}
		switch {
		case sh.FileID != 0:
			sum.Name = s.data.files[sh.FileID].Name
		case sh.AlbumID != 0:
			a := s.data.albums[sh.AlbumID]
			sum.Name, sum.AlbumCreatedAt = s.albumTitle(a), &a.CreatedAt
		}
		list = append(list, sum)
	}
	slices.SortFunc(list, func(a, b domain.ShareSummary) int { return cmp.Compare(b.ID, a.ID) })
	return list, nil
}

// albumTitle is the album's name, or else the caption of its first file that has one (as
// ListActiveShares names it). The caller holds the lock.
func (s *Store) albumTitle(a domain.Album) string {
	if a.Name != "" {
		return a.Name
	}
	var first *domain.File
	for _, f := range s.data.files {
		if f.AlbumID != nil && *f.AlbumID == a.ID && f.Caption != "" && (first == nil || f.ID < first.ID) {
			first = &f
		}
	}
	if first == nil {
		return ""
	}
	return first.Caption
}

// ListActivePage returns a page of the owner's active shares as app.ShareQuery describes.
func (r ShareRepository) ListActivePage(ctx context.Context, q app.ShareQuery) ([]domain.ShareSummary, error) {
	switch {
	case q.Limit <= 0:
		return nil, fmt.Errorf("list shares: limit %d is not positive", q.Limit)
	case q.AfterID > 0 && q.BeforeID > 0:
		return nil, errors.New("list shares: both AfterID and BeforeID are set")
	}
	all, err := r.ListActive(ctx, q.OwnerID)
	if err != nil {
		return nil, err
	}
	var page []domain.ShareSummary
	for _, sh := range all {
		if (q.AfterID > 0 && sh.ID >= q.AfterID) || (q.BeforeID > 0 && sh.ID <= q.BeforeID) {
			continue
		}
		page = append(page, sh)
	}
	if q.BeforeID > 0 {
		slices.Reverse(page) // ascending, as ListActiveSharesBefore
	}
	return page[:min(len(page), q.Limit)], nil
}

// CountActive counts the owner's active shares.
func (r ShareRepository) CountActive(ctx context.Context, ownerID int64) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for _, sh := range s.data.shares {
		if sh.OwnerID == ownerID && sh.Active() {
			n++
		}
	}
	return n, nil
}

// CountLive counts the owner's shares neither revoked nor expired at at.
func (r ShareRepository) CountLive(ctx context.Context, ownerID int64, at time.Time) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for _, sh := range s.data.shares {
		if sh.OwnerID == ownerID && sh.Usable(at) == nil {
			n++
		}
	}
	return n, nil
}

// Grant records that viewer opened the share at at; like the foreign keys, it refuses an unknown
// share or viewer.
func (r ShareRepository) Grant(ctx context.Context, shareID, viewerID int64, at time.Time) error {
	s := r.store
	defer s.lock(ctx)()
	if _, ok := s.data.shares[shareID]; !ok {
		return fmt.Errorf("grant of unknown share %d", shareID)
	}
	if _, ok := s.data.users[viewerID]; !ok {
		return fmt.Errorf("grant of share %d to unknown user %d", shareID, viewerID)
	}
	s.data.grants[grantKey{share: shareID, viewer: viewerID}] = storedTime(at)
	return nil
}

// Granted returns the share if viewer holds a grant for it, or domain.ErrNotFound.
func (r ShareRepository) Granted(ctx context.Context, shareID, viewerID int64) (domain.Share, error) {
	s := r.store
	defer s.lock(ctx)()
	sh, ok := s.data.shares[shareID]
	if _, granted := s.data.grants[grantKey{share: shareID, viewer: viewerID}]; !ok || !granted {
		return domain.Share{}, fmt.Errorf("share %d granted to user %d: %w", shareID, viewerID, domain.ErrNotFound)
	}
	return copyShare(sh), nil
}

// Revoke marks the owner's share revoked, keeping the first revocation time.
func (r ShareRepository) Revoke(ctx context.Context, ownerID, id int64, at time.Time) error {
	s := r.store
	defer s.lock(ctx)()
	sh, ok := s.data.shares[id]
	if !ok || sh.OwnerID != ownerID {
		return fmt.Errorf("revoke share %d: %w", id, domain.ErrNotFound)
	}
	if sh.RevokedAt == nil {
		t := storedTime(at)
		sh.RevokedAt = &t
		s.data.shares[id] = sh
	}
	return nil
}

// RevokeForFile revokes the active shares of a file and returns how many.
func (r ShareRepository) RevokeForFile(ctx context.Context, fileID int64, at time.Time) (int, error) {
	s := r.store
	defer s.lock(ctx)()
	n := 0
	for id, sh := range s.data.shares {
		if fileID != 0 && sh.FileID == fileID && sh.RevokedAt == nil {
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
	if sh.Limits.ExpiresAt != nil {
		t := *sh.Limits.ExpiresAt
		sh.Limits.ExpiresAt = &t
	}
	return sh
}

// storedLimits is a copy of l with its time as Postgres keeps it.
func storedLimits(l domain.ShareLimits) domain.ShareLimits {
	if l.ExpiresAt != nil {
		t := storedTime(*l.ExpiresAt)
		l.ExpiresAt = &t
	}
	return l
}

// Admit grants the share to viewer; a viewer new to it takes a place, if one is left.
func (r ShareRepository) Admit(ctx context.Context, shareID, viewerID int64, at time.Time) (bool, error) {
	s := r.store
	defer s.lock(ctx)()
	sh, ok := s.data.shares[shareID]
	if !ok {
		return false, fmt.Errorf("admit to unknown share %d", shareID)
	}
	if _, ok := s.data.users[viewerID]; !ok {
		return false, fmt.Errorf("admit unknown user %d to share %d", viewerID, shareID)
	}
	key := grantKey{share: shareID, viewer: viewerID}
	if _, granted := s.data.grants[key]; !granted {
		if sh.Full() {
			return false, nil
		}
		sh.Viewers++
		s.data.shares[shareID] = sh
	}
	s.data.grants[key] = storedTime(at)
	return true, nil
}

// SetLimits stores the limits of the owner's share, or returns domain.ErrNotFound.
func (r ShareRepository) SetLimits(ctx context.Context, ownerID, id int64, l domain.ShareLimits) error {
	s := r.store
	defer s.lock(ctx)()
	sh, ok := s.data.shares[id]
	if !ok || sh.OwnerID != ownerID {
		return fmt.Errorf("set limits of share %d: %w", id, domain.ErrNotFound)
	}
	if l.MaxViewers < 0 {
		return fmt.Errorf("set limits of share %d: negative max viewers", id) // the CHECK
	}
	sh.Limits = storedLimits(l)
	s.data.shares[id] = sh
	return nil
}
