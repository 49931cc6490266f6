package jobs_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/jobs"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// noteJob is a job the tests enqueue; its worker notes N.
type noteJob struct{ N int }

func (noteJob) Kind() string { return "note" }

// notes are the N of the jobs worked, in order, safe for several workers.
type notes struct {
	mu sync.Mutex
	ns []int
}

func (n *notes) work(_ context.Context, j noteJob) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.ns = append(n.ns, j.N)
	return nil
}

func (n *notes) seen() []int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]int(nil), n.ns...)
}

// pool is a connection pool, as the postgres adapter's Database gives it.
type pool struct{ pgx *pgxpool.Pool }

func (p pool) Pool() *pgxpool.Pool { return p.pgx }

func newPool(t *testing.T, url string) pool {
	t.Helper()
	p, err := postgres.Connect(t.Context(), url)
	require.NoError(t, err)
	t.Cleanup(p.Close)
	return pool{p}
}

func startEngine(t *testing.T, p pool, kinds ...jobs.Kind) *jobs.Engine {
	t.Helper()
	e := jobs.NewEngine(jobs.Config{Workers: 2}, p, kinds, zaptest.NewLogger(t))
	require.NoError(t, e.Start(t.Context()))
	t.Cleanup(func() { _ = e.Stop(context.WithoutCancel(t.Context())) })
	return e
}

func stopEngine(t *testing.T, e *jobs.Engine) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(t.Context()), 10*time.Second)
	defer cancel()
	require.NoError(t, e.Stop(ctx))
}

func count(t *testing.T, p pool, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, p.pgx.QueryRow(t.Context(), sql, args...).Scan(&n))
	return n
}

func TestAJobEnqueuedInARolledBackUnitOfWorkNeverRuns(t *testing.T) {
	p := newPool(t, pgtest.NewDatabase(t))
	inserter, err := jobs.NewInserter(jobs.Config{})
	require.NoError(t, err)
	uow := postgres.NewUnitOfWorkWithJobs(p.pgx, zaptest.NewLogger(t), inserter)
	var worked notes
	startEngine(t, p, jobs.Work(worked.work))

	failed := errors.New("the update failed")
	err = uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		require.NoError(t, r.Jobs.Enqueue(ctx, noteJob{N: 1}, app.JobOptions{}))
		return failed
	})
	require.ErrorIs(t, err, failed)
	require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		return r.Jobs.Enqueue(ctx, noteJob{N: 2}, app.JobOptions{})
	}))

	require.Eventually(t, func() bool { return len(worked.seen()) > 0 }, 15*time.Second, 20*time.Millisecond)
	assert.Equal(t, []int{2}, worked.seen(), "the committed job ran, the rolled-back one did not")
	assert.Equal(t, 1, count(t, p, "SELECT count(*) FROM river_job"), "the rolled-back job was never stored")
}

func TestAUniqueJobIsEnqueuedOnce(t *testing.T) {
	p := newPool(t, pgtest.NewDatabase(t))
	inserter, err := jobs.NewInserter(jobs.Config{})
	require.NoError(t, err)
	uow := postgres.NewUnitOfWorkWithJobs(p.pgx, zaptest.NewLogger(t), inserter)
	for _, n := range []int{7, 7, 8} {
		require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			return r.Jobs.Enqueue(ctx, noteJob{N: n}, app.JobOptions{Unique: true})
		}))
	}
	var worked notes
	startEngine(t, p, jobs.Work(worked.work))
	require.Eventually(t, func() bool { return len(worked.seen()) == 2 }, 15*time.Second, 20*time.Millisecond)
	assert.ElementsMatch(t, []int{7, 8}, worked.seen(), "the same arguments twice are one job")
}

func TestAPeriodicJobRunsOnceForTwoInstances(t *testing.T) {
	p := newPool(t, pgtest.NewDatabase(t))
	var worked notes
	periodic := func() jobs.Kind { return jobs.Periodic(time.Hour, noteJob{N: 1}, worked.work) }

	first := startEngine(t, p, periodic())
	require.Eventually(t, func() bool { return len(worked.seen()) == 1 }, 20*time.Second, 20*time.Millisecond,
		"the leader enqueues the periodic job as it starts")
	leader := leaderID(t, p)
	startEngine(t, p, periodic())
	// The second instance becomes the leader and starts its own schedule: within the same
	// period, its job is the one already run.
	stopEngine(t, first)
	require.Eventually(t, func() bool { id := leaderID(t, p); return id != "" && id != leader }, 30*time.Second, 50*time.Millisecond,
		"the second instance takes over")
	assert.Never(t, func() bool { return len(worked.seen()) > 1 }, 3*time.Second, 50*time.Millisecond)
	assert.Equal(t, 1, count(t, p, "SELECT count(*) FROM river_job WHERE kind = 'note'"))
}

func leaderID(t *testing.T, p pool) string {
	t.Helper()
	var id string
	_ = p.pgx.QueryRow(t.Context(), "SELECT leader_id FROM river_leader").Scan(&id)
	return id
}

func TestAJobIsRetriedUnlessItsFailureIsPermanent(t *testing.T) {
	p := newPool(t, pgtest.NewDatabase(t))
	inserter, err := jobs.NewInserter(jobs.Config{})
	require.NoError(t, err)
	uow := postgres.NewUnitOfWorkWithJobs(p.pgx, zaptest.NewLogger(t), inserter)
	var mu sync.Mutex
	tries := map[int]int{}
	work := func(_ context.Context, j noteJob) error {
		mu.Lock()
		defer mu.Unlock()
		tries[j.N]++
		switch {
		case j.N == 1:
			return domain.ErrNotFound // permanent: the same every time
		case tries[j.N] == 1:
			return errors.New("the network failed") // transient: the next try succeeds
		}
		return nil
	}
	require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		return errors.Join(r.Jobs.Enqueue(ctx, noteJob{N: 1}, app.JobOptions{}), r.Jobs.Enqueue(ctx, noteJob{N: 2}, app.JobOptions{}))
	}))
	e := jobs.NewEngine(jobs.Config{Workers: 2}, p, []jobs.Kind{jobs.Work(work)}, zaptest.NewLogger(t))
	require.NoError(t, e.Start(t.Context()))
	t.Cleanup(func() { _ = e.Stop(context.WithoutCancel(t.Context())) })

	require.Eventually(t, func() bool {
		return count(t, p, "SELECT count(*) FROM river_job WHERE state IN ('completed', 'cancelled')") == 2
	}, 20*time.Second, 50*time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, map[int]int{1: 1, 2: 2}, tries, "the permanent failure is tried once, the transient one again")
	assert.Equal(t, 1, count(t, p, "SELECT count(*) FROM river_job WHERE state = 'cancelled'"))
}

// A job whose instance was killed mid-run stays "running" in the table: River's rescuer takes it
// for stuck after RescueAfter (2 min here, River's default is an hour) and it runs again.
func TestAJobOfAKilledInstanceRunsAgainWithinMinutes(t *testing.T) {
	t.Parallel()
	p := newPool(t, pgtest.NewDatabase(t))
	inserter, err := jobs.NewInserter(jobs.Config{})
	require.NoError(t, err)
	uow := postgres.NewUnitOfWorkWithJobs(p.pgx, zaptest.NewLogger(t), inserter)
	require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		return r.Jobs.Enqueue(ctx, noteJob{N: 5}, app.JobOptions{})
	}))
	// As the dead instance left it: taken, under way for longer than RescueAfter, never ended.
	_, err = p.pgx.Exec(t.Context(), `UPDATE river_job SET state = 'running', attempt = 1,
		attempted_at = now() - $1::interval, attempted_by = '{killed-instance}'`,
		(jobs.DefaultRescueAfter + time.Minute).String())
	require.NoError(t, err)

	var worked notes
	started := time.Now()
	startEngine(t, p, jobs.Work(worked.work))
	require.Eventually(t, func() bool { return len(worked.seen()) == 1 }, 90*time.Second, 100*time.Millisecond,
		"the stuck job is rescued and run again")
	t.Logf("rescued and run %s after the start", time.Since(started).Round(time.Second))
}
