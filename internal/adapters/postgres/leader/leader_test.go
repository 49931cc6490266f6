package leader_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/leader"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/app"
)

// database is a leader.Database at a fixed address.
type database string

func (d database) URL() string { return string(d) }

// observed is a logger that writes to the test log and keeps the entries for assertions.
func observed(t *testing.T) (*zap.Logger, *observer.ObservedLogs) {
	core, logs := observer.New(zapcore.InfoLevel)
	return zap.New(zapcore.NewTee(zaptest.NewLogger(t).Core(), core)), logs
}

type acquired struct {
	lost    <-chan struct{}
	release func()
	err     error
}

func acquireAsync(ctx context.Context, l app.Leadership) <-chan acquired {
	ch := make(chan acquired, 1)
	go func() {
		lost, release, err := l.Acquire(ctx)
		ch <- acquired{lost, release, err}
	}()
	return ch
}

func waitLog(t *testing.T, logs *observer.ObservedLogs, message string) {
	t.Helper()
	require.Eventually(t, func() bool { return logs.FilterMessage(message).Len() > 0 }, 10*time.Second, 10*time.Millisecond,
		"no log %q; logs: %v", message, logs.All())
}

func TestOnlyOneInstanceLeadsAndAnotherTakesOverOnRelease(t *testing.T) {
	url := pgtest.NewDatabase(t)
	first := leader.New(database(url), "polling", zaptest.NewLogger(t))
	log, logs := observed(t)
	second := leader.New(database(url), "polling", log)

	lost, release, err := first.Acquire(t.Context())
	require.NoError(t, err)
	defer release()

	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	waiting := acquireAsync(ctx, second)
	waitLog(t, logs, "waiting for the polling lock: another instance holds it")
	select {
	case got := <-waiting:
		t.Fatalf("the second instance leads while the first does: %v", got.err)
	default:
	}

	release()
	release() // twice is harmless
	got := <-waiting
	require.NoError(t, got.err)
	defer got.release()
	assert.Equal(t, 1, logs.FilterMessage("polling lock acquired").Len())
	select {
	case <-lost:
		t.Fatal("a released leadership is not lost")
	default:
	}
}

func TestALeaderWhoseConnectionDiesLosesAndAnotherTakesOver(t *testing.T) {
	url := pgtest.NewDatabase(t)
	first := leader.New(database(url), "polling", zaptest.NewLogger(t))
	second := leader.New(database(url), "polling", zaptest.NewLogger(t))
	lost, release, err := first.Acquire(t.Context())
	require.NoError(t, err)
	defer release()
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	waiting := acquireAsync(ctx, second)

	terminateLockHolder(t, url)
	select {
	case <-lost:
	case <-time.After(10 * time.Second):
		t.Fatal("the leader did not notice its connection died")
	}
	got := <-waiting
	require.NoError(t, got.err, "the other instance takes over")
	got.release()
}

func TestAcquireGivesUpWhenItsContextEnds(t *testing.T) {
	url := pgtest.NewDatabase(t)
	first := leader.New(database(url), "polling", zaptest.NewLogger(t))
	_, release, err := first.Acquire(t.Context())
	require.NoError(t, err)
	defer release()
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, _, err = leader.New(database(url), "polling", zaptest.NewLogger(t)).Acquire(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	// Another election is not blocked by this one.
	_, releaseOther, err := leader.New(database(url), "purge", zaptest.NewLogger(t)).Acquire(t.Context())
	require.NoError(t, err)
	releaseOther()
}

// terminateLockHolder ends the session holding an advisory lock in url's database, as a crash
// of its host or a database restart would.
func terminateLockHolder(t *testing.T, url string) {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	var n int
	require.NoError(t, conn.QueryRow(t.Context(), `
		SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted
		  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&n))
	require.Equal(t, 1, n, "one session holds the lock")
}
