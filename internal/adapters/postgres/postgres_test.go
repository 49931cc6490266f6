package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/fx/fxtest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/jobs"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/migrations"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest"
	"github.com/filekeeper/filekeeper/internal/app"
)

// newPool returns a pool over a fresh, migrated database.
func newPool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool, err := postgres.Connect(t.Context(), pgtest.NewDatabase(t))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// newUnitOfWork returns a unit of work over a fresh, migrated database.
func newUnitOfWork(t *testing.T) *postgres.UnitOfWork {
	t.Helper()
	return postgres.NewUnitOfWork(newPool(t), zaptest.NewLogger(t))
}

func TestRepositories(t *testing.T) {
	repotest.Run(t, func(t *testing.T) app.UnitOfWork { return newUnitOfWork(t) }, postgres.ForgeStep)
}

func TestConnect(t *testing.T) {
	tests := []struct {
		name string
		url  string
	}{
		{"an unreachable server is an error", "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"},
		{"an invalid URL is an error that does not quote the password", "postgres://user:secret@[::1/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := postgres.Connect(t.Context(), tt.url)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), "secret")
		})
	}
	t.Run("an unreachable server is said in one sentence with what to check", func(t *testing.T) {
		_, err := postgres.Connect(t.Context(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
		var ce *postgres.ConnectError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, "cannot connect to PostgreSQL at 127.0.0.1:1/none (connection refused): check DATABASE_URL and that the server is running", err.Error())
	})
}

func TestUnitOfWorkPing(t *testing.T) {
	assert.NoError(t, newUnitOfWork(t).Ping(t.Context()))
}

func TestDatabaseStartsMigratedAndStops(t *testing.T) {
	url := pgtest.NewEmptyDatabase(t)
	db := postgres.NewDatabase(postgres.Config{URL: url, MigrateOnStart: true}, zaptest.NewLogger(t))
	uow := postgres.NewUnitOfWork(nil, zaptest.NewLogger(t))
	assert.Error(t, uow.Ping(t.Context()), "no pool: not started")

	require.NoError(t, db.Start(t.Context()))
	version, _, err := migrations.Version(url)
	require.NoError(t, err)
	assert.Equal(t, migrations.Latest(), version)
	require.NotNil(t, db.Pool())
	assert.NoError(t, db.Pool().Ping(t.Context()))

	require.NoError(t, db.Stop(t.Context()))
	assert.Nil(t, db.Pool())
}

func TestModule(t *testing.T) {
	url := pgtest.NewEmptyDatabase(t)
	var uow app.UnitOfWork
	var readiness *postgres.UnitOfWork
	fxApp := fxtest.New(t,
		fx.Supply(postgres.Config{URL: url, MigrateOnStart: true}),
		fx.Provide(func() *zap.Logger { return zaptest.NewLogger(t) }),
		fx.Provide(func() (postgres.JobInserter, error) { return jobs.NewInserter(jobs.Config{}) }),
		postgres.Module,
		fx.Populate(&uow, &readiness),
	)
	fxApp.RequireStart()
	assert.NoError(t, readiness.Ping(t.Context()))
	err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		first, err := r.Updates.Claim(ctx, 1)
		assert.True(t, first)
		if err != nil {
			return err
		}
		return r.Jobs.Enqueue(ctx, moduleJob{N: 1}, app.JobOptions{})
	})
	assert.NoError(t, err)
	pool, err := postgres.Connect(t.Context(), url)
	require.NoError(t, err)
	defer pool.Close()
	var kind string
	require.NoError(t, pool.QueryRow(t.Context(), "SELECT kind FROM river_job").Scan(&kind))
	assert.Equal(t, "module_test", kind, "a job enqueued in a unit of work is stored with it")
	fxApp.RequireStop()
	assert.Error(t, readiness.Ping(t.Context()), "the pool is closed after stop")
}

// moduleJob is a job TestModule enqueues.
type moduleJob struct{ N int }

func (moduleJob) Kind() string { return "module_test" }
