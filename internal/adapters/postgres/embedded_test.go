package postgres_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/embedded"
	"github.com/filekeeper/filekeeper/internal/app"
)

// TestEmbedded starts the embedded PostgreSQL as the users of `make run` do: as a normal user.
// Run as root (CI), it runs itself again as an unprivileged user, so a server that only root
// could start (a socket in /var/run/postgresql, say) fails here too.
func TestEmbedded(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Run("as root it refuses to start and says to set DATABASE_URL", func(t *testing.T) {
			db := postgres.NewDatabase(postgres.Config{EmbeddedDataDir: t.TempDir(), MigrateOnStart: true}, zaptest.NewLogger(t))
			err := db.Start(t.Context())
			require.ErrorIs(t, err, embedded.ErrAsRoot)
			assert.Contains(t, err.Error(), "set DATABASE_URL")
			assert.NoError(t, db.Stop(t.Context()))
		})
		t.Run("as a normal user", func(t *testing.T) { rerunAsUnprivileged(t, "^TestEmbedded$") })
		return
	}
	dir := t.TempDir()
	t.Run("it starts on a free port when the default one is taken, and stops", func(t *testing.T) {
		// Whatever holds the default port (this listener, or a server that was there first),
		// the embedded server must not collide with it.
		if ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", postgres.DefaultEmbeddedPort)); err == nil {
			defer ln.Close()
		}
		db := postgres.NewDatabase(postgres.Config{EmbeddedDataDir: dir, MigrateOnStart: true}, zaptest.NewLogger(t))
		require.NoError(t, db.Start(t.Context()))
		defer func() { require.NoError(t, db.Stop(context.Background())) }()
		assert.NotContains(t, db.URL(), fmt.Sprintf(":%d/", postgres.DefaultEmbeddedPort))
		assert.Contains(t, db.Describe(), "embedded PostgreSQL on port")
		assert.True(t, claim(t, db), "the first run claims the update")
	})
	t.Run("a restart keeps the data", func(t *testing.T) {
		db := postgres.NewDatabase(postgres.Config{EmbeddedDataDir: dir, EmbeddedPort: freePort(t), MigrateOnStart: true}, zaptest.NewLogger(t))
		require.NoError(t, db.Start(t.Context()))
		defer func() { require.NoError(t, db.Stop(context.Background())) }()
		assert.False(t, claim(t, db), "the second run finds the first run's claim")
	})
	t.Run("a port of the user's choice that is taken is an error saying what to change", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		defer ln.Close()
		port := uint32(ln.Addr().(*net.TCPAddr).Port)
		db := postgres.NewDatabase(postgres.Config{EmbeddedDataDir: dir, EmbeddedPort: port}, zaptest.NewLogger(t))
		err = db.Start(t.Context())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "EMBEDDED_PG_PORT")
		assert.Contains(t, err.Error(), strconv.Itoa(int(port)))
	})
	t.Run("a server that cannot start says PostgreSQL's FATAL line and what to do, in a few lines", func(t *testing.T) {
		conf := filepath.Join(dir, "data", "postgresql.conf")
		f, err := os.OpenFile(conf, os.O_APPEND|os.O_WRONLY, 0)
		require.NoError(t, err)
		_, err = io.WriteString(f, "\nshared_buffers = 'plenty'\n")
		require.NoError(t, err)
		require.NoError(t, f.Close())
		db := postgres.NewDatabase(postgres.Config{EmbeddedDataDir: dir, EmbeddedPort: freePort(t)}, zaptest.NewLogger(t))
		err = db.Start(t.Context())
		require.Error(t, err)
		msg := err.Error()
		assert.Contains(t, msg, "FATAL:")
		assert.Contains(t, msg, "DATABASE_URL")
		assert.NotContains(t, msg, "pg_ctl start", "not the command line")
		assert.LessOrEqual(t, strings.Count(msg, "\n"), 1, "one or two lines: %s", msg)
	})
}

// claim records update 1 and tells whether it was new.
func claim(t *testing.T, db *postgres.Database) bool {
	t.Helper()
	var first bool
	err := postgres.NewUnitOfWork(db.Pool(), zaptest.NewLogger(t)).Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		var err error
		first, err = r.Updates.Claim(ctx, 1)
		return err
	})
	require.NoError(t, err)
	return first
}

// rerunAsUnprivileged runs this test binary again, as the user nobody, with the tests matching
// run, in a home directory of its own, and fails with its output if they fail.
func rerunAsUnprivileged(t *testing.T, run string) {
	u, err := user.Lookup("nobody")
	require.NoError(t, err, "an unprivileged user is needed to test the embedded PostgreSQL as root")
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	// t.TempDir is private to root: make a directory the user can enter.
	base, err := os.MkdirTemp("", "filekeeper-nonroot-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(base) })
	require.NoError(t, os.Chmod(base, 0o755))
	bin := filepath.Join(base, "test.bin")
	copyFile(t, os.Args[0], bin, 0o755)
	home := filepath.Join(base, "home")
	require.NoError(t, os.Mkdir(home, 0o700))
	require.NoError(t, os.Chown(home, uid, gid))

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-test.run", run, "-test.count=1", "-test.v")
	cmd.Dir = home
	cmd.Env = []string{"HOME=" + home, "TMPDIR=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "as %s (uid %d):\n%s", u.Username, uid, out)
	require.Contains(t, string(out), "--- PASS: TestEmbedded/it_starts", "the run as %s ran the tests:\n%s", u.Username, out)
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	src, err := os.Open(from)
	require.NoError(t, err)
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	require.NoError(t, err)
	_, err = io.Copy(dst, src)
	require.NoError(t, err)
	require.NoError(t, dst.Close())
}

func freePort(t *testing.T) uint32 {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return uint32(l.Addr().(*net.TCPAddr).Port)
}
