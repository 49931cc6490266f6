package postgres_test

import (
	"context"
	"net"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/app"
)

func TestEmbedded(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Run("as root it refuses to start and says to set DATABASE_URL", func(t *testing.T) {
			db := postgres.NewDatabase(postgres.Config{EmbeddedDataDir: t.TempDir(), MigrateOnStart: true}, zaptest.NewLogger(t))
			err := db.Start(t.Context())
			require.ErrorIs(t, err, postgres.ErrEmbeddedAsRoot)
			assert.Contains(t, err.Error(), "set DATABASE_URL")
			assert.NoError(t, db.Stop(t.Context()))
		})
		return
	}
	t.Run("it starts, keeps its data across restarts and stops", func(t *testing.T) {
		dir, port := t.TempDir(), freePort(t)
		cfg := postgres.Config{EmbeddedDataDir: dir, EmbeddedPort: port, MigrateOnStart: true}
		claim := func() bool {
			db := postgres.NewDatabase(cfg, zaptest.NewLogger(t))
			require.NoError(t, db.Start(t.Context()))
			defer func() { require.NoError(t, db.Stop(context.Background())) }()
			var first bool
			err := postgres.NewUnitOfWork(db.Pool()).Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				var err error
				first, err = r.Updates.Claim(ctx, 1)
				return err
			})
			require.NoError(t, err)
			return first
		}
		assert.True(t, claim(), "first run")
		assert.False(t, claim(), "the second run finds the first run's claim")
	})
}

func freePort(t *testing.T) uint32 {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return uint32(l.Addr().(*net.TCPAddr).Port)
}
