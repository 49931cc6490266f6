package tcpproxy_test

import (
	"context"
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/tcpproxy"
)

// through returns the test server's URL with its host replaced by the proxy's, without TLS.
func through(t *testing.T, p *tcpproxy.Proxy) string {
	t.Helper()
	u, err := url.Parse(pgtest.ServerURL())
	require.NoError(t, err)
	u.Host = p.Addr()
	q := u.Query()
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return u.String()
}

func newPostgresProxy(t *testing.T) *tcpproxy.Proxy {
	t.Helper()
	u, err := url.Parse(pgtest.ServerURL())
	require.NoError(t, err)
	p, err := tcpproxy.New(u.Host, tcpproxy.Options{Postgres: true})
	require.NoError(t, err)
	t.Cleanup(p.Close)
	return p
}

func connect(t *testing.T, p *tcpproxy.Proxy) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, through(t, p))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func TestTheProxyCountsRoundTripsStatementsAndTransactionsOfPostgres(t *testing.T) {
	p := newPostgresProxy(t)
	conn := connect(t, p)
	ctx := t.Context()
	_, err := conn.Exec(ctx, "SELECT $1::int", 1) // prepares the statement: two round trips
	require.NoError(t, err)

	before := p.Stats()
	_, err = conn.Exec(ctx, "SELECT $1::int", 2)
	require.NoError(t, err)
	got := p.Stats().Sub(before)
	assert.Equal(t, tcpproxy.Stats{RoundTrips: 1, Statements: 1}, got, "a prepared statement: one round trip")

	before = p.Stats()
	tx, err := conn.Begin(ctx)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, "SELECT $1::int", 3)
	require.NoError(t, err)
	require.NoError(t, tx.Commit(ctx))
	got = p.Stats().Sub(before)
	assert.Equal(t, tcpproxy.Stats{RoundTrips: 3, Statements: 3, Transactions: 1}, got, "begin, the statement, commit")

	before = p.Stats()
	tx, err = conn.Begin(ctx)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, "SELECT 1/0")
	require.Error(t, err)
	require.NoError(t, tx.Rollback(ctx))
	assert.Equal(t, int64(1), p.Stats().Sub(before).Transactions, "a failed transaction rolled back ends too")
	assert.Equal(t, int64(1), p.Stats().Connections)
}

func TestACutClosesEveryConnectionAndRefusesNewOnesUntilRestored(t *testing.T) {
	p := newPostgresProxy(t)
	conn := connect(t, p)
	ctx := t.Context()
	require.NoError(t, conn.Ping(ctx))

	p.Cut()
	assert.Error(t, conn.Ping(ctx), "the connection was closed")
	_, err := net.DialTimeout("tcp", p.Addr(), time.Second)
	assert.Error(t, err, "new connections are refused")
	assert.Equal(t, int64(1), p.Stats().Connections, "nothing was accepted while cut")

	// No count after Restore: pgx may send the broken connection's CancelRequest (a connection
	// of its own) at any moment, so only the new connection's working is checked.
	require.NoError(t, p.Restore())
	again := connect(t, p)
	require.NoError(t, again.Ping(ctx))
}

func TestAMessageSplitAcrossChunksIsStillCounted(t *testing.T) {
	// A proxy in front of a plain echo server: the client's bytes come back unchanged.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		buf := make([]byte, 1024)
		for {
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			_, _ = c.Write(buf[:n])
		}
	}()
	p, err := tcpproxy.New(ln.Addr().String(), tcpproxy.Options{Postgres: true})
	require.NoError(t, err)
	defer p.Close()
	c, err := net.Dial("tcp", p.Addr())
	require.NoError(t, err)
	defer c.Close()

	startup := []byte{0, 0, 0, 8, 0, 3, 0, 0}
	query := append([]byte{'Q', 0, 0, 0, 13}, "SELECT 1;\x00"[:9]...)
	for _, chunk := range [][]byte{startup[:3], startup[3:], query[:2], query[2:7], query[7:]} {
		_, err := c.Write(chunk)
		require.NoError(t, err)
		buf := make([]byte, len(chunk))
		_, err = c.Read(buf) // wait for the echo: each chunk is its own round trip
		require.NoError(t, err)
	}
	assert.Equal(t, int64(1), p.Stats().Statements)
	assert.Equal(t, int64(5), p.Stats().RoundTrips)
}

func TestResetBreaksOpenConnectionsAndKeepsAccepting(t *testing.T) {
	p := newPostgresProxy(t)
	conn := connect(t, p)
	ctx := t.Context()
	require.NoError(t, conn.Ping(ctx))

	p.Reset()
	assert.Error(t, conn.Ping(ctx), "the connection was reset")
	again := connect(t, p)
	require.NoError(t, again.Ping(ctx), "new connections are taken")
}
