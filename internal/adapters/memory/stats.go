package memory

import (
	"context"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// StatsRepository implements app.StatsRepository in memory.
type StatsRepository struct{ store *Store }

// NewStatsRepository returns the statistics of s.
func NewStatsRepository(s *Store) StatsRepository { return StatsRepository{store: s} }

// CountUsers counts every user, those last seen at or after day and week, and those who
// blocked the bot.
func (r StatsRepository) CountUsers(ctx context.Context, day, week time.Time) (app.UserCounts, error) {
	s := r.store
	defer s.lock(ctx)()
	var c app.UserCounts
	for _, u := range s.data.users {
		c.Total++
		if !u.LastSeenAt.Before(day) {
			c.ActiveDay++
		}
		if !u.LastSeenAt.Before(week) {
			c.ActiveWeek++
		}
		if u.BlockedBot {
			c.Blocked++
		}
	}
	return c, nil
}

// Usage counts every user's files: all of them for the totals, live ones per kind.
func (r StatsRepository) Usage(ctx context.Context) (domain.Usage, error) {
	s := r.store
	defer s.lock(ctx)()
	u := domain.Usage{ByKind: map[domain.Kind]domain.KindUsage{}}
	for _, f := range s.data.files {
		u.Files++
		u.Bytes += f.Size
		if !f.Trashed() {
			k := u.ByKind[f.Kind]
			k.Files++
			k.Bytes += f.Size
			u.ByKind[f.Kind] = k
		}
	}
	return u, nil
}
