// Package postgres is the PostgreSQL adapter: the connection pool and the repositories of
// package app over sqlc. Its sub-packages hold the infrastructure around them: migrations (the
// schema, ours and the job queue's), embedded (a server for running without setup) and leader
// (the advisory-lock election of the instance that polls).
package postgres

import "github.com/filekeeper/filekeeper/internal/datadir"

// DefaultEmbeddedPort is the port of the embedded PostgreSQL unless Config says otherwise.
const DefaultEmbeddedPort uint32 = 54329

// Config tells where the database is.
type Config struct {
	// URL of a PostgreSQL server, e.g. postgres://user:pass@host:5432/db. Empty means: run an
	// embedded PostgreSQL.
	URL string
	// MigrateOnStart applies pending migrations when the application starts.
	MigrateOnStart bool
	// EmbeddedDataDir holds the embedded server's cluster; "" means DefaultEmbeddedDataDir().
	EmbeddedDataDir string
	// EmbeddedPort is the embedded server's port; 0 means DefaultEmbeddedPort.
	EmbeddedPort uint32
	// MinPoolSize is the fewest connections the pool may open at once (its MaxConns): at least
	// the updates handled at once, or workers wait for a connection. A larger pool_max_conns in
	// URL wins; 0 leaves pgx's default.
	MinPoolSize int32
}

// DefaultEmbeddedDataDir is $XDG_DATA_HOME/filekeeper/postgres, or
// ~/.local/share/filekeeper/postgres when XDG_DATA_HOME is unset.
func DefaultEmbeddedDataDir() string { return datadir.Path("postgres") }

// withDefaults fills the embedded settings left empty.
func (c Config) withDefaults() Config {
	if c.EmbeddedDataDir == "" {
		c.EmbeddedDataDir = DefaultEmbeddedDataDir()
	}
	if c.EmbeddedPort == 0 {
		c.EmbeddedPort = DefaultEmbeddedPort
	}
	return c
}
