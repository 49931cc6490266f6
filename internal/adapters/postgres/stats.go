package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// StatsRepository implements app.StatsRepository over PostgreSQL.
type StatsRepository struct {
	q *sqlcgen.Queries
}

// CountUsers counts every user, those last seen at or after day and week, and those who
// blocked the bot, in one scan of users.
func (r StatsRepository) CountUsers(ctx context.Context, day, week time.Time) (app.UserCounts, error) {
	row, err := r.q.CountUsers(ctx, sqlcgen.CountUsersParams{Day: day, Week: week})
	if err != nil {
		return app.UserCounts{}, fmt.Errorf("count users: %w", interpretError(err))
	}
	return app.UserCounts{Total: int(row.Total), ActiveDay: int(row.ActiveDay), ActiveWeek: int(row.ActiveWeek), Blocked: int(row.Blocked)}, nil
}

// Usage tells how many files and bytes all users keep, the trash included, and per kind how
// many live ones. One query gives a row per kind and state; they are added up here.
func (r StatsRepository) Usage(ctx context.Context) (domain.Usage, error) {
	rows, err := r.q.TotalUsage(ctx)
	if err != nil {
		return domain.Usage{}, fmt.Errorf("usage of every user: %w", interpretError(err))
	}
	u := domain.Usage{ByKind: make(map[domain.Kind]domain.KindUsage, len(rows))}
	for _, row := range rows {
		u.Add(domain.Kind(row.Kind), int(row.Files), row.Bytes, row.Live)
	}
	return u, nil
}
