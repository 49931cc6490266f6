// Package leader elects one leader among the instances sharing a PostgreSQL database, with a
// session-level advisory lock.
package leader

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"go.uber.org/zap"
)

// Leadership implements app.Leadership with a PostgreSQL session-level advisory lock held on a
// connection of its own (not the pool's: the lock lives as long as the session, so the session
// must outlive any transaction). When the holder dies, PostgreSQL ends its session and frees the
// lock, and a waiting instance takes it on its next try.
type Leadership struct {
	db    Database
	name  string
	key   int64
	log   *zap.Logger
	retry time.Duration // pause between two tries while another instance leads
	watch time.Duration // how often the held connection is checked
}

// Database is where the lock is taken: its URL is read at each connection, so a database whose
// address is known only once started (the embedded server's port) will do.
type Database interface {
	URL() string
}

// errNoDatabase is a Leadership without a database address to connect to.
var errNoDatabase = errors.New("the database has no address (not started?)")

// New elects a leader named name (e.g. "polling") among the instances sharing db's database;
// different names are different elections.
func New(db Database, name string, log *zap.Logger) *Leadership {
	return &Leadership{db: db, name: name, key: lockKey(name), log: log, retry: time.Second, watch: time.Second}
}

// lockKey derives the advisory lock's key from the election's name.
func lockKey(name string) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte("filekeeper:" + name))
	return int64(h.Sum64())
}

// Acquire tries to take the lock every second until it gets it or ctx ends; see app.Leadership.
func (l *Leadership) Acquire(ctx context.Context) (lost <-chan struct{}, release func(), err error) {
	what := l.name + " lock"
	var conn *pgx.Conn
	defer func() {
		if err != nil && conn != nil {
			_ = conn.Close(context.WithoutCancel(ctx))
		}
	}()
	waiting, failures := false, 0
	for {
		var held bool
		conn, held, err = l.try(ctx, conn)
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, nil, fmt.Errorf("acquire the %s: %w", what, ctx.Err())
		case err != nil:
			// Once at first, then about every half minute: the database may be down for long.
			if failures%30 == 0 {
				l.log.Warn("cannot take the "+what+" now: trying again every second", zap.Int("failures", failures+1), zap.Error(err))
			}
			failures++
		case held:
			l.log.Info(what+" acquired", zap.Int64("lock_key", l.key))
			lost, release := l.hold(conn)
			return lost, release, nil
		case !waiting:
			waiting = true
			l.log.Info("waiting for the "+what+": another instance holds it", zap.Int64("lock_key", l.key))
		}
		select {
		case <-ctx.Done():
			return nil, nil, fmt.Errorf("acquire the %s: %w", what, ctx.Err())
		case <-time.After(l.retry):
		}
	}
}

// try connects if need be and tries the lock once. It returns the connection to try again with
// (nil after a failure).
func (l *Leadership) try(ctx context.Context, conn *pgx.Conn) (*pgx.Conn, bool, error) {
	if conn == nil || conn.IsClosed() {
		var err error
		if conn, err = l.connect(ctx); err != nil {
			return nil, false, err
		}
	}
	var held bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", l.key).Scan(&held); err != nil {
		_ = conn.Close(context.WithoutCancel(ctx))
		return nil, false, fmt.Errorf("try the advisory lock: %w", err)
	}
	return conn, held, nil
}

func (l *Leadership) connect(ctx context.Context) (*pgx.Conn, error) {
	if l.db == nil || l.db.URL() == "" {
		return nil, fmt.Errorf("connect for the %s lock: %w", l.name, errNoDatabase)
	}
	cfg, err := pgx.ParseConfig(l.db.URL())
	if err != nil {
		return nil, errors.New("connect for the advisory lock: invalid database URL")
	}
	// Shown in pg_stat_activity, so an operator can tell which session leads.
	cfg.RuntimeParams["application_name"] = "filekeeper " + l.name + " lock"
	connectCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(connectCtx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect for the advisory lock: %w", err)
	}
	return conn, nil
}

// hold watches the connection holding the lock: lost closes when it dies.
func (l *Leadership) hold(conn *pgx.Conn) (<-chan struct{}, func()) {
	lost := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		if err := l.watchConn(ctx, conn); err != nil {
			l.log.Warn(l.name+" lock lost: its database connection failed", zap.Error(err))
			close(lost)
		}
	}()
	var once sync.Once
	release := func() {
		once.Do(func() {
			cancel()
			<-watched
			unlockCtx, done := context.WithTimeout(context.Background(), 2*time.Second)
			defer done()
			if !conn.IsClosed() {
				_, _ = conn.Exec(unlockCtx, "SELECT pg_advisory_unlock($1)", l.key)
			}
			_ = conn.Close(unlockCtx) // ending the session would free the lock anyway
			l.log.Info(l.name+" lock released", zap.Int64("lock_key", l.key))
		})
	}
	return lost, release
}

// watchConn returns nil when ctx ends, or the error that shows conn died. Waiting for a
// notification reads from the socket, so a session the server ends (a restart,
// pg_terminate_backend) is noticed at once; the ping catches a peer that went silent.
func (l *Leadership) watchConn(ctx context.Context, conn *pgx.Conn) error {
	for {
		waitCtx, cancel := context.WithTimeout(ctx, l.watch)
		err := conn.PgConn().WaitForNotification(waitCtx)
		cancel()
		if ctx.Err() != nil {
			return nil
		}
		if err != nil && !pgconn.Timeout(err) {
			return err
		}
		pingCtx, cancel := context.WithTimeout(ctx, 2*l.watch+time.Second)
		err = conn.Ping(pingCtx)
		cancel()
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
