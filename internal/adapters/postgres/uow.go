package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/foresight"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pipeline"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
)

// UnitOfWork implements app.UnitOfWork with PostgreSQL transactions, each over a pipe (package pipeline):
// its statements travel together, and an update's first reads are guessed (session.go, package foresight).
type UnitOfWork struct {
	db *Database
	// log is told what a repository reads but cannot use (a conversation of an unknown step).
	log *zap.Logger
	// jobs stores the jobs a unit of work enqueues, in its transaction; nil refuses them.
	jobs JobInserter
	// seen remembers what each user's last update found, for the next one to guess.
	seen *foresight.Memory
}

// NewUnitOfWork returns a unit of work over pool, logging to log. It has no job engine: use
// NewUnitOfWorkWithJobs for one whose use cases enqueue jobs.
func NewUnitOfWork(pool *pgxpool.Pool, log *zap.Logger) *UnitOfWork {
	return NewUnitOfWorkWithJobs(pool, log, nil)
}

// NewUnitOfWorkWithJobs returns a unit of work over pool whose jobs jobs stores.
func NewUnitOfWorkWithJobs(pool *pgxpool.Pool, log *zap.Logger, jobs JobInserter) *UnitOfWork {
	d := &Database{}
	d.pool.Store(pool)
	return &UnitOfWork{db: d, log: log, jobs: jobs, seen: foresight.New()}
}

// newUnitOfWorkOf returns a unit of work over the pool db opens when it starts.
func newUnitOfWorkOf(db *Database, jobs JobInserter) *UnitOfWork {
	return &UnitOfWork{db: db, log: db.log, jobs: jobs, seen: foresight.New()}
}

var errNotStarted = errors.New("the database is not started")

// txKey is the context key of the running unit of work's session.
type txKey struct{}

// Do runs fn in a transaction, committed if fn returns nil and rolled back otherwise (a panic
// too). A ctx that already carries a transaction of the same pool is joined: fn runs in it, and
// only the outermost Do commits or rolls back. When a guess of the first attempt proves wrong,
// fn runs again, in a new transaction, without guessing: fn may run twice, its effects on the
// database happening once.
func (u *UnitOfWork) Do(ctx context.Context, fn func(ctx context.Context, r app.Repos) error) error {
	pool := u.db.Pool()
	if pool == nil {
		return fmt.Errorf("unit of work: %w", errNotStarted)
	}
	if s, ok := ctx.Value(txKey{}).(*session); ok && s.pool == pool {
		return fn(ctx, u.reposOver(s))
	}
	err := u.attempt(ctx, pool, fn, true)
	if errors.Is(err, errWrongGuess) {
		err = u.attempt(ctx, pool, fn, false)
	}
	return err
}

// attempt runs fn once in a transaction, guessing if mayGuess.
func (u *UnitOfWork) attempt(ctx context.Context, pool *pgxpool.Pool, fn func(ctx context.Context, r app.Repos) error, mayGuess bool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("unit of work: begin: %w", err)
	}
	// Released in a transaction (after a failed rollback), the pool closes the connection.
	defer conn.Release()
	s := newSession(pool, pipeline.New(conn), u.seen, mayGuess)
	committed := false
	// After a commit this is a no-op; otherwise it ends the transaction even if ctx is done.
	defer func() {
		if !committed {
			s.p.Rollback(context.WithoutCancel(ctx))
		}
	}()
	// fn's error is returned as is: the use case that called Do adds the context.
	err = fn(context.WithValue(ctx, txKey{}, s), u.reposOver(s))
	switch {
	case s.wrong:
		return errWrongGuess
	case err != nil:
		return markPermanent(err)
	}
	if err := s.p.Commit(ctx); err != nil {
		if s.wrong {
			return errWrongGuess
		}
		return markPermanent(fmt.Errorf("unit of work: commit: %w", interpretError(err)))
	}
	committed = true
	s.committed()
	return nil
}

// Ping checks the database answers, for readiness probes.
func (u *UnitOfWork) Ping(ctx context.Context) error {
	pool := u.db.Pool()
	if pool == nil {
		return fmt.Errorf("ping postgres: %w", errNotStarted)
	}
	if err := pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping postgres: %w", err)
	}
	return nil
}

func (u *UnitOfWork) reposOver(s *session) app.Repos {
	q := sqlcgen.New(s.p)
	return app.Repos{
		Users:         UserRepository{q: q, s: s},
		Files:         newFileRepository(s.p, s),
		Categories:    CategoryRepository{q: q, s: s},
		Tags:          TagRepository{q: q, s: s},
		Conversations: ConversationStore{q: q, log: u.log, s: s},
		Searches:      SearchRepository{q: q, s: s},
		Shares:        ShareRepository{q: q},
		Updates:       UpdateLog{q: q, s: s},
		Stats:         StatsRepository{q: q},
		Jobs:          txJobs{inserter: u.jobs, tx: s.p.Tx()},
		Bans:          BanRepository{q: q, s: s},
		Storage:       StorageRepository{q: q},
		Claims:        StorageClaimRepository{q: q},
		Selections:    SelectionStore{q: q},
		Batches:       BatchRepository{q: q},
		Albums:        AlbumRepository{q: q},
		BulkSends:     BulkSendRepository{q: q},
		Replies:       ReplyOutbox{q: q},
	}
}
