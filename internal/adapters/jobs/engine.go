package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
)

// PoolSource gives the application's connection pool once the database has started.
type PoolSource interface {
	Pool() *pgxpool.Pool
}

// Engine runs the jobs of its kinds on this instance's workers, from Start to Stop.
type Engine struct {
	cfg    Config
	pools  PoolSource
	kinds  []Kind
	log    *zap.Logger
	client atomic.Pointer[river.Client[pgx.Tx]]
}

// NewEngine returns an engine that runs jobs of kinds over the pool of pools; nothing happens
// until Start.
func NewEngine(cfg Config, pools PoolSource, kinds []Kind, log *zap.Logger) *Engine {
	return &Engine{cfg: cfg, pools: pools, kinds: kinds, log: log}
}

var errNoPool = errors.New("job engine: the database is not started")

// Start starts working jobs, unless the configuration gives this instance no workers or there
// is no kind of job to work.
func (e *Engine) Start(ctx context.Context) error {
	if e.cfg.Workers <= 0 {
		e.log.Info("job engine runs no jobs here (JOB_WORKERS=0)")
		return nil
	}
	if len(e.kinds) == 0 {
		// River refuses to work no kind; with nothing to run there is nothing to start.
		e.log.Info("job engine has no kind of job to run")
		return nil
	}
	pool := e.pools.Pool()
	if pool == nil {
		return errNoPool
	}
	cfg, err := e.riverConfig()
	if err != nil {
		return err
	}
	client, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		return fmt.Errorf("job engine: %w", err)
	}
	// River works with the context of its Start until Stop: not the start's, which ends with it.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("job engine: start: %w", err)
	}
	e.client.Store(client)
	e.log.Info("job engine started", zap.Int("workers", e.cfg.Workers), zap.Int("kinds", len(e.kinds)))
	return nil
}

// Stop stops fetching jobs and waits for the running ones until ctx ends; then it cancels them
// (they run again later: a job is done only once its work returned).
func (e *Engine) Stop(ctx context.Context) error {
	client := e.client.Swap(nil)
	if client == nil {
		return nil
	}
	if err := client.Stop(ctx); err != nil {
		cancelCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stopGrace)
		defer cancel()
		return errors.Join(fmt.Errorf("job engine: stop: %w", err), client.StopAndCancel(cancelCtx))
	}
	return nil
}

func (e *Engine) riverConfig() (*river.Config, error) {
	workers := river.NewWorkers()
	var periodic []*river.PeriodicJob
	for _, k := range e.kinds {
		if err := k.register(workers); err != nil {
			return nil, fmt.Errorf("job engine: kind %q: %w", k.name, err)
		}
		if k.periodic != nil {
			periodic = append(periodic, k.periodic)
		}
	}
	return &river.Config{
		Logger:      riverLogger(e.log.Named("river")),
		MaxAttempts: e.cfg.maxAttempts(),
		JobTimeout:  JobTimeout,
		// River's default is an hour: a job whose instance was killed mid-run (a send-all
		// whose user waits for the rest) would wait that long.
		RescueStuckJobsAfter: e.cfg.rescueAfter(),
		PeriodicJobs:         periodic,
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: e.cfg.Workers}},
		Workers:              workers,
		ErrorHandler:         errorLogger{log: e.log},
	}, nil
}

// Inserter stores jobs in the transaction of a unit of work (postgres.JobInserter). It needs no
// pool of its own: it writes through the transaction it is given.
type Inserter struct {
	client *river.Client[pgx.Tx]
}

// NewInserter returns the Inserter.
func NewInserter(cfg Config) (*Inserter, error) {
	client, err := river.NewClient(riverpgxv5.New(nil), &river.Config{MaxAttempts: cfg.maxAttempts()})
	if err != nil {
		return nil, fmt.Errorf("job inserter: %w", err)
	}
	return &Inserter{client: client}, nil
}

// InsertTx stores job in tx, to run once tx commits.
func (i *Inserter) InsertTx(ctx context.Context, tx pgx.Tx, job app.Job, opts app.JobOptions) error {
	ins := &river.InsertOpts{}
	if opts.Unique {
		ins.UniqueOpts = river.UniqueOpts{ByArgs: true}
	}
	if opts.Delay > 0 {
		ins.ScheduledAt = time.Now().Add(opts.Delay)
	}
	if _, err := i.client.InsertTx(ctx, tx, job, ins); err != nil {
		return fmt.Errorf("insert %s job: %w", job.Kind(), err)
	}
	return nil
}
