package roundtrips

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/tcpproxy"
)

type tracer struct{ t *testing.T }

func (tr tracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	s := d.SQL
	if len(s) > 90 {
		s = s[:90]
	}
	tr.t.Logf("SQL %s", s)
	return ctx
}
func (tracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (tr tracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	var names []string
	for _, q := range d.Batch.QueuedQueries {
		n := q.SQL
		if len(n) > 40 {
			n = n[:40]
		}
		names = append(names, n)
	}
	tr.t.Logf("BATCH %q", names)
	return ctx
}
func (tracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (tracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}

func TestProbe(t *testing.T) {
	dbURL := pgtest.NewDatabase(t)
	u, _ := url.Parse(dbURL)
	proxy, err := tcpproxy.New(u.Host, tcpproxy.Options{Postgres: true})
	require.NoError(t, err)
	t.Cleanup(proxy.Close)
	u.Host = proxy.Addr()
	cfg, err := pgxpool.ParseConfig(u.String())
	require.NoError(t, err)
	cfg.ConnConfig.Tracer = tracer{t}
	cfg.MaxConns = 1
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	log := zaptest.NewLogger(t)
	uow := postgres.NewUnitOfWork(pool, log)
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	tcfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 1, UpdateTimeout: 5 * time.Second}
	client, err := telegram.NewClient(tcfg, log)
	require.NoError(t, err)
	limits := app.Limits{MaxFileSize: 1 << 30}
	router := telegram.NewRouter(app.New(uow, memory.NewClock(time.Now()), app.RandomTokens{}, limits), limits, telegram.NewSender(client, log), nil, log)
	poller := updates.NewPoller(tcfg.Polling(), updates.NewDispatcher(router, log, 1, 5*time.Second, nil), log)
	poller.Start()
	t.Cleanup(func() { _ = poller.Stop(context.Background()) })
	ann := models.User{ID: 77, FirstName: "Ann", LanguageCode: "en"}
	measure := func(name string, do func()) {
		before := proxy.Stats()
		n := len(api.Calls())
		do()
		require.Eventually(t, func() bool { return len(api.Calls()) > n && api.Pending() == 0 }, 5*time.Second, time.Millisecond)
		time.Sleep(100 * time.Millisecond)
		t.Logf("=== %s: %+v", name, proxy.Stats().Sub(before))
	}
	for i := 0; i < 3; i++ {
		measure("upload", func() {
			f, uq := api.NewFileIDs()
			api.SendDocument(ann, models.Document{FileID: f, FileUniqueID: uq, FileName: "a.pdf", MimeType: "application/pdf", FileSize: 1000}, "")
		})
	}
	measure("/files", func() { api.SendText(ann, "/files") })
	for i := 0; i < 2; i++ {
		list, _ := api.LastMessage(ann.ID)
		t.Logf("buttons %v", list.ReplyMarkup)
		var data string
		for _, row := range list.ReplyMarkup.InlineKeyboard {
			for _, b := range row {
				t.Logf("btn %q %q", b.Text, b.CallbackData)
				if strings.HasPrefix(b.Text, "🗂 All") || strings.HasPrefix(b.Text, "Next") {
					data = b.CallbackData
				}
			}
		}
		measure("page", func() { api.PressButton(ann, list, data) })
	}
	for i := 0; i < 2; i++ {
		measure("get", func() { api.PressButton(ann, models.Message{}, views.EncodeCallback(views.Callback{Action: views.ActGet, FileID: 1})) })
	}
}
