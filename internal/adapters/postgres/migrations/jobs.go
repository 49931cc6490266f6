package migrations

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
)

// The job engine (internal/adapters/jobs) keeps its jobs in River's tables, whose migrations
// River ships as code.

// jobSchemaTimeout bounds a migration of River's schema (a few DDL statements).
const jobSchemaTimeout = 5 * time.Minute

// migrateJobs applies River's pending migrations (up) or removes River's schema (down), holding a
// lock so that instances starting at once do not race.
func migrateJobs(ctx context.Context, dbURL string, direction rivermigrate.Direction) error {
	return withJobSchema(ctx, dbURL, func(m *rivermigrate.Migrator[pgx.Tx]) error {
		opts := &rivermigrate.MigrateOpts{}
		if direction == rivermigrate.DirectionDown {
			opts.TargetVersion = -1 // every migration, not only the last
		}
		_, err := m.Migrate(ctx, direction, opts)
		return err
	})
}

// JobSchemaVersion tells the version of River's schema in the database at dbURL; 0 when absent.
func JobSchemaVersion(ctx context.Context, dbURL string) (int, error) {
	version := 0
	err := withJobSchema(ctx, dbURL, func(m *rivermigrate.Migrator[pgx.Tx]) error {
		applied, err := m.ExistingVersions(ctx)
		if len(applied) > 0 {
			version = applied[len(applied)-1].Version
		}
		return err
	})
	return version, err
}

// withJobSchema runs fn with River's migrator over a pool of the database at dbURL, while one of
// its connections holds the job schema's lock.
func withJobSchema(ctx context.Context, dbURL string, fn func(m *rivermigrate.Migrator[pgx.Tx]) error) (err error) {
	pool, err := openPool(ctx, dbURL)
	if err != nil {
		return fmt.Errorf("job queue schema: %w", err)
	}
	defer pool.Close()
	migrator, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("job queue schema: %w", err)
	}
	unlock, err := lockJobSchema(ctx, pool)
	if err != nil {
		return fmt.Errorf("job queue schema: lock: %w", err)
	}
	defer func() { err = errors.Join(err, unlock()) }()
	if err := fn(migrator); err != nil {
		return fmt.Errorf("job queue schema: %w", err)
	}
	return nil
}

// lockJobSchema takes the job schema's lock on a connection of pool, kept until unlock.
func lockJobSchema(ctx context.Context, pool *pgxpool.Pool) (unlock func() error, err error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	q := sqlcgen.New(conn)
	if err := q.LockJobSchema(ctx); err != nil {
		conn.Release()
		return nil, err
	}
	return func() error {
		defer conn.Release()
		if err := q.UnlockJobSchema(context.WithoutCancel(ctx)); err != nil {
			return fmt.Errorf("job queue schema: unlock: %w", err)
		}
		return nil
	}, nil
}

// openPool opens a pool of at least two connections (the lock's and the migrator's) to the
// database at dbURL and checks it answers.
func openPool(ctx context.Context, dbURL string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		// The parse error may quote the URL and its password: say only what is wrong.
		return nil, errors.New("invalid database URL")
	}
	cfg.MaxConns = max(cfg.MaxConns, 2)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	return pool, nil
}
