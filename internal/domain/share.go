package domain

import (
	"fmt"
	"time"
)

// Share is a link that gives a file, the files of a category, or an album's files, to whoever
// opens it.
type Share struct {
	ID         int64
	Token      string // unguessable, URL-safe, at most 64 characters (a /start payload)
	OwnerID    int64
	FileID     int64 // the shared file, or 0
	CategoryID int64 // the shared category, or 0
	AlbumID    int64 // the shared album, or 0
	CreatedAt  time.Time
	RevokedAt  *time.Time
	Uses       int
	Limits     ShareLimits
	Viewers    int // the people admitted (their first opening), the owner aside
}

// ShareLimits are what the owner allows a link: until when it works, how many people may open
// it, and whether what it gives is protected (Telegram's protect_content: the receiver can
// neither forward nor save it).
type ShareLimits struct {
	ExpiresAt  *time.Time // nil: never
	MaxViewers int        // 0: anyone
	Protect    bool
}

// The bounds of a link's limits.
const (
	MaxShareViewers = 1000
	MaxShareExpiry  = 366 * 24 * time.Hour
)

// NewShareLimits builds the limits of a link made or changed at now that expires after expiry (0:
// never) and admits maxViewers people (0: anyone); ErrInvalidSettings out of the bounds.
func NewShareLimits(now time.Time, expiry time.Duration, maxViewers int, protect bool) (ShareLimits, error) {
	if expiry < 0 || expiry > MaxShareExpiry || maxViewers < 0 || maxViewers > MaxShareViewers {
		return ShareLimits{}, fmt.Errorf("share limits: expiry %v, %d viewers: %w", expiry, maxViewers, ErrInvalidSettings)
	}
	l := ShareLimits{MaxViewers: maxViewers, Protect: protect}
	if expiry > 0 {
		at := now.Add(expiry)
		l.ExpiresAt = &at
	}
	return l, nil
}

// Expired reports whether the link's time is over at now.
func (s Share) Expired(now time.Time) bool {
	return s.Limits.ExpiresAt != nil && !now.Before(*s.Limits.ExpiresAt)
}

// Full reports whether the link admitted as many people as it may.
func (s Share) Full() bool {
	return s.Limits.MaxViewers > 0 && s.Viewers >= s.Limits.MaxViewers
}

// Usable tells why the link gives nothing at now: ErrRevoked, ErrLinkExpired, or nil. A full link
// still serves the people it admitted.
func (s Share) Usable(now time.Time) error {
	switch {
	case !s.Active():
		return ErrRevoked
	case s.Expired(now):
		return ErrLinkExpired
	}
	return nil
}

// ShareSummary is a share with the name of what it shares, for the owner's list of links.
type ShareSummary struct {
	Share
	Name string
	// AlbumCreatedAt is when a shared album was made (nil for another share): an album with no
	// name nor caption (Name "") is named by it.
	AlbumCreatedAt *time.Time
}

// NewShare builds a share of exactly one file or one category.
func NewShare(owner int64, token string, fileID, categoryID int64, now time.Time) (Share, error) {
	if (fileID == 0) == (categoryID == 0) {
		return Share{}, fmt.Errorf("new share: share one file or one category: %w", ErrNotFound)
	}
	if !ValidToken(token) {
		return Share{}, fmt.Errorf("new share: malformed token: %w", ErrInvalidToken)
	}
	return Share{Token: token, OwnerID: owner, FileID: fileID, CategoryID: categoryID, CreatedAt: now}, nil
}

// NewAlbumShare builds a share of one album: its live files, sent back together.
func NewAlbumShare(owner int64, token string, albumID int64, now time.Time) (Share, error) {
	if albumID == 0 {
		return Share{}, fmt.Errorf("new share: no album: %w", ErrNotFound)
	}
	if !ValidToken(token) {
		return Share{}, fmt.Errorf("new share: malformed token: %w", ErrInvalidToken)
	}
	return Share{Token: token, OwnerID: owner, AlbumID: albumID, CreatedAt: now}, nil
}

// Active reports whether the link still works.
func (s Share) Active() bool { return s.RevokedAt == nil }

// ValidToken reports whether t has the shape of a share token: 16 to 64 characters of
// [A-Za-z0-9_-], what Telegram allows in a /start payload.
func ValidToken(t string) bool {
	if len(t) < 16 || len(t) > 64 {
		return false
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// LinkLimitError refuses a new link past the per-user limit of active links; it matches
// ErrQuotaExceeded.
type LinkLimitError struct {
	Limit int
}

func (e *LinkLimitError) Error() string {
	return fmt.Sprintf("link limit of %d reached", e.Limit)
}

// Is makes errors.Is(err, ErrQuotaExceeded) true for every LinkLimitError.
func (e *LinkLimitError) Is(target error) bool { return target == ErrQuotaExceeded }
