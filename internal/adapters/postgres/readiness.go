package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/migrations"
)

// Readiness tells whether the database can serve the application: it answers, and its schema
// is at the newest migration this binary embeds, applied cleanly.
type Readiness struct {
	db   *Database
	want uint
}

// NewReadiness checks db against the migrations embedded in the binary.
func NewReadiness(d *Database) *Readiness {
	return &Readiness{db: d, want: migrations.Latest()}
}

var errSchema = errors.New("database schema not ready")

// undefinedTable is the SQLSTATE of a missing table: no migration ever ran.
const undefinedTable = "42P01"

// Ready returns nil when the database is ready, or what is wrong.
func (r *Readiness) Ready(ctx context.Context) error {
	pool := r.db.Pool()
	if pool == nil {
		return fmt.Errorf("postgres: %w", errNotStarted)
	}
	var version int64
	var dirty bool
	var pgErr *pgconn.PgError
	// golang-migrate's table: one row, the version last applied and whether it failed half-way.
	err := pool.QueryRow(ctx, "SELECT version, dirty FROM schema_migrations LIMIT 1").Scan(&version, &dirty)
	switch {
	case errors.Is(err, pgx.ErrNoRows), errors.As(err, &pgErr) && pgErr.Code == undefinedTable:
		return fmt.Errorf("%w: no migration applied, this binary needs version %d (run filekeeper migrate up)", errSchema, r.want)
	case err != nil:
		return fmt.Errorf("postgres: %w", err)
	case dirty:
		return fmt.Errorf("%w: version %d is dirty (a migration failed half-way)", errSchema, version)
	case uint(version) != r.want:
		return fmt.Errorf("%w: version %d, this binary needs %d (run filekeeper migrate up)", errSchema, version, r.want)
	}
	return nil
}
