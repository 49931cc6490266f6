package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/leader"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
)

// Behind PgBouncer in transaction mode (a server connection is the client's for one transaction
// only) the bot works in webhook mode; the polling leader's session-level advisory lock does
// not: it needs a session of its own. PgBouncer comes from TEST_PGBOUNCER_URL, by default the one
// .ci/run starts (.ci/pgbouncer.ini: 127.0.0.1:6432, every database of the local PostgreSQL).

const defaultPgBouncerURL = "postgres://postgres@127.0.0.1:6432/postgres?sslmode=disable"

// throughPgBouncer is dbURL's database reached through PgBouncer, with the query mode a
// transaction pool needs (no prepared statements kept across transactions).
func throughPgBouncer(t *testing.T, dbURL string) string {
	t.Helper()
	bouncer := os.Getenv("TEST_PGBOUNCER_URL")
	if bouncer == "" {
		bouncer = defaultPgBouncerURL
	}
	b, err := url.Parse(bouncer)
	require.NoError(t, err, "TEST_PGBOUNCER_URL")
	d, err := url.Parse(dbURL)
	require.NoError(t, err)
	b.Path = d.Path
	q := b.Query()
	q.Set("default_query_exec_mode", "exec")
	b.RawQuery = q.Encode()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, b.String())
	if err != nil {
		t.Fatalf("no PgBouncer answers at %s (%v): install pgbouncer and start it as .ci/run does (.ci/pgbouncer.ini), or set TEST_PGBOUNCER_URL", bouncer, err)
	}
	_ = conn.Close(ctx)
	return b.String()
}

func TestWebhookModeWorksBehindPgBouncerInTransactionMode(t *testing.T) {
	w := newWebhookWorld(t)
	cfg := w.config(throughPgBouncer(t, w.dbURL))
	cfg.MigrateOnStart = false // migrations take a session-level advisory lock: run them directly
	a, b := startInstance(t, "a", cfg), startInstance(t, "b", cfg)

	// Users upload at once, their deliveries spread over the two instances: every transaction
	// runs on whichever server connection PgBouncer hands out.
	var wg sync.WaitGroup
	for i := range 20 {
		user := models.User{ID: int64(7_000_000 + i), FirstName: fmt.Sprintf("U%d", i)}
		in := []*instance{a, b}[i%2]
		wg.Go(func() {
			upd := w.document(user, fmt.Sprintf("bounced-%d.pdf", i))
			code, body := postUpdate(t, in.url(webhookPath), webhookSecret, encode(t, upd))
			assert.Equal(t, 200, code, body)
			code, body = postUpdate(t, in.url(webhookPath), webhookSecret, encode(t, w.api.SendText(user, "/list")))
			assert.Equal(t, 200, code, body)
		})
	}
	wg.Wait()
	for i := range 20 {
		assert.Equal(t, 1, w.files(fmt.Sprintf("bounced-%d.pdf", i)))
	}
	assert.Equal(t, 40, count(t, w.dbURL, "SELECT count(*) FROM processed_updates"))
	lists := 0
	for _, c := range w.api.CallsTo("sendMessage") {
		if c.Err == nil && len(c.Params["reply_markup"]) > 0 && c.Params["chat_id"] != "" {
			lists++
		}
	}
	assert.GreaterOrEqual(t, lists, 20, "each user got their list")
	for _, in := range []*instance{a, b} {
		code, body := get(t, in.url("/readyz"))
		assert.Equal(t, 200, code, body)
		assert.Zero(t, in.logged("prepared statement"), in.name)
	}
}

func TestThePollingLockIsNotSafeBehindPgBouncerInTransactionMode(t *testing.T) {
	// Two instances polling through PgBouncer: each takes the session-level lock on a server
	// connection that goes back to the pool after the statement, so the second is handed the
	// same session and "takes" the lock it already holds. Both lead: polling needs DATABASE_URL
	// to reach PostgreSQL directly (or a session-mode pool).
	dbURL := throughPgBouncer(t, pgtest.NewDatabase(t))
	db := postgres.NewDatabase(postgres.Config{URL: dbURL}, zaptest.NewLogger(t))
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	require.NoError(t, db.Start(ctx))
	t.Cleanup(func() { _ = db.Stop(context.Background()) })

	first, second := leader.New(db, "polling", zaptest.NewLogger(t)), leader.New(db, "polling", zaptest.NewLogger(t))
	_, releaseFirst, err := first.Acquire(ctx)
	require.NoError(t, err)
	defer releaseFirst()
	soon, cancelSoon := context.WithTimeout(ctx, 3*time.Second)
	defer cancelSoon()
	_, releaseSecond, err := second.Acquire(soon)
	require.NoError(t, err, "the second instance leads too")
	releaseSecond()
}
