package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
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
		return nil, &ConnectError{Where: hostOf(cfg), Err: err}
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, &ConnectError{Where: hostOf(cfg), Err: err}
	}
	return pool, nil
}

// ConnectError is a PostgreSQL server that could not be reached or refused the connection. Its
// text is for a person: the server, the innermost cause (connection refused, no such host, a
// FATAL from the server) and what to check; Err keeps the whole chain.
type ConnectError struct {
	Where string // host:port/database
	Err   error
}

func (e *ConnectError) Error() string {
	return fmt.Sprintf("cannot connect to PostgreSQL at %s (%s): check DATABASE_URL and that the server is running", e.Where, rootCause(e.Err))
}

func (e *ConnectError) Unwrap() error { return e.Err }

// rootCause is the text of the innermost error of err's chain (the first branch of a joined one).
func rootCause(err error) string {
	for {
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			if next := u.Unwrap(); next != nil {
				err = next
				continue
			}
		case interface{ Unwrap() []error }:
			if next := u.Unwrap(); len(next) > 0 && next[0] != nil {
				err = next[0]
				continue
			}
		}
		return err.Error()
	}
}

func hostOf(cfg *pgxpool.Config) string {
	return fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
}
