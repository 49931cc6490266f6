package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Connect opens a connection pool to the database at url and checks it answers.
func Connect(ctx context.Context, url string) (*pgxpool.Pool, error) {
	return connect(ctx, url, 0)
}

// connect is Connect with a pool of at least minSize connections.
func connect(ctx context.Context, url string, minSize int32) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error may quote the URL and its password: say only what is wrong.
		return nil, errors.New("connect to postgres: invalid database URL")
	}
	cfg.MaxConns = max(cfg.MaxConns, minSize)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to postgres at %s: %w", hostOf(cfg), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to postgres at %s: %w", hostOf(cfg), err)
	}
	return pool, nil
}

func hostOf(cfg *pgxpool.Config) string {
	return fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
}

// uniqueViolation is the SQLSTATE of a unique constraint violation.
const uniqueViolation = "23505"

// interpretError turns a pgx error into a domain error where one applies: no rows is
// domain.ErrNotFound, a unique violation domain.ErrDuplicate; anything else is wrapped.
func interpretError(err error) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pgx.ErrNoRows):
		return domain.ErrNotFound
	case errors.As(err, &pgErr) && pgErr.Code == uniqueViolation:
		return fmt.Errorf("%w: %s", domain.ErrDuplicate, pgErr.ConstraintName)
	default:
		return fmt.Errorf("postgres: %w", err)
	}
}
