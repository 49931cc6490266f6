package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
)

// UnitOfWork implements app.UnitOfWork with PostgreSQL transactions.
type UnitOfWork struct {
	db *Database
	// log is told what a repository reads but cannot use (a conversation of an unknown step).
	log *zap.Logger
	// jobs stores the jobs a unit of work enqueues, in its transaction; nil refuses them.
	jobs JobInserter
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
	return &UnitOfWork{db: d, log: log, jobs: jobs}
}

// newUnitOfWorkOf returns a unit of work over the pool db opens when it starts.
func newUnitOfWorkOf(db *Database, jobs JobInserter) *UnitOfWork {
	return &UnitOfWork{db: db, log: db.log, jobs: jobs}
}

var errNotStarted = errors.New("the database is not started")

// txKey is the context key of the running transaction.
type txKey struct{}

// activeTx is the transaction a ctx carries, with the pool it came from.
type activeTx struct {
	pool *pgxpool.Pool
	tx   pgx.Tx
}

// Do runs fn in a transaction, committed if fn returns nil and rolled back otherwise (a panic
// too). A ctx that already carries a transaction of the same pool is joined: fn runs in it, and
// only the outermost Do commits or rolls back.
func (u *UnitOfWork) Do(ctx context.Context, fn func(ctx context.Context, r app.Repos) error) error {
	pool := u.db.Pool()
	if pool == nil {
		return fmt.Errorf("unit of work: %w", errNotStarted)
	}
	if active, ok := ctx.Value(txKey{}).(activeTx); ok && active.pool == pool {
		return fn(ctx, u.reposOver(active.tx))
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("unit of work: begin: %w", err)
	}
	// After a commit this is a no-op; otherwise it ends the transaction even if ctx is done.
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	// fn's error is returned as is: the use case that called Do adds the context.
	if err := fn(context.WithValue(ctx, txKey{}, activeTx{pool: pool, tx: tx}), u.reposOver(tx)); err != nil {
		return markPermanent(err)
	}
	if err := tx.Commit(ctx); err != nil {
		return markPermanent(fmt.Errorf("unit of work: commit: %w", interpretError(err)))
	}
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

func (u *UnitOfWork) reposOver(tx pgx.Tx) app.Repos {
	q := sqlcgen.New(tx)
	return app.Repos{
		Users:         UserRepository{q: q},
		Files:         newFileRepository(tx),
		Categories:    CategoryRepository{q: q},
		Tags:          TagRepository{q: q},
		Conversations: ConversationStore{q: q, log: u.log},
		Searches:      SearchRepository{q: q},
		Shares:        ShareRepository{q: q},
		Updates:       UpdateLog{q: q},
		Stats:         StatsRepository{q: q},
		Jobs:          txJobs{inserter: u.jobs, tx: tx},
		Bans:          BanRepository{q: q},
		Storage:       StorageRepository{q: q},
		Selections:    SelectionStore{q: q},
		Batches:       BatchRepository{q: q},
		Albums:        AlbumRepository{q: q},
	}
}
