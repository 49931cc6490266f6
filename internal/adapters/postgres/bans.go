package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/foresight"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// BanRepository implements app.BanRepository over PostgreSQL.
type BanRepository struct {
	q *sqlcgen.Queries
	s *session
}

// Add stores b unless that user is banned already.
func (r BanRepository) Add(ctx context.Context, b domain.Ban) (bool, error) {
	r.s.userChanged(b.TelegramID)
	n, err := r.q.AddBan(ctx, sqlcgen.AddBanParams{TelegramID: b.TelegramID, BannedBy: b.BannedBy, BannedAt: b.BannedAt, ToldAt: b.ToldAt})
	if err != nil {
		return false, fmt.Errorf("ban user %d: %w", b.TelegramID, interpretError(err))
	}
	return n == 1, nil
}

// Get returns the ban of the user with that Telegram id, or domain.ErrNotFound.
func (r BanRepository) Get(ctx context.Context, telegramID int64) (domain.Ban, error) {
	res := r.q.GetBan(ctx, []int64{telegramID})
	read := func() (*domain.Ban, error) {
		var row sqlcgen.Ban
		var err error
		res.QueryRow(func(_ int, b sqlcgen.Ban, e error) { row, err = b, e })
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return nil, nil
		case err != nil:
			return nil, err
		}
		b := toDomainBan(row)
		return &b, nil
	}
	learn := func(b *domain.Ban) {
		r.s.learn(telegramID, func(s *foresight.Sighting) { s.BanKnown, s.Ban = true, b })
	}
	if seen, ok := r.s.foresee(telegramID); ok && seen.BanKnown {
		learn(seen.Ban) // in the order of the calls: the check runs later, when sent
		r.s.p.WhenSentCheck(func() error {
			b, err := read()
			if err == nil && !foresight.Same(b, seen.Ban) {
				return r.s.wrongGuess()
			}
			return err
		})
		return banOrNotFound(telegramID, seen.Ban)
	}
	b, err := read()
	if err != nil {
		return domain.Ban{}, fmt.Errorf("ban of user %d: %w", telegramID, interpretError(err))
	}
	learn(b)
	return banOrNotFound(telegramID, b)
}

func banOrNotFound(telegramID int64, b *domain.Ban) (domain.Ban, error) {
	if b == nil {
		return domain.Ban{}, fmt.Errorf("ban of user %d: %w", telegramID, domain.ErrNotFound)
	}
	return *b, nil
}

// Remove lifts the ban of the user with that Telegram id, or returns domain.ErrNotFound.
func (r BanRepository) Remove(ctx context.Context, telegramID int64) error {
	r.s.userChanged(telegramID)
	n, err := r.q.RemoveBan(ctx, telegramID)
	switch {
	case err != nil:
		return fmt.Errorf("unban user %d: %w", telegramID, interpretError(err))
	case n == 0:
		return fmt.Errorf("unban user %d: %w", telegramID, domain.ErrNotFound)
	}
	return nil
}

// MarkTold records that the banned user was told at at, unless they were told before.
func (r BanRepository) MarkTold(ctx context.Context, telegramID int64, at time.Time) (bool, error) {
	r.s.userChanged(telegramID)
	n, err := r.q.MarkBanTold(ctx, sqlcgen.MarkBanToldParams{TelegramID: telegramID, ToldAt: &at})
	if err != nil {
		return false, fmt.Errorf("mark banned user %d told: %w", telegramID, interpretError(err))
	}
	return n == 1, nil
}

// Count counts the bans.
func (r BanRepository) Count(ctx context.Context) (int, error) {
	n, err := r.q.CountBans(ctx)
	if err != nil {
		return 0, fmt.Errorf("count bans: %w", interpretError(err))
	}
	return int(n), nil
}

// ListAfter returns at most limit bans of Telegram ids above afterTelegramID, in that order.
func (r BanRepository) ListAfter(ctx context.Context, afterTelegramID int64, limit int) ([]domain.Ban, error) {
	rows, err := r.q.ListBansAfter(ctx, sqlcgen.ListBansAfterParams{AfterTelegramID: afterTelegramID, Lim: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list bans after %d: %w", afterTelegramID, interpretError(err))
	}
	out := make([]domain.Ban, len(rows))
	for i, row := range rows {
		out[i] = toDomainBan(row)
	}
	return out, nil
}

func toDomainBan(row sqlcgen.Ban) domain.Ban {
	return domain.Ban{TelegramID: row.TelegramID, BannedBy: row.BannedBy, BannedAt: row.BannedAt, ToldAt: row.ToldAt}
}

// DeleteAll deletes for good every file of the owner, live or trashed, and returns how many. (A
// FileRepository method: it lives here, beside the bans it serves.)
func (r FileRepository) DeleteAll(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.DeleteFilesOfOwner(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("delete every file of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}
