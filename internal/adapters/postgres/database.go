package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/jackc/pgx/v5/pgxpool"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/embedded"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/migrations"
)

// Database is the application's database: its connection pool and, when no URL is configured,
// the embedded server behind it. Nothing happens until Start.
type Database struct {
	cfg      Config
	log      *zap.Logger
	embedded *embedded.Server
	pool     atomicPool
}

type atomicPool = atomic.Pointer[pgxpool.Pool]

// NewDatabase describes the database cfg points to.
func NewDatabase(cfg Config, log *zap.Logger) *Database {
	anyPort := cfg.EmbeddedPort == 0
	cfg = cfg.withDefaults()
	d := &Database{cfg: cfg, log: log}
	if cfg.URL == "" {
		// Without a port of the user's choice, a taken default port is no reason to fail.
		d.embedded = embedded.New(cfg.EmbeddedDataDir, cfg.EmbeddedPort, anyPort, log)
	}
	return d
}

// Describe says, for a person, what database this is: the embedded server (where it keeps its
// data, its port) or the server of the URL (host, port and database; never the password).
func (d *Database) Describe() string {
	if d.embedded != nil {
		return fmt.Sprintf("embedded PostgreSQL on port %d, data in %s", d.embedded.Port(), d.embedded.Dir())
	}
	cfg, err := pgxpool.ParseConfig(d.cfg.URL)
	if err != nil {
		return "PostgreSQL (invalid DATABASE_URL)"
	}
	return "PostgreSQL at " + hostOf(cfg)
}

// URL is the database's address: the configured one or the embedded server's.
func (d *Database) URL() string {
	if d.embedded != nil {
		return d.embedded.URL()
	}
	return d.cfg.URL
}

// Pool is the connection pool; nil before Start.
func (d *Database) Pool() *pgxpool.Pool { return d.pool.Load() }

// Start starts the embedded server if there is one, applies pending migrations if configured,
// and connects.
func (d *Database) Start(ctx context.Context) (err error) {
	if d.embedded != nil {
		if err := d.embedded.Start(); err != nil {
			return err
		}
		d.log.Info("embedded postgres started", zap.String("data_dir", d.cfg.EmbeddedDataDir), zap.Uint32("port", d.embedded.Port()))
		defer func() {
			if err != nil {
				err = errors.Join(err, d.embedded.Stop())
			}
		}()
	}
	// Connect first: a server that does not answer is said as such, not as a failed migration.
	pool, err := connect(ctx, d.URL(), d.cfg.MinPoolSize)
	if err != nil {
		return err
	}
	if d.cfg.MigrateOnStart {
		if err := d.migrate(); err != nil {
			pool.Close()
			return err
		}
	}
	d.pool.Store(pool)
	d.log.Info("connected to postgres", zap.Int32("pool_max_conns", pool.Config().MaxConns))
	return nil
}

func (d *Database) migrate() error {
	if err := migrations.Up(d.URL()); err != nil {
		return err
	}
	version, _, err := migrations.Version(d.URL())
	if err != nil {
		return err
	}
	d.log.Info("database schema migrated", zap.Uint("schema_version", version))
	return nil
}

// Stop closes the pool and stops the embedded server.
func (d *Database) Stop(context.Context) error {
	if pool := d.pool.Swap(nil); pool != nil {
		pool.Close()
	}
	if d.embedded != nil {
		if err := d.embedded.Stop(); err != nil {
			return err
		}
		d.log.Info("embedded postgres stopped")
	}
	return nil
}
