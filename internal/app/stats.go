package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Stats tells the bot's admins how many people use it and what it keeps.
type Stats struct {
	uow    UnitOfWork
	clock  Clock
	admins []int64
	access Access
	botID  int64
}

// NewStats builds the Stats use case; limits.Admins may see the numbers, access counts the users
// it rate-limited.
func NewStats(uow UnitOfWork, clock Clock, limits Limits, access Access) Stats {
	return Stats{uow: uow, clock: clock, admins: slices.Clone(limits.Admins), access: access, botID: limits.BotID}
}

// StatsView is what /stats shows of the whole bot.
type StatsView struct {
	Users UserCounts
	// Usage is every user's files together: the totals count the trash, ByKind live files only.
	Usage domain.Usage
	At    time.Time
	// ParkedUpdates are the updates that could not be handled, waiting for `filekeeper updates replay`.
	ParkedUpdates int
	// Banned counts the banned users; RateLimited the users whose updates were dropped (over the
	// rate limit) in the last hour, by any instance when they share a LimitedUsers.
	Banned      int
	RateLimited int
	// Storage counts every file with a copy in the storage chat, and those the bot cannot send.
	Storage domain.StorageCounts
}

// IsAdmin reports whether the user may see the statistics.
func (h Stats) IsAdmin(u domain.User) bool { return slices.Contains(h.admins, u.TelegramID) }

// Show gathers the numbers for requester; domain.ErrForbidden unless they are an admin.
func (h Stats) Show(ctx context.Context, requester domain.User) (StatsView, error) {
	if !h.IsAdmin(requester) {
		return StatsView{}, fmt.Errorf("stats for user %d: %w", requester.TelegramID, domain.ErrForbidden)
	}
	return inTx(ctx, h.uow, "stats", func(ctx context.Context, r Repos) (StatsView, error) {
		v := StatsView{At: h.clock.Now()}
		var err error
		if v.Users, err = r.Stats.CountUsers(ctx, v.At.Add(-24*time.Hour), v.At.Add(-7*24*time.Hour)); err != nil {
			return StatsView{}, err
		}
		if v.Usage, err = r.Stats.Usage(ctx); err != nil {
			return StatsView{}, err
		}
		if v.Storage, err = r.Storage.Count(ctx, 0, h.botID); err != nil {
			return StatsView{}, err
		}
		if v.ParkedUpdates, err = r.Updates.CountParked(ctx); err != nil {
			return StatsView{}, err
		}
		v.RateLimited = h.access.limitedUsers(ctx)
		v.Banned, err = r.Bans.Count(ctx)
		return v, err
	})
}
