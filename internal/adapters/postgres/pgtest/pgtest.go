// Package pgtest gives tests a fresh PostgreSQL database of their own.
//
//	url := pgtest.NewDatabase(t) // migrated, dropped when the test ends
//
// The server comes from TEST_DATABASE_URL, by default the local one
// (postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable). A test fails, never skips,
// when the server cannot be reached.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/filekeeper/filekeeper/db"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/migrations"
)

// DefaultURL is the server used when TEST_DATABASE_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// ServerURL is the URL of the test server: TEST_DATABASE_URL or DefaultURL.
func ServerURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// NewDatabase creates a uniquely named database on the test server with every migration
// applied and returns its URL; the database is dropped when the test ends. It is copied from a
// template migrated once per set of migrations (CREATE DATABASE … TEMPLATE), which is many
// times faster than migrating each test's database.
func NewDatabase(t testing.TB) (url string) {
	t.Helper()
	server := ServerURL()
	template := ensureTemplate(t, server)
	name := "filekeeper_test_" + randomSuffix(t)
	url, err := withDatabase(server, name)
	if err != nil {
		t.Fatalf("pgtest: TEST_DATABASE_URL must be a postgres:// URL: %v", err)
	}
	mustAdmin(t, server, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{template}.Sanitize())
	t.Cleanup(func() {
		mustAdmin(t, server, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
	})
	return url
}

// ensureTemplate returns the name of the migrated template database of the embedded
// migrations, creating it if no test process did yet. The name carries a hash of the
// migrations, so a changed migration gets a new template. Test processes of several packages
// run at once: an advisory lock makes one create it while the others wait.
func ensureTemplate(t testing.TB, server string) string {
	t.Helper()
	name := "filekeeper_template_" + migrationsHash(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn := connect(ctx, t, server)
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(hashtext($1))", name); err != nil {
		t.Fatalf("pgtest: lock the template: %v", err)
	}
	defer func() { _, _ = conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(hashtext($1))", name) }()
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		t.Fatalf("pgtest: look for the template: %v", err)
	}
	if exists {
		return name
	}
	building := name + "_building"
	mustAdmin(t, server, "DROP DATABASE IF EXISTS "+pgx.Identifier{building}.Sanitize()+" WITH (FORCE)")
	createUTF8Database(t, server, building)
	url, err := withDatabase(server, building)
	if err != nil {
		t.Fatalf("pgtest: TEST_DATABASE_URL must be a postgres:// URL: %v", err)
	}
	if err := migrations.Up(url); err != nil {
		t.Fatalf("pgtest: migrate the template: %v", err)
	}
	// Renamed only once complete, so a crash half-way never leaves a broken template behind.
	mustAdmin(t, server, "ALTER DATABASE "+pgx.Identifier{building}.Sanitize()+" RENAME TO "+pgx.Identifier{name}.Sanitize())
	return name
}

// migrationsHash identifies the set of embedded migrations.
func migrationsHash(t testing.TB) string {
	t.Helper()
	h := sha256.New()
	err := fs.WalkDir(db.Migrations, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(db.Migrations, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatalf("pgtest: read the migrations: %v", err)
	}
	// The job queue's (River's) migrations are part of the schema too.
	river, err := rivermigrate.New(riverpgxv5.New(nil), nil)
	if err != nil {
		t.Fatalf("pgtest: read the job queue's migrations: %v", err)
	}
	for _, m := range river.AllVersions() {
		h.Write([]byte(m.Name))
		h.Write([]byte(m.SQLUp))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// NewEmptyDatabase is NewDatabase without the migrations. The database is UTF8 with a UTF-8
// LC_CTYPE whatever the server's defaults, so lower() and pg_trgm know letters beyond ASCII
// ("Отчёт" is found by "отчёт").
func NewEmptyDatabase(t testing.TB) (url string) {
	t.Helper()
	server := ServerURL()
	name := "filekeeper_test_" + randomSuffix(t)
	url, err := withDatabase(server, name)
	if err != nil {
		t.Fatalf("pgtest: TEST_DATABASE_URL must be a postgres:// URL: %v", err)
	}
	createUTF8Database(t, server, name)
	t.Cleanup(func() {
		mustAdmin(t, server, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
	})
	return url
}

// utf8Locales are the locales a test database may get, the first the server knows: C.UTF-8 on
// Linux, en_US.UTF-8 where there is no C.UTF-8.
var utf8Locales = []string{"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"}

// invalidLocale is the SQLSTATE of CREATE DATABASE with a locale the server does not know.
const invalidLocale = "42809"

// createUTF8Database creates the database name from template0 (template1 may have another
// encoding) with the first of utf8Locales the server knows.
func createUTF8Database(t testing.TB, server, name string) {
	t.Helper()
	for _, locale := range utf8Locales {
		sql := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize() +
			" TEMPLATE template0 ENCODING 'UTF8' LOCALE '" + locale + "'"
		err := admin(t, server, sql)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == invalidLocale {
			continue
		}
		if err != nil {
			t.Fatalf("pgtest: %s: %v", sql, err)
		}
		return
	}
	t.Fatalf("pgtest: the test PostgreSQL server %s knows none of the UTF-8 locales %v", redacted(server), utf8Locales)
}

// mustAdmin runs one statement on the server's maintenance database and fails the test if it fails.
func mustAdmin(t testing.TB, server, sql string) {
	t.Helper()
	if err := admin(t, server, sql); err != nil {
		t.Fatalf("pgtest: %s: %v", sql, err)
	}
}

// admin runs one statement on the server's maintenance database; a server out of reach fails the
// test.
func admin(t testing.TB, server, sql string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn := connect(ctx, t, server)
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	_, err := conn.Exec(ctx, sql)
	return err
}

// connect connects to the server's maintenance database; a server out of reach fails the test
// with how to provide one.
func connect(ctx context.Context, t testing.TB, server string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("pgtest: cannot reach the test PostgreSQL server %s: %v\n"+
			"Start the local server (pg_ctlcluster 15 main start) or set TEST_DATABASE_URL to a server "+
			"where the user may create databases, e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable",
			redacted(server), err)
	}
	return conn
}

// withDatabase returns server with its database name replaced by name.
func withDatabase(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", errors.New("unparsable URL") // the parse error would quote the password
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return "", &url.Error{Op: "parse", URL: redacted(server), Err: os.ErrInvalid}
	}
	u.Path = "/" + name
	u.RawPath = ""
	return u.String(), nil
}

func redacted(server string) string {
	u, err := url.Parse(server)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

func randomSuffix(t testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return hex.EncodeToString(b)
}
