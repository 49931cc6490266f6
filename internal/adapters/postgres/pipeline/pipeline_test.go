package pipeline_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pipeline"
	"github.com/filekeeper/filekeeper/internal/tcpproxy"
)

// conn is a connection to a fresh database through a proxy that counts round trips, with a
// table t (one unique column) to write to.
func conn(t *testing.T) (*pgxpool.Conn, *tcpproxy.Proxy) {
	u, err := url.Parse(pgtest.NewEmptyDatabase(t))
	require.NoError(t, err)
	proxy, err := tcpproxy.New(u.Host, tcpproxy.Options{Postgres: true})
	require.NoError(t, err)
	t.Cleanup(proxy.Close)
	u.Host = proxy.Addr()
	pool, err := pgxpool.New(t.Context(), u.String())
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	_, err = pool.Exec(t.Context(), "CREATE TABLE t (v int UNIQUE)")
	require.NoError(t, err)
	c, err := pool.Acquire(t.Context())
	require.NoError(t, err)
	t.Cleanup(c.Release)
	return c, proxy
}

// queue queues an insert of v, a batch statement nobody waits for.
func queue(ctx context.Context, p *pipeline.Pipe, v int) pgx.BatchResults {
	b := &pgx.Batch{}
	b.Queue("INSERT INTO t VALUES ($1)", v)
	return p.SendBatch(ctx, b)
}

func count(t *testing.T, c *pgxpool.Conn) int {
	var n int
	require.NoError(t, c.QueryRow(t.Context(), "SELECT count(*) FROM t").Scan(&n))
	return n
}

func TestQueuedStatementsTravelWithTheNextReadAndCommit(t *testing.T) {
	c, proxy := conn(t)
	ctx := t.Context()
	warm := pipeline.New(c) // statements prepared once, as in a running bot
	queue(ctx, warm, 0)
	var n int
	require.NoError(t, warm.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n))
	require.NoError(t, warm.Commit(ctx))

	p := pipeline.New(c)
	before := proxy.Stats()
	queue(ctx, p, 1)
	queue(ctx, p, 2)
	assert.Zero(t, proxy.Stats().Sub(before).RoundTrips, "queued: nothing sent")
	require.NoError(t, p.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n))
	assert.Equal(t, 3, n, "the read sees the writes queued before it")
	queue(ctx, p, 3)
	require.NoError(t, p.Commit(ctx))
	got := proxy.Stats().Sub(before)
	assert.Equal(t, int64(2), got.RoundTrips, "BEGIN, two writes and the read; a write and COMMIT")
	assert.Equal(t, 4, count(t, c))
}

func TestAUnitOfWorkThatSendsNothingBeginsNothing(t *testing.T) {
	c, proxy := conn(t)
	before := proxy.Stats()
	require.NoError(t, pipeline.New(c).Commit(t.Context()))
	assert.Zero(t, proxy.Stats().Sub(before).RoundTrips)
}

func TestAFailedQueuedWriteFailsWhatFollowsAndTheCommit(t *testing.T) {
	c, _ := conn(t)
	ctx := t.Context()
	p := pipeline.New(c)
	queue(ctx, p, 1)
	queue(ctx, p, 1) // a unique violation
	var n int
	err := p.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "23505")
	assert.Error(t, p.Commit(ctx))
	p.Rollback(ctx)
	assert.Equal(t, byte('I'), c.Conn().PgConn().TxStatus(), "rolled back")
	assert.Zero(t, count(t, c))
}

func TestAGuessCheckedWrongNeverCommits(t *testing.T) {
	c, _ := conn(t)
	ctx := t.Context()
	p := pipeline.New(c)
	res := queue(ctx, p, 1)
	p.WhenSentCheck(func() error { // the check of the write's answer fails
		_, err := res.Exec()
		require.NoError(t, err)
		return assert.AnError
	})
	err := p.Commit(ctx)
	require.ErrorIs(t, err, assert.AnError)
	p.Rollback(ctx)
	assert.Zero(t, count(t, c), "the write was not committed with the failed check")
}
