package migrations_test

import (
	"context"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/db"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/migrations"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
)

// latestMigration is the version of the newest embedded migration, e.g. 2 for
// 000002_manage.up.sql.
func latestMigration(t *testing.T) uint {
	t.Helper()
	names, err := fs.Glob(db.Migrations, "migrations/*.up.sql")
	require.NoError(t, err)
	var latest uint
	for _, name := range names {
		prefix, _, _ := strings.Cut(path.Base(name), "_")
		v, err := strconv.ParseUint(prefix, 10, 32)
		require.NoError(t, err, name)
		latest = max(latest, uint(v))
	}
	require.NotZero(t, latest)
	return latest
}

func TestMigrations(t *testing.T) {
	url := pgtest.NewEmptyDatabase(t)
	latest := latestMigration(t)
	require.GreaterOrEqual(t, latest, uint(2), "000002_manage is embedded")
	steps := []struct {
		name    string
		migrate func(string) error
		version uint
	}{
		{"an empty database has no version", nil, 0},
		{"up applies every migration", migrations.Up, latest},
		{"up again changes nothing and is no error", migrations.Up, latest},
		{"down rolls every migration back", migrations.Down, 0},
		{"down again changes nothing and is no error", migrations.Down, 0},
		{"up after down applies them again", migrations.Up, latest},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			if step.migrate != nil {
				require.NoError(t, step.migrate(url))
			}
			version, dirty, err := migrations.Version(url)
			require.NoError(t, err)
			assert.Equal(t, step.version, version)
			assert.False(t, dirty)
			// River's tables (the job queue) come and go with ours.
			for _, table := range []string{"users", "categories", "files", "processed_updates", "conversations", "searches", "shares", "river_job", "river_migration"} {
				assert.Equal(t, step.version > 0, tableExists(t, url, table), table)
			}
		})
	}
	t.Run("a postgresql:// URL works too", func(t *testing.T) {
		_, _, err := migrations.Version("postgresql" + url[len("postgres"):])
		assert.NoError(t, err)
	})
	t.Run("an unreachable server is an error", func(t *testing.T) {
		assert.Error(t, migrations.Up("postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"))
	})
}

func tableExists(t *testing.T, url, table string) bool {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	var exists bool
	require.NoError(t, conn.QueryRow(t.Context(), "SELECT to_regclass($1) IS NOT NULL", table).Scan(&exists))
	return exists
}

func TestLatestIsTheNewestEmbedded(t *testing.T) {
	assert.Equal(t, latestMigration(t), migrations.Latest())
}

func TestInstancesStartingAtOnceMigrateTheJobQueueOnce(t *testing.T) {
	url := pgtest.NewEmptyDatabase(t)
	errs := make(chan error, 3)
	for range cap(errs) {
		go func() { errs <- migrations.Up(url) }()
	}
	for range cap(errs) {
		assert.NoError(t, <-errs)
	}
	version, err := migrations.JobSchemaVersion(t.Context(), url)
	require.NoError(t, err)
	assert.Positive(t, version)
}
