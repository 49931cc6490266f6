package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
)

// startedDatabase is a started *Database over url, stopped when the test ends.
func startedDatabase(t *testing.T, url string) *postgres.Database {
	t.Helper()
	d := postgres.NewDatabase(postgres.Config{URL: url}, zaptest.NewLogger(t))
	require.NoError(t, d.Start(t.Context()))
	t.Cleanup(func() { _ = d.Stop(context.Background()) })
	return d
}

func TestReadiness(t *testing.T) {
	t.Run("a migrated database is ready", func(t *testing.T) {
		r := postgres.NewReadiness(startedDatabase(t, pgtest.NewDatabase(t)))
		assert.NoError(t, r.Ready(t.Context()))
	})
	t.Run("a database without migrations is not", func(t *testing.T) {
		r := postgres.NewReadiness(startedDatabase(t, pgtest.NewEmptyDatabase(t)))
		assert.ErrorContains(t, r.Ready(t.Context()), "no migration applied")
	})
	t.Run("an older schema is not", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		execSQL(t, url, "UPDATE schema_migrations SET version = 1")
		r := postgres.NewReadiness(startedDatabase(t, url))
		assert.ErrorContains(t, r.Ready(t.Context()), "version 1, this binary needs")
	})
	t.Run("a dirty schema is not", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		execSQL(t, url, "UPDATE schema_migrations SET dirty = true")
		r := postgres.NewReadiness(startedDatabase(t, url))
		assert.ErrorContains(t, r.Ready(t.Context()), "dirty")
	})
	t.Run("a stopped database is not", func(t *testing.T) {
		d := startedDatabase(t, pgtest.NewDatabase(t))
		require.NoError(t, d.Stop(t.Context()))
		assert.Error(t, postgres.NewReadiness(d).Ready(t.Context()))
	})
}

func TestPoolCollectorReportsThePoolsStatistics(t *testing.T) {
	d := startedDatabase(t, pgtest.NewDatabase(t))
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, reg.Register(postgres.NewPoolCollector(d)))
	require.NoError(t, d.Pool().Ping(t.Context()))
	n, err := testutil.GatherAndCount(reg, "filekeeper_db_pool_max_connections", "filekeeper_db_pool_acquires_total", "filekeeper_db_pool_idle_connections")
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	require.NoError(t, d.Stop(t.Context()))
	n, err = testutil.GatherAndCount(reg)
	require.NoError(t, err)
	assert.Zero(t, n, "a closed pool reports nothing")
}

func execSQL(t *testing.T, url, sql string) {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	_, err = conn.Exec(t.Context(), sql)
	require.NoError(t, err)
}

func TestThePoolHasAtLeastMinPoolSizeConnections(t *testing.T) {
	url := pgtest.NewDatabase(t)
	tests := []struct {
		name string
		url  string
		min  int32
		want int32
	}{
		{"a minimum above pgx's default raises the pool", url, 24, 24},
		{"a larger pool_max_conns in the URL wins", url + "&pool_max_conns=40", 24, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := postgres.NewDatabase(postgres.Config{URL: tt.url, MinPoolSize: tt.min}, zaptest.NewLogger(t))
			require.NoError(t, d.Start(t.Context()))
			t.Cleanup(func() { _ = d.Stop(context.Background()) })
			assert.Equal(t, tt.want, d.Pool().Config().MaxConns)
		})
	}
}
