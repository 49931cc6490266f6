package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// UpdateLog implements app.UpdateLog over PostgreSQL.
type UpdateLog struct {
	q *sqlcgen.Queries
	s *session
}

// Claim records updateID (of bot 0) and reports whether this is its first claim.
func (l UpdateLog) Claim(ctx context.Context, updateID int64) (bool, error) {
	return l.ClaimFor(ctx, 0, updateID)
}

// ClaimFor records the bot's updateID and reports whether this is its first claim; a second
// claim is no error and leaves the transaction usable.
func (l UpdateLog) ClaimFor(ctx context.Context, botID, updateID int64) (bool, error) {
	guess := l.s.startGuessing()
	res := l.q.ClaimUpdate(ctx, []sqlcgen.ClaimUpdateParams{{BotID: botID, UpdateID: updateID}})
	read := func() (bool, error) {
		var err error
		res.QueryRow(func(_ int, _ int64, e error) { err = e })
		if errors.Is(err, pgx.ErrNoRows) {
			return false, nil
		}
		return err == nil, err
	}
	if guess {
		// Guessed first: an update is seldom delivered twice.
		l.s.p.WhenSentCheck(func() error {
			first, err := read()
			if err == nil && !first {
				return l.s.wrongGuess()
			}
			return err
		})
		return true, nil
	}
	first, err := read()
	if err != nil {
		return false, fmt.Errorf("claim update %d: %w", updateID, interpretError(err))
	}
	return first, nil
}

// Prune forgets at most limit claims made before cutoff, oldest first.
func (l UpdateLog) Prune(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	n, err := l.q.PruneProcessedUpdates(ctx, sqlcgen.PruneProcessedUpdatesParams{Cutoff: cutoff, Lim: count32(limit)})
	if err != nil {
		return 0, fmt.Errorf("prune handled updates: %w", interpretError(err))
	}
	return int(n), nil
}

// Park records p; parking an update again adds to its attempts and replaces its error.
func (l UpdateLog) Park(ctx context.Context, p app.ParkedUpdate) error {
	err := l.q.ParkUpdate(ctx, sqlcgen.ParkUpdateParams{BotID: p.BotID, UpdateID: p.UpdateID, Payload: p.Payload,
		Error: storableText(p.Error), Attempts: count32(p.Attempts)})
	if err != nil {
		return fmt.Errorf("park update %d: %w", p.UpdateID, interpretError(err))
	}
	return nil
}

// Parked lists at most limit of the bot's parked updates after afterID, in id order.
func (l UpdateLog) Parked(ctx context.Context, botID, afterID int64, limit int) ([]app.ParkedUpdate, error) {
	rows, err := l.q.ListParkedUpdates(ctx, sqlcgen.ListParkedUpdatesParams{BotID: botID, AfterID: afterID, Lim: count32(limit)})
	if err != nil {
		return nil, fmt.Errorf("list parked updates: %w", interpretError(err))
	}
	list := make([]app.ParkedUpdate, len(rows))
	for i, r := range rows {
		list[i] = app.ParkedUpdate{BotID: r.BotID, UpdateID: r.UpdateID, Payload: r.Payload, Error: r.Error, Attempts: int(r.Attempts), ParkedAt: r.ParkedAt}
	}
	return list, nil
}

// Unpark removes a parked update, or returns domain.ErrNotFound.
func (l UpdateLog) Unpark(ctx context.Context, botID, updateID int64) error {
	n, err := l.q.DeleteParkedUpdate(ctx, sqlcgen.DeleteParkedUpdateParams{BotID: botID, UpdateID: updateID})
	switch {
	case err != nil:
		return fmt.Errorf("unpark update %d: %w", updateID, interpretError(err))
	case n == 0:
		return fmt.Errorf("parked update %d: %w", updateID, domain.ErrNotFound)
	}
	return nil
}

// CountParked counts the parked updates of every bot.
func (l UpdateLog) CountParked(ctx context.Context) (int, error) {
	n, err := l.q.CountParkedUpdates(ctx)
	if err != nil {
		return 0, fmt.Errorf("count parked updates: %w", interpretError(err))
	}
	return int(n), nil
}

// count32 is a count or limit as an int4 parameter.
func count32(n int) int32 { return int32(min(max(n, 0), 1<<31-1)) }

// storableText is s as a text column takes it: valid UTF-8 without NUL bytes (an error's text
// may quote the very input the database refused).
func storableText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}
