// Package migrations readies the database's schema: ours (db/migrations, embedded, applied with
// golang-migrate) and the job queue's (River's, which River ships as code), applied together so
// that one `migrate up` (or the start) readies the whole schema.
package migrations

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	// The pgx5:// database driver of golang-migrate.
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/filekeeper/filekeeper/db"
)

// Up applies every pending migration to the database at dbURL, ours and then the job queue's
// (River's); none pending is no error.
func Up(dbURL string) error {
	err := withMigrate(dbURL, "migrate up", func(m *migrate.Migrate) error {
		if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), jobSchemaTimeout)
	defer cancel()
	if err := migrateJobs(ctx, dbURL, rivermigrate.DirectionUp); err != nil {
		return fmt.Errorf("migrate up: %w", err)
	}
	return nil
}

// Down rolls back every migration of the database at dbURL, the job queue's first, emptying its
// schema.
func Down(dbURL string) error {
	ctx, cancel := context.WithTimeout(context.Background(), jobSchemaTimeout)
	defer cancel()
	if err := migrateJobs(ctx, dbURL, rivermigrate.DirectionDown); err != nil {
		return fmt.Errorf("migrate down: %w", err)
	}
	return withMigrate(dbURL, "migrate down", func(m *migrate.Migrate) error {
		if err := m.Down(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
			return err
		}
		return nil
	})
}

// Version tells the schema version of the database at dbURL and whether a migration failed
// half-way (dirty). Version 0 means no migration is applied.
func Version(dbURL string) (version uint, dirty bool, err error) {
	err = withMigrate(dbURL, "migration version", func(m *migrate.Migrate) error {
		version, dirty, err = m.Version()
		if errors.Is(err, migrate.ErrNilVersion) {
			return nil
		}
		return err
	})
	return version, dirty, err
}

func withMigrate(dbURL, what string, fn func(m *migrate.Migrate) error) (err error) {
	src, err := iofs.New(db.Migrations, "migrations")
	if err != nil {
		return fmt.Errorf("%s: read embedded migrations: %w", what, err)
	}
	migrateURL, err := pgx5URL(dbURL)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	m, err := migrate.NewWithSourceInstance("iofs", src, migrateURL)
	if err != nil {
		return fmt.Errorf("%s: open database: %w", what, err)
	}
	defer func() {
		srcErr, dbErr := m.Close()
		if err == nil {
			err = errors.Join(srcErr, dbErr)
		}
	}()
	if err := fn(m); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// pgx5URL gives a postgres:// or postgresql:// URL the pgx5:// scheme golang-migrate's pgx/v5
// driver is registered under.
func pgx5URL(dbURL string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		// The parse error quotes the URL, password included: leave it out.
		return "", errors.New("invalid database URL")
	}
	switch u.Scheme {
	case "postgres", "postgresql", "pgx5":
		u.Scheme = "pgx5"
		return u.String(), nil
	default:
		return "", fmt.Errorf("database URL scheme %q is not postgres://", u.Scheme)
	}
}

// Latest is the version of the newest migration embedded in the binary.
func Latest() uint {
	names, _ := fs.Glob(db.Migrations, "migrations/*.up.sql") // the pattern is valid: no error
	var latest uint
	for _, name := range names {
		digits, _, _ := strings.Cut(path.Base(name), "_")
		if v, err := strconv.ParseUint(digits, 10, 64); err == nil {
			latest = max(latest, uint(v))
		}
	}
	return latest
}
