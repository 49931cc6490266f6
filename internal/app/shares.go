package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Shares lets a user share a file, a category or an album by link and revoke it, and anyone open such a
// link; ListLinks reads a user's links.
type Shares struct {
	uow    UnitOfWork
	clock  Clock
	tokens TokenGenerator
	limits Limits
}

// NewShares builds the share commands.
func NewShares(uow UnitOfWork, clock Clock, tokens TokenGenerator, limits Limits) Shares {
	return Shares{uow: uow, clock: clock, tokens: tokens, limits: limits}
}

// tokenTries bounds the attempts at a fresh token; with 128 random bits a clash never happens,
// but a broken generator must not loop forever.
const tokenTries = 3

// NewLink is a link just made, with the name of what it shares (the file's or the category's),
// which the answer to the user shows.
type NewLink struct {
	Share   domain.Share
	Subject string
	Album   *domain.AlbumSummary // the album shared, for a link to an album
}

// Create makes a link to one of the owner's live files (fileID) or categories (categoryID), with
// no limits: a *domain.LinkLimitError when the owner already has Limits.MaxLinks active links.
func (h Shares) Create(ctx context.Context, owner, fileID, categoryID int64) (NewLink, error) {
	return h.CreateLimited(ctx, owner, fileID, categoryID, LinkOptions{})
}

// CreateLimited is Create of a link with the limits opt asks for: domain.ErrInvalidSettings
// beyond their bounds.
func (h Shares) CreateLimited(ctx context.Context, owner, fileID, categoryID int64, opt LinkOptions) (NewLink, error) {
	what := fmt.Sprintf("share file %d / category %d", fileID, categoryID)
	return h.create(ctx, owner, what, opt, func(ctx context.Context, r Repos, token string) (domain.Share, string, error) {
		var subject string
		if fileID != 0 {
			f, err := liveFile(ctx, r, owner, fileID)
			if err != nil {
				return domain.Share{}, "", err
			}
			subject = f.Name
		} else {
			c, err := ownedCategory(ctx, r, owner, categoryID)
			if err != nil {
				return domain.Share{}, "", err
			}
			subject = c.Name
		}
		s, err := domain.NewShare(owner, token, fileID, categoryID, h.clock.Now())
		return s, subject, err
	})
}

// CreateAlbumLink makes a link to one of the owner's albums as a unit, with the limits opt asks
// for: whoever opens it gets the album's live files, sent back together. An album with no live
// file (all in the trash) is domain.ErrNotFound; NewLink.Album is the album shared.
func (h Shares) CreateAlbumLink(ctx context.Context, owner, albumID int64, opt LinkOptions) (NewLink, error) {
	var album domain.AlbumSummary
	link, err := h.create(ctx, owner, fmt.Sprintf("share album %d", albumID), opt, func(ctx context.Context, r Repos, token string) (domain.Share, string, error) {
		d, err := openAlbum(ctx, r, owner, albumID)
		if err != nil {
			return domain.Share{}, "", err
		}
		if len(d.Files) == 0 {
			return domain.Share{}, "", fmt.Errorf("album %d is in the trash: %w", albumID, domain.ErrNotFound)
		}
		album = d.Live
		s, err := domain.NewAlbumShare(owner, token, albumID, h.clock.Now())
		return s, d.Live.Title(), err
	})
	if err == nil {
		link.Album = &album
	}
	return link, err
}

// create makes a link with opt's limits to what target checks (the owner's, live) and builds
// with a fresh token, within the owner's limit of links.
func (h Shares) create(ctx context.Context, owner int64, what string, opt LinkOptions,
	target func(ctx context.Context, r Repos, token string) (domain.Share, string, error)) (NewLink, error) {
	limits, err := domain.NewShareLimits(h.clock.Now(), opt.Expiry, opt.MaxViewers, opt.Protect)
	if err != nil {
		return NewLink{}, fmt.Errorf("%s: %w", what, err)
	}
	return inTx(ctx, h.uow, what, func(ctx context.Context, r Repos) (NewLink, error) {
		if err := h.roomForLink(ctx, r, owner); err != nil {
			return NewLink{}, err
		}
		for try := 1; ; try++ {
			token, err := h.tokens.NewToken()
			if err != nil {
				return NewLink{}, err
			}
			s, subject, err := target(ctx, r, token)
			if err != nil {
				return NewLink{}, err
			}
			s.Limits = limits
			link := NewLink{Subject: subject}
			link.Share, err = r.Shares.Create(ctx, s)
			if !errors.Is(err, domain.ErrDuplicate) || try == tokenTries {
				return link, err
			}
		}
	})
}

// Opened is what a share link gives: one file, a category's live files, or an album's.
type Opened struct {
	Share    domain.Share
	File     *domain.File
	Category *domain.Category
	// Album is a shared album's live files (none when they are all in the trash: the link gave
	// nothing, and counted no use).
	Album *domain.AlbumSummary
	Files []domain.File // a category's files, newest first, at most MaxSharedFiles; an album's, oldest first
}

// MaxSharedFiles bounds the files an opened category link lists.
const MaxSharedFiles = 50

// roomForLink refuses one more link of the owner's when MAX_LINKS of them are live: a
// *domain.LinkLimitError. An expired link takes no place: the owner need not revoke it first.
func (h Shares) roomForLink(ctx context.Context, r Repos, owner int64) error {
	if h.limits.MaxLinks <= 0 {
		return nil
	}
	n, err := r.Shares.CountLive(ctx, owner, h.clock.Now())
	if err != nil {
		return err
	}
	if n >= h.limits.MaxLinks {
		return &domain.LinkLimitError{Limit: h.limits.MaxLinks}
	}
	return nil
}

// Open redeems a link for viewer: domain.ErrInvalidToken for a malformed token, domain.ErrNotFound
// for an unknown one (or one whose file is gone), domain.ErrRevoked for a revoked one,
// domain.ErrLinkExpired past its expiry, domain.ErrLinkUsedUp for someone new to a link that
// admitted as many people as it may (its owner is never counted). Each opening counts as a use
// and grants viewer the share: the buttons under what it gives carry only ids, and SharedFile and
// SaveCopy serve them to the viewers holding a grant, nobody else.
func (h Shares) Open(ctx context.Context, viewer int64, token string) (Opened, error) {
	if !domain.ValidToken(token) {
		return Opened{}, fmt.Errorf("open share: %w", domain.ErrInvalidToken)
	}
	return inTx(ctx, h.uow, fmt.Sprintf("open share for user %d", viewer), func(ctx context.Context, r Repos) (Opened, error) {
		s, err := r.Shares.ByToken(ctx, token)
		if err != nil {
			return Opened{}, err
		}
		o, err := h.contents(ctx, r, s)
		if err != nil {
			return Opened{}, err
		}
		if o.Album != nil && len(o.Files) == 0 {
			return o, nil // nothing to give: no use counted, no place taken
		}
		if err := admit(ctx, r, s, viewer, h.clock.Now()); err != nil {
			return Opened{}, err
		}
		return o, r.Shares.CountUse(ctx, s.ID)
	})
}

// contents is what a usable share gives now.
func (h Shares) contents(ctx context.Context, r Repos, s domain.Share) (Opened, error) {
	if err := s.Usable(h.clock.Now()); err != nil {
		return Opened{}, fmt.Errorf("share %d: %w", s.ID, err)
	}
	o := Opened{Share: s}
	if s.FileID != 0 {
		f, err := r.Files.Get(ctx, s.OwnerID, s.FileID)
		if err != nil {
			return Opened{}, err
		}
		if f.Trashed() {
			return Opened{}, fmt.Errorf("shared file is in the trash: %w", domain.ErrRevoked)
		}
		o.File = &f
		return o, nil
	}
	if s.AlbumID != 0 {
		d, err := openAlbum(ctx, r, s.OwnerID, s.AlbumID)
		if err != nil {
			return Opened{}, err
		}
		o.Album, o.Files = &d.Live, d.Files
		return o, nil
	}
	c, err := r.Categories.Get(ctx, s.OwnerID, s.CategoryID)
	if err != nil {
		return Opened{}, err
	}
	o.Category = &c
	o.Files, err = r.Files.List(ctx, FileQuery{OwnerID: s.OwnerID, CategoryID: c.ID, Limit: MaxSharedFiles})
	return o, err
}

// Given is a file a share gives, and whether the share protects it (it is to be sent with
// protect_content).
type Given struct {
	File    domain.File
	Protect bool
}

// SharedFile returns a file a share gives (its own file, or one of its category's live files, as
// they are now: a shared category is live) to viewer, who must hold a grant for the share (they
// opened its link): domain.ErrForbidden otherwise (an unknown share included), domain.ErrNotFound
// when the file is not in the share, domain.ErrRevoked once the link is revoked,
// domain.ErrLinkExpired once it expired. Each file given counts as a use.
func (h Shares) SharedFile(ctx context.Context, viewer, shareID, fileID int64) (Given, error) {
	what := fmt.Sprintf("shared file %d of share %d for user %d", fileID, shareID, viewer)
	return inTx(ctx, h.uow, what, func(ctx context.Context, r Repos) (Given, error) {
		return sharedFile(ctx, r, viewer, shareID, fileID, h.clock.Now())
	})
}

func sharedFile(ctx context.Context, r Repos, viewer, shareID, fileID int64, now time.Time) (Given, error) {
	s, err := r.Shares.Granted(ctx, shareID, viewer)
	if errors.Is(err, domain.ErrNotFound) {
		err = fmt.Errorf("share %d was not opened by user %d: %w", shareID, viewer, domain.ErrForbidden)
	}
	if err != nil {
		return Given{}, err
	}
	if err := s.Usable(now); err != nil {
		return Given{}, fmt.Errorf("share %d: %w", s.ID, err)
	}
	f, err := r.Files.Get(ctx, s.OwnerID, fileID)
	if errors.Is(err, domain.ErrForbidden) {
		err = fmt.Errorf("file %d is not the sharer's: %w", fileID, domain.ErrNotFound)
	}
	if err != nil {
		return Given{}, err
	}
	inShare := f.ID == s.FileID || (s.CategoryID != 0 && f.CategoryID != nil && *f.CategoryID == s.CategoryID) ||
		(s.AlbumID != 0 && f.AlbumID != nil && *f.AlbumID == s.AlbumID)
	if !inShare || f.OwnerID != s.OwnerID || f.Trashed() {
		return Given{}, fmt.Errorf("file %d is not in share %d: %w", fileID, shareID, domain.ErrNotFound)
	}
	return Given{File: f, Protect: s.Limits.Protect}, r.Shares.CountUse(ctx, s.ID)
}

// SaveCopy keeps a shared file in viewer's own library: a copy of their own, within their quotas,
// that the owner's renames and deletes do not touch. The share is checked as by SharedFile; a
// protected one keeps its files out of other libraries: domain.ErrLinkProtected.
func (h Shares) SaveCopy(ctx context.Context, viewer, shareID, fileID int64) (SaveFileResult, error) {
	what := fmt.Sprintf("save a copy of file %d for user %d", fileID, viewer)
	return inTx(ctx, h.uow, what, func(ctx context.Context, r Repos) (SaveFileResult, error) {
		g, err := sharedFile(ctx, r, viewer, shareID, fileID, h.clock.Now())
		if err != nil {
			return SaveFileResult{}, err
		}
		if g.Protect {
			return SaveFileResult{}, fmt.Errorf("share %d protects its files: %w", shareID, domain.ErrLinkProtected)
		}
		f := g.File
		f.ID, f.OwnerID, f.CategoryID, f.DeletedAt, f.CreatedAt = 0, viewer, nil, nil, h.clock.Now()
		f.Copy = domain.StorageCopy{} // the copy in the storage chat is the owner's file's: the viewer's gets its own
		return keep(ctx, r, h.limits, f, nil, h.clock)
	})
}

// LinkList is a page of a user's active links, with how many they have in all, read at Now (the
// links expired by then say so).
type LinkList struct {
	Page  domain.Page[domain.ShareSummary]
	Total int
	Now   time.Time
}

// ListLinks reads a user's active share links.
type ListLinks struct {
	uow   UnitOfWork
	clock Clock
}

// NewListLinks builds the share query.
func NewListLinks(uow UnitOfWork, clock Clock) ListLinks { return ListLinks{uow: uow, clock: clock} }

// List returns the page of the owner's active links, newest first, that cursor points to, with
// pageSize links (clamped as for files). A cursor past the end gives the first page.
func (h ListLinks) List(ctx context.Context, owner int64, cursor domain.Cursor, pageSize int) (LinkList, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("list shares of user %d", owner), func(ctx context.Context, r Repos) (LinkList, error) {
		page, err := linkPage(ctx, r.Shares, owner, cursor, clampPageSize(pageSize))
		if err != nil {
			return LinkList{}, err
		}
		res := LinkList{Page: page, Now: h.clock.Now()}
		res.Total, err = r.Shares.CountActive(ctx, owner)
		return res, err
	})
}

func linkPage(ctx context.Context, shares ShareRepository, owner int64, cursor domain.Cursor, size int) (domain.Page[domain.ShareSummary], error) {
	q := ShareQuery{OwnerID: owner, Limit: size + 1}
	first := func() (domain.Page[domain.ShareSummary], error) {
		return linkPage(ctx, shares, owner, domain.Cursor{}, size)
	}
	if cursor.Backward && !cursor.IsFirst() {
		q.BeforeID = cursor.ID
		items, err := shares.ListActivePage(ctx, q)
		if err != nil || len(items) <= size {
			if err != nil {
				return domain.Page[domain.ShareSummary]{}, err
			}
			return first() // fewer than a page before the cursor: that is the first page, full
		}
		items = items[:size]
		slices.Reverse(items)
		return domain.Page[domain.ShareSummary]{Items: items, Prev: &domain.Cursor{ID: items[0].ID, Backward: true},
			Next: &domain.Cursor{ID: items[len(items)-1].ID}}, nil
	}
	q.AfterID = cursor.ID
	items, err := shares.ListActivePage(ctx, q)
	if err != nil {
		return domain.Page[domain.ShareSummary]{}, err
	}
	if len(items) == 0 && !cursor.IsFirst() {
		return first()
	}
	page := domain.Page[domain.ShareSummary]{}
	if len(items) > size {
		items = items[:size]
		page.Next = &domain.Cursor{ID: items[len(items)-1].ID}
	}
	if !cursor.IsFirst() && len(items) > 0 {
		page.Prev = &domain.Cursor{ID: items[0].ID, Backward: true}
	}
	page.Items = items
	return page, nil
}

// Revoke ends one of the owner's links and returns it revoked.
func (h Shares) Revoke(ctx context.Context, owner, shareID int64) (domain.Share, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("revoke share %d", shareID), func(ctx context.Context, r Repos) (domain.Share, error) {
		s, err := r.Shares.Get(ctx, owner, shareID)
		if err != nil {
			return domain.Share{}, err
		}
		if s.OwnerID != owner {
			return domain.Share{}, fmt.Errorf("share %d of user %d: %w", shareID, owner, domain.ErrForbidden)
		}
		if err := r.Shares.Revoke(ctx, owner, shareID, h.clock.Now()); err != nil {
			return domain.Share{}, err
		}
		return r.Shares.Get(ctx, owner, shareID) // as stored: revoked, at its first revocation
	})
}
