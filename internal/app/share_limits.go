package app

import (
	"context"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// LinkOptions are the limits asked for a new link: it expires after Expiry (0: never), admits
// MaxViewers people (0: anyone) and, with Protect, gives its files protected (they cannot be
// forwarded or saved from Telegram, nor copied into another library).
type LinkOptions struct {
	Expiry     time.Duration
	MaxViewers int
	Protect    bool
}

// LimitChange changes some limits of a link: each field set replaces that limit, the others
// stay. Expiry counts from the change (0: never).
type LimitChange struct {
	Expiry     *time.Duration
	MaxViewers *int
	Protect    *bool
}

// ChangeLimits changes the limits of one of the owner's active links and returns it changed:
// domain.ErrNotFound / domain.ErrForbidden for a link that is not theirs, domain.ErrRevoked for a
// revoked one, domain.ErrInvalidSettings beyond the bounds. A link that was used up or expired
// works again once its new limits allow it.
func (h Shares) ChangeLimits(ctx context.Context, owner, shareID int64, ch LimitChange) (domain.Share, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("change limits of share %d", shareID), func(ctx context.Context, r Repos) (domain.Share, error) {
		s, err := r.Shares.Get(ctx, owner, shareID)
		if err != nil {
			return domain.Share{}, err
		}
		if !s.Active() {
			return domain.Share{}, fmt.Errorf("share %d: %w", shareID, domain.ErrRevoked)
		}
		now := h.clock.Now()
		l, err := changed(s.Limits, ch, now)
		if err != nil {
			return domain.Share{}, err
		}
		if renewed := (domain.Share{Limits: l}); s.Expired(now) && !renewed.Expired(now) {
			// An expired link took no place under MAX_LINKS: renewed, it takes one again.
			if err := h.roomForLink(ctx, r, owner); err != nil {
				return domain.Share{}, err
			}
		}
		if err := r.Shares.SetLimits(ctx, owner, shareID, l); err != nil {
			return domain.Share{}, err
		}
		return r.Shares.Get(ctx, owner, shareID)
	})
}

// changed is l with ch applied at now.
func changed(l domain.ShareLimits, ch LimitChange, now time.Time) (domain.ShareLimits, error) {
	var expiry time.Duration
	if ch.Expiry != nil {
		expiry = *ch.Expiry
	}
	viewers, protect := l.MaxViewers, l.Protect
	if ch.MaxViewers != nil {
		viewers = *ch.MaxViewers
	}
	if ch.Protect != nil {
		protect = *ch.Protect
	}
	out, err := domain.NewShareLimits(now, expiry, viewers, protect)
	if err == nil && ch.Expiry == nil {
		out.ExpiresAt = l.ExpiresAt // not moved by the change of another limit
	}
	return out, err
}

// admit lets viewer in to s at now: its owner always, anyone else if they were admitted before or
// a place is left (domain.ErrLinkUsedUp otherwise).
func admit(ctx context.Context, r Repos, s domain.Share, viewer int64, now time.Time) error {
	if viewer == s.OwnerID {
		return r.Shares.Grant(ctx, s.ID, viewer, now)
	}
	ok, err := r.Shares.Admit(ctx, s.ID, viewer, now)
	if err == nil && !ok {
		err = fmt.Errorf("share %d admitted %d people: %w", s.ID, s.Viewers, domain.ErrLinkUsedUp)
	}
	return err
}

// LinkDetails is one of a user's links, with the name of what it shares, read at Now.
type LinkDetails struct {
	Link domain.ShareSummary
	Now  time.Time
}

// Link returns one of the owner's active links: domain.ErrNotFound / domain.ErrForbidden for a
// link that is not theirs, domain.ErrRevoked for a revoked one.
func (h ListLinks) Link(ctx context.Context, owner, shareID int64) (LinkDetails, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("link %d of user %d", shareID, owner), func(ctx context.Context, r Repos) (LinkDetails, error) {
		s, err := r.Shares.Get(ctx, owner, shareID)
		if err != nil {
			return LinkDetails{}, err
		}
		if !s.Active() {
			return LinkDetails{}, fmt.Errorf("share %d: %w", shareID, domain.ErrRevoked)
		}
		d := LinkDetails{Link: domain.ShareSummary{Share: s}, Now: h.clock.Now()}
		if s.FileID != 0 {
			f, err := r.Files.Get(ctx, owner, s.FileID)
			d.Link.Name = f.Name
			return d, err
		}
		c, err := r.Categories.Get(ctx, owner, s.CategoryID)
		d.Link.Name = c.Name
		return d, err
	})
}
