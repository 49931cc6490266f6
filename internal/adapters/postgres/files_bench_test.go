package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/migrations"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// The benchmarks of list paging and search run the app's use cases over a database of
// benchFiles generated files: one heavy user keeps benchHeavyFiles of them, the rest are shared by
// benchOwners other users (about 1 000 each). The database (benchDatabase) is generated once, with
// INSERT … SELECT generate_series, and kept between runs: it is made again only when the data's
// recipe (benchRecipe) changes, and once per schema version (its name ends with it, so branches at
// different migrations do not remake each other's). Drop them with
//
//	psql postgres://postgres@127.0.0.1:5432/postgres -c 'DROP DATABASE filekeeper_bench_files_12'
const (
	benchFiles      = 1_000_000
	benchHeavyFiles = 200_000
	benchOwners     = 800
	benchRecipe     = 4 // bump when the generated data changes
	// benchTagEvery: one file in that many, of every user, carries its owner's tag "work".
	benchTagEvery = 4
)

// benchDatabase is the database of the generated data at this schema version.
var benchDatabase = fmt.Sprintf("filekeeper_bench_files_%d", migrations.Latest())

// benchWords name the files; each is in 1 file of 20.
var benchWords = []string{"report", "invoice", "photo", "scan", "contract", "holiday", "meeting", "notes",
	"budget", "resume", "passport", "ticket", "receipt", "lecture", "song", "video", "draft", "plan", "letter", "manual"}

var (
	benchOnce sync.Once
	benchPool *pgxpool.Pool
	benchErr  error
)

// benchData opens the generated database, generating it first if need be.
func benchData(b *testing.B) *pgxpool.Pool {
	b.Helper()
	benchOnce.Do(func() { benchPool, benchErr = openBenchData() })
	if benchErr != nil {
		b.Fatalf("benchmark data: %v", benchErr)
	}
	return benchPool
}

func openBenchData() (*pgxpool.Pool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	server := pgtest.ServerURL()
	u, err := url.Parse(server)
	if err != nil {
		return nil, errors.New("TEST_DATABASE_URL is not a URL")
	}
	u.Path = "/" + benchDatabase
	want := fmt.Sprintf("recipe %d, schema %d, %d files", benchRecipe, migrations.Latest(), benchFiles)
	if pool, err := postgres.Connect(ctx, u.String()); err == nil {
		var got string
		err := pool.QueryRow(ctx, "SELECT recipe FROM bench_dataset").Scan(&got)
		if err == nil && got == want {
			return pool, nil
		}
		pool.Close()
	}
	start := time.Now()
	fmt.Printf("generating %s: %s (once; kept for the next runs)…\n", benchDatabase, want)
	if err := benchAdmin(ctx, server, "DROP DATABASE IF EXISTS "+benchDatabase+" WITH (FORCE)"); err != nil {
		return nil, err
	}
	if err := benchAdmin(ctx, server, "CREATE DATABASE "+benchDatabase+" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"); err != nil {
		return nil, err
	}
	if err := migrations.Up(u.String()); err != nil {
		return nil, err
	}
	pool, err := postgres.Connect(ctx, u.String())
	if err != nil {
		return nil, err
	}
	if err := generate(ctx, pool, want); err != nil {
		pool.Close()
		return nil, err
	}
	fmt.Printf("generated %d files in %v\n", benchFiles, time.Since(start).Round(time.Second))
	return pool, nil
}

func benchAdmin(ctx context.Context, server, sql string) error {
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	_, err = conn.Exec(ctx, sql)
	return err
}

// generate fills the database: the users, then the files with the indexes of files dropped and
// built afresh afterwards (as the migrations define them), which is much faster than inserting
// into them row by row.
func generate(ctx context.Context, pool *pgxpool.Pool, recipe string) error {
	rows, err := pool.Query(ctx, `SELECT indexname, indexdef FROM pg_indexes
		WHERE tablename = 'files' AND indexdef NOT LIKE 'CREATE UNIQUE%'`)
	if err != nil {
		return err
	}
	indexes, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct{ Name, Def string }])
	if err != nil {
		return err
	}
	steps := []string{fmt.Sprintf(`INSERT INTO users (telegram_id, first_name) SELECT g, 'User ' || g FROM generate_series(1, %d) g`, benchOwners+1)}
	for _, index := range indexes {
		steps = append(steps, "DROP INDEX "+pgx.Identifier{index.Name}.Sanitize())
	}
	// File g: every fifth belongs to user 1 (the heavy one), the others go round users 2…801. Its
	// traits come from h, a scramble of g, so every user gets every kind of name: names like
	// "invoice_2019_0123456.pdf" (a word of benchWords each, but "tax", which only other users'
	// files have, 1 in 50 of theirs), a caption on one file in four, the oldest first.
	steps = append(steps, fmt.Sprintf(`
		INSERT INTO files (owner_id, telegram_file_id, file_unique_id, name, mime_type, size, kind, carrier, caption, created_at)
		SELECT
			CASE WHEN g %% 5 = 0 THEN 1 ELSE 2 + g %% %[2]d END,
			'BQACAgIAAxkBAAI' || md5(g::text), 'AgAD' || g,
			CASE WHEN g %% 5 <> 0 AND h %% 50 = 7 THEN 'tax' ELSE ($1::text[])[1 + h %% 20] END
				|| '_' || (2015 + (h / 2000) %% 10) || '_' || lpad(g::text, 7, '0') ||
				(ARRAY['.pdf', '.jpg', '.mp4', '.docx', '.mp3'])[1 + (h / 20) %% 5],
			(ARRAY['application/pdf', 'image/jpeg', 'video/mp4', 'application/msword', 'audio/mpeg'])[1 + (h / 20) %% 5],
			1000 + h %% 5000000,
			(ARRAY['document', 'photo', 'video', 'document', 'audio'])[1 + (h / 20) %% 5],
			(ARRAY['document', 'photo', 'video', 'document', 'audio'])[1 + (h / 20) %% 5],
			CASE WHEN (h / 100) %% 4 = 0 THEN 'from ' || ($1::text[])[1 + (h / 400) %% 20] || ' ' || (h %% 1000) ELSE '' END,
			now() - make_interval(secs => %[1]d - g)
		FROM generate_series(1, %[1]d) g, LATERAL (SELECT (g::bigint * 2654435761) %% 4294967296 AS h) scramble`, benchFiles, benchOwners))
	for _, index := range indexes {
		steps = append(steps, index.Def)
	}
	// Every user's tag "work" on one of their files in benchTagEvery, as TagFile puts it.
	steps = append(steps, `INSERT INTO tags (owner_id, name) SELECT id, 'work' FROM users`, fmt.Sprintf(`
		INSERT INTO file_tags (tag_id, file_id, owner_id, name_key, size, kind, trashed)
		SELECT t.id, f.id, f.owner_id, lower(f.name), f.size, f.kind, false
		FROM files f JOIN tags t ON t.owner_id = f.owner_id WHERE f.id %% %d = 0`, benchTagEvery))
	steps = append(steps, "VACUUM ANALYZE", "CREATE TABLE bench_dataset (recipe text NOT NULL)")
	for _, sql := range steps {
		args := []any{}
		if strings.Contains(sql, "$1") {
			args = append(args, benchWords)
		}
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			return fmt.Errorf("%.60s…: %w", sql, err)
		}
	}
	_, err = pool.Exec(ctx, "INSERT INTO bench_dataset VALUES ($1)", recipe)
	return err
}

// timed runs op b.N times and reports the 50th, 95th and 99th percentiles of its duration.
func timed(b *testing.B, op func(ctx context.Context) error) {
	b.Helper()
	ctx := context.Background()
	for range 20 { // warm the caches and the connection's prepared statements
		if err := op(ctx); err != nil {
			b.Fatal(err)
		}
	}
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if err := op(ctx); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	for _, p := range []float64{50, 95, 99} {
		b.ReportMetric(float64(took[int(float64(len(took)-1)*p/100)].Microseconds())/1000, fmt.Sprintf("p%.0f-ms", p))
	}
}

// benchOrders are the keys of each order, as SQL over files, for the cursors at depth.
var benchOrders = map[domain.SortOrder]string{
	domain.SortNewest: "id DESC",
	domain.SortOldest: "id ASC",
	domain.SortName:   `lower(name) COLLATE "C", id`,
	domain.SortSize:   "size DESC, id DESC",
}

// heavyCursor is the cursor of the page that starts after the depth first files of user 1 in
// order (of kind, and carrying the tag "work", if asked), as a press of Next carries it. OFFSET
// finds it once, before the clock starts.
func heavyCursor(b *testing.B, pool *pgxpool.Pool, order domain.SortOrder, kind domain.Kind, tagged bool, depth int) domain.Cursor {
	b.Helper()
	if depth == 0 {
		return domain.Cursor{Number: 1}
	}
	filter := ""
	if kind != "" {
		filter += fmt.Sprintf(" AND kind = '%s'", kind)
	}
	if tagged {
		filter += fmt.Sprintf(" AND id %% %d = 0", benchTagEvery)
	}
	var id int64
	err := pool.QueryRow(context.Background(), `SELECT id FROM files WHERE owner_id = 1 AND deleted_at IS NULL`+filter+`
		ORDER BY `+benchOrders[order]+` OFFSET $1 LIMIT 1`, depth-1).Scan(&id)
	if err != nil {
		b.Fatal(err)
	}
	return domain.Cursor{ID: id, Number: depth/8 + 1}
}

// BenchmarkListPage turns a page of 8 of the heavy user's files (200 000) in each order, as the
// ListFiles use case does for a press of Next (the page and the count the list shows): at the
// start, 10 000 and 100 000 files deep among all their files, a fifth as deep among their photos,
// and a quarter as deep among the files tagged "work" (one in four).
func BenchmarkListPage(b *testing.B) {
	pool := benchData(b)
	list := app.NewListFiles(postgres.NewUnitOfWork(pool, zap.NewNop()))
	var tag int64
	if err := pool.QueryRow(context.Background(), "SELECT id FROM tags WHERE owner_id = 1 AND name = 'work'").Scan(&tag); err != nil {
		b.Fatal(err)
	}
	lists := []struct {
		name   string
		filter domain.FileFilter
		share  int // one file in share is in the list
	}{
		{"all", domain.FileFilter{}, 1},
		{"photo", domain.FileFilter{Kind: domain.KindPhoto}, 5},
		{"tag", domain.FileFilter{TagID: tag}, benchTagEvery},
	}
	for _, order := range domain.SortOrders {
		for _, depth := range []int{0, 10_000, 100_000} {
			for _, l := range lists {
				b.Run(fmt.Sprintf("order=%s/depth=%d/list=%s", order, depth/l.share, l.name), func(b *testing.B) {
					cursor := heavyCursor(b, pool, order, l.filter.Kind, l.filter.TagID > 0, depth/l.share)
					timed(b, func(ctx context.Context) error {
						page, err := list.Handle(ctx, app.ListFilesInput{OwnerID: 1, Filter: l.filter, Cursor: cursor, PageSize: 8, Sort: order})
						if err == nil && (len(page.Items) != 8 || page.Total == 0) {
							err = fmt.Errorf("a page of %d files of %d", len(page.Items), page.Total)
						}
						return err
					})
				})
			}
		}
	}
}

// BenchmarkSearch runs a search as a user starts one (/search or the button): the query is saved
// and its first page found, among the 1 000 000 files; for the heavy user (200 000 files of their
// own) and a typical one (1 000).
func BenchmarkSearch(b *testing.B) {
	pool := benchData(b)
	search := app.NewSearchFiles(postgres.NewUnitOfWork(pool, zap.NewNop()))
	queries := []struct{ name, text string }{
		{"a common word", "invoice"},                    // in 1 file of 20
		{"a rare number", "2019_0123"},                  // a handful of files
		{"a word and number of captions", "passport 7"}, // captions only: "from passport 7…"
		{"a word only other users have", "tax"},         // 16 000 files, none of this user's
		{"nothing found", "zzzqx"},
		{"a two-letter prefix", "re"}, // report, resume, receipt…: the prefix indexes
	}
	for _, owner := range []struct {
		name string
		id   int64
	}{{"heavy user", 1}, {"typical user", 2}} {
		for _, q := range queries {
			b.Run(owner.name+"/"+q.name, func(b *testing.B) {
				timed(b, func(ctx context.Context) error {
					_, _, err := search.Start(ctx, owner.id, q.text, 8, "")
					return err
				})
			})
		}
	}
}
