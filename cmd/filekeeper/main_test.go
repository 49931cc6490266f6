package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/migrations"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/config"
)

func TestWiringGraphIsComplete(t *testing.T) {
	cfg, err := config.Load("testdata/absent.env")
	require.NoError(t, err)
	cfg.BotToken = tgtest.Token
	require.NoError(t, fx.ValidateApp(Options(cfg, zap.NewNop())))
	require.NoError(t, fx.ValidateApp(ReplayOptions(cfg, zap.NewNop())), "updates replay")
	cfg.RedisURL = "redis://127.0.0.1:6379/0"
	require.NoError(t, fx.ValidateApp(Options(cfg, zap.NewNop())), "with Redis")
}

func TestABadTokenStopsTheProgramWithExitCode2(t *testing.T) {
	cases := []struct {
		name, token, want string
	}{
		{"a missing token", "", "BOT_TOKEN is not set"},
		{"a malformed token", "not-a-token", "BOT_TOKEN is malformed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("BOT_TOKEN", tc.token)
			var stderr bytes.Buffer
			assert.Equal(t, exitUsage, run(nil, &stderr))
			assert.Contains(t, stderr.String(), tc.want)
		})
	}
}

func TestUnknownSubcommandPrintsUsage(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, exitUsage, run([]string{"fly"}, &stderr))
	assert.Contains(t, stderr.String(), "usage:")
	stderr.Reset()
	assert.Equal(t, exitUsage, run([]string{"migrate", "sideways"}, &stderr))
}

func TestMigrateSubcommand(t *testing.T) {
	t.Setenv("DATABASE_URL", pgtest.NewEmptyDatabase(t))
	newest := fmt.Sprintf("schema is at version %d", migrations.Latest())
	for _, step := range []struct{ args, want string }{
		{"migrate version", "no migration applied"},
		{"migrate up", newest},
		{"migrate version", newest},
		{"migrate version", "the job queue's (River's) at version"},
		{"migrate down", "every migration rolled back"},
		{"migrate version", "no migration applied"},
	} {
		var out bytes.Buffer
		require.Equal(t, exitOK, run(strings.Fields(step.args), &out), "%s: %s", step.args, out.String())
		assert.Contains(t, out.String(), step.want, step.args)
	}
}

// TestSIGTERMStopsTheBinaryCleanly runs the real binary against the stand-in and PostgreSQL,
// lets it handle a file, then sends SIGTERM: it must exit 0 within 10 s.
func TestSIGTERMStopsTheBinaryCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "filekeeper")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	api := tgtest.NewServer()
	defer api.Close()
	cmd := exec.Command(bin, "run")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "BOT_TOKEN="+tgtest.Token, "BOT_API_URL="+api.URL(),
		"DATABASE_URL="+pgtest.NewDatabase(t), "POLL_TIMEOUT=2s", "LOG_FORMAT=json")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	f, u := api.NewFileIDs()
	upd := api.SendDocument(alice, docOf(f, u, "a.pdf"), "")
	api.WaitForCall(t, 20*time.Second, repliesTo(alice.ID, upd.Message.ID))

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("exit code %d; logs:\n%s", exit.ExitCode(), logs.String())
		}
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("still running 10 s after SIGTERM; logs:\n%s", logs.String())
	}
	assert.Contains(t, logs.String(), "confirmed handled updates")
	assert.Zero(t, api.Pending())
}

func TestThePoolHasAConnectionForEveryWorker(t *testing.T) {
	for _, workers := range []int{1, 8, 64} {
		cfg, err := config.Load("testdata/absent.env")
		require.NoError(t, err)
		cfg.Workers, cfg.JobWorkers = workers, workers
		assert.GreaterOrEqual(t, postgresConfig(cfg).MinPoolSize, int32(2*workers+1), "WORKERS=JOB_WORKERS=%d", workers)
	}
}
