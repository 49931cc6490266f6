package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Access decides who the bot answers. Admit runs first for every update, in memory (nothing read
// or written): the rate limit, then the allowlist. Screen runs inside an admitted update's unit
// of work, before the sender is registered: a banned user is told once, and nothing else. Admins
// (never limited by the allowlist, never banned) ban and unban.
type Access struct {
	uow     UnitOfWork
	clock   Clock
	policy  domain.AccessPolicy
	limiter *rateLimiter
}

// NewAccess builds the Access use case over limits' policy and rate limit; limited (nil: this
// instance's memory) remembers the rate-limited users for /stats.
func NewAccess(uow UnitOfWork, clock Clock, limits Limits, limited LimitedUsers) Access {
	return Access{uow: uow, clock: clock, policy: limits.accessPolicy(), limiter: newRateLimiter(limits.RateLimit, limited)}
}

// Admission is what Admit lets an update do.
type Admission int

// The admissions.
const (
	Admitted  Admission = iota // handled as usual
	Refused                    // a stranger to a private bot: one polite sentence, nothing kept
	Throttled                  // over the rate limit: dropped without a trace
)

// Verdict is Admit's decision on one update.
type Verdict struct {
	Admission Admission
	// Warn, on a Throttled update, means it is the first of a flood: tell the sender to slow down.
	Warn bool
}

// Admit decides on the update updateID of the user with Telegram id telegramID (0: nobody, as a
// channel post): every update counts against its sender's rate limit (the same update handled
// again counts once), a stranger to an allowlist is refused. It touches no storage.
func (a Access) Admit(telegramID, updateID int64) Verdict {
	ok, warn := a.limiter.admit(telegramID, updateID, a.clock.Now())
	switch {
	case !ok:
		return Verdict{Admission: Throttled, Warn: warn && a.policy.Allows(telegramID)}
	case telegramID != 0 && !a.policy.Allows(telegramID):
		return Verdict{Admission: Refused}
	}
	return Verdict{Admission: Admitted}
}

// Screening is what Screen found of an update's sender.
type Screening struct {
	Banned bool
	// Tell means this is the first update of the banned user they can be told in: tell them once.
	Tell bool
}

// Screen tells whether the user with that Telegram id is banned; it joins the update's unit of
// work (one read of a small table for everyone). In a private chat (canTell) the first update
// after the ban is told so, and recorded as told, in the same unit of work.
func (a Access) Screen(ctx context.Context, telegramID int64, canTell bool) (Screening, error) {
	if telegramID == 0 || a.policy.IsAdmin(telegramID) {
		return Screening{}, nil
	}
	return inTx(ctx, a.uow, fmt.Sprintf("screen user %d", telegramID), func(ctx context.Context, r Repos) (Screening, error) {
		b, err := r.Bans.Get(ctx, telegramID)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			return Screening{}, nil
		case err != nil:
			return Screening{}, err
		case !canTell || b.ToldAt != nil:
			return Screening{Banned: true}, nil
		}
		first, err := r.Bans.MarkTold(ctx, telegramID, a.clock.Now())
		return Screening{Banned: true, Tell: first}, err
	})
}

// IsAdmin reports whether u is an admin of the bot.
func (a Access) IsAdmin(u domain.User) bool { return a.policy.IsAdmin(u.TelegramID) }

// BanView is a ban as an admin sees it.
type BanView struct {
	TelegramID int64
	User       *domain.User // the banned user as the bot knows them; nil if it never met them
	Files      int          // the files they keep, the trash included
	// Already, after Ban, means they were banned before: nothing changed.
	Already bool
}

// Ban bans the user with Telegram id target for admin; their files stay. domain.ErrForbidden
// unless admin is one, domain.ErrAdminBan for an admin.
func (a Access) Ban(ctx context.Context, admin domain.User, target int64) (BanView, error) {
	what := fmt.Sprintf("ban user %d", target)
	if err := a.mayBan(admin, target); err != nil {
		return BanView{}, fmt.Errorf("%s: %w", what, err)
	}
	b, err := domain.NewBan(target, admin.TelegramID, a.clock.Now())
	if err != nil {
		return BanView{}, err
	}
	return inTx(ctx, a.uow, what, func(ctx context.Context, r Repos) (BanView, error) {
		created, err := r.Bans.Add(ctx, b)
		if err != nil {
			return BanView{}, err
		}
		v, err := bannedUser(ctx, r, target)
		v.Already = !created
		return v, err
	})
}

// Banned shows the ban of the user with Telegram id target; domain.ErrNotFound if there is none.
func (a Access) Banned(ctx context.Context, admin domain.User, target int64) (BanView, error) {
	what := fmt.Sprintf("show the ban of user %d", target)
	if !a.IsAdmin(admin) {
		return BanView{}, fmt.Errorf("%s: %w", what, domain.ErrForbidden)
	}
	return inTx(ctx, a.uow, what, func(ctx context.Context, r Repos) (BanView, error) {
		if _, err := r.Bans.Get(ctx, target); err != nil {
			return BanView{}, err
		}
		return bannedUser(ctx, r, target)
	})
}

// Unban lifts the ban of the user with Telegram id target and tells who they are; domain.ErrNotFound
// if there is no such ban.
func (a Access) Unban(ctx context.Context, admin domain.User, target int64) (BanView, error) {
	what := fmt.Sprintf("unban user %d", target)
	if !a.IsAdmin(admin) {
		return BanView{}, fmt.Errorf("%s: %w", what, domain.ErrForbidden)
	}
	return inTx(ctx, a.uow, what, func(ctx context.Context, r Repos) (BanView, error) {
		if err := r.Bans.Remove(ctx, target); err != nil {
			return BanView{}, err
		}
		return bannedUser(ctx, r, target)
	})
}

// DeleteFiles deletes for good every file (the trash included) of the banned user with Telegram
// id target and returns how many; domain.ErrNotFound unless they are banned.
func (a Access) DeleteFiles(ctx context.Context, admin domain.User, target int64) (int, error) {
	what := fmt.Sprintf("delete the files of banned user %d", target)
	if !a.IsAdmin(admin) {
		return 0, fmt.Errorf("%s: %w", what, domain.ErrForbidden)
	}
	return inTx(ctx, a.uow, what, func(ctx context.Context, r Repos) (int, error) {
		if _, err := r.Bans.Get(ctx, target); err != nil {
			return 0, err
		}
		u, err := r.Users.ByTelegramID(ctx, target)
		if errors.Is(err, domain.ErrNotFound) {
			return 0, nil
		} else if err != nil {
			return 0, err
		}
		return r.Files.DeleteAll(ctx, u.ID)
	})
}

func (a Access) mayBan(admin domain.User, target int64) error {
	switch {
	case !a.IsAdmin(admin):
		return domain.ErrForbidden
	case a.policy.IsAdmin(target):
		return domain.ErrAdminBan
	}
	return nil
}

// bannedUser is the ban of target as an admin sees it: who they are, what they keep.
func bannedUser(ctx context.Context, r Repos, target int64) (BanView, error) {
	v := BanView{TelegramID: target}
	u, err := r.Users.ByTelegramID(ctx, target)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return v, nil
	case err != nil:
		return BanView{}, err
	}
	v.User = &u
	usage, err := r.Files.Usage(ctx, u.ID)
	v.Files = usage.Files
	return v, err
}

// limitedUsers counts the users the rate limit dropped an update of in the last hour.
func (a Access) limitedUsers(ctx context.Context) int {
	return a.limiter.limitedUsers(ctx, a.clock.Now())
}
