package postgres_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/app"
)

// generatedFiles is how many files TestSearchPlans keeps, over generatedOwners owners.
const (
	generatedFiles  = 100_000
	generatedOwners = 4
)

// TestSearchPlans checks what only a database of some size shows: the searches run as the
// repository runs them (same SQL, same parameters) are planned on the indexes made for them, and
// find what a plain scan finds.
func TestSearchPlans(t *testing.T) {
	queries := &queryLog{}
	pool := newTracedPool(t, queries)
	owners := seedGeneratedFiles(t, pool)
	uow := postgres.NewUnitOfWork(pool, zaptest.NewLogger(t))
	owner := owners[1]

	tests := []struct {
		name    string
		search  string
		prefix  bool
		indexes []string // the plan reads these, each with a Bitmap Index Scan, and no other index
	}{
		{"a rare word is searched on the trigram indexes of names, captions and origins", "отчёт", false,
			[]string{"files_name_trgm_idx", "files_caption_trgm_idx", "files_origin_name_trgm_idx"}},
		{"a rare Latin word in another case too", "QUARTERLY", false,
			[]string{"files_name_trgm_idx", "files_caption_trgm_idx", "files_origin_name_trgm_idx"}},
		{"a rare word of a forward's origin too", "TRAVEL", false,
			[]string{"files_name_trgm_idx", "files_caption_trgm_idx", "files_origin_name_trgm_idx"}},
		{"a word found nowhere is looked up on the trigram indexes, not scanned for", "zzz", false,
			[]string{"files_name_trgm_idx", "files_caption_trgm_idx", "files_origin_name_trgm_idx"}},
		// Either index of names serves a prefix (pg_trgm knows a word's first trigrams), but only
		// the prefix index serves the first 32 characters of a caption.
		{"a rare short prefix is searched on the prefix indexes", "кв", true,
			[]string{"files_owner_name_prefix_idx|files_name_trgm_idx", "files_owner_caption_prefix_idx", "files_owner_origin_prefix_idx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := app.FileQuery{OwnerID: owner, Search: tt.search, SearchPrefix: tt.prefix, Limit: 9}
			got := search(t, uow, q)
			assert.Equal(t, oracle(t, pool, q), got)

			sql, args := queries.last(t, "-- name: SearchFiles")
			require.NotEmpty(t, args)
			assert.Equal(t, pgx.QueryExecModeExec, args[0], "planned with its parameters, never a generic plan")
			plan := explain(t, pool, sql, args)
			t.Logf("plan of %q:\n%s", tt.search, plan.summary(""))
			scans := plan.indexScans()
			assert.Len(t, scans, len(tt.indexes), "one index scan for names, one for captions, one for origins")
			for _, index := range tt.indexes {
				assert.True(t, slices.ContainsFunc(strings.Split(index, "|"), func(i string) bool {
					return slices.Contains(scans, "Bitmap Index Scan on "+i)
				}), "a Bitmap Index Scan on %s", index)
			}
		})
	}

	t.Run("a common word walks the newest files and stops at the page's end", func(t *testing.T) {
		q := app.FileQuery{OwnerID: owner, Search: "img", Limit: 9}
		assert.Equal(t, oracle(t, pool, q), search(t, uow, q))
		sql, args := queries.last(t, "-- name: SearchFiles")
		plan := explain(t, pool, sql, args)
		t.Logf("plan of %q:\n%s", q.Search, plan.summary(""))
		assert.True(t, plan.has("Index Scan", ""), "an index scan in id order")
		assert.False(t, plan.has("Sort", ""), "nothing to sort: the scan stops at the page's end")
	})
	t.Run("every page of a search is what a plain scan finds", func(t *testing.T) {
		q := app.FileQuery{OwnerID: owner, Search: "holiday 1", Limit: 50}
		var all []int64
		for {
			page := search(t, uow, q)
			require.Equal(t, oracle(t, pool, q), page)
			if len(page) == 0 {
				break
			}
			all = append(all, page...)
			q.AfterID = page[len(page)-1]
		}
		assert.Greater(t, len(all), 100, "several pages")
		assert.True(t, slices.IsSortedFunc(all, func(a, b int64) int { return int(b - a) }), "newest first")
	})
}

// seedGeneratedFiles keeps generatedFiles files over generatedOwners owners, in one statement:
// camera-like names, a few captions, every 50th file trashed, every 11th forwarded from a channel,
// and rare words in about one file in five thousand ("Квартальный отчёт ..." names, "quarterly"
// captions, "Rome Travel" origins). It returns the owners' ids.
func seedGeneratedFiles(t *testing.T, pool *pgxpool.Pool) []int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	rows, err := pool.Query(ctx, `
		INSERT INTO users (telegram_id) SELECT g FROM generate_series(1, $1::int) g RETURNING id`, generatedOwners)
	require.NoError(t, err)
	owners, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	require.NoError(t, err)
	start := time.Now()
	// A bulk load fills the trigram indexes faster by building them afresh, as the migration
	// defines them, than by inserting into them row by row (they have no pending list).
	rows, err = pool.Query(ctx, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'files' AND indexname LIKE '%trgm%'")
	require.NoError(t, err)
	indexes, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct{ Name, Def string }])
	require.NoError(t, err)
	require.Len(t, indexes, 3)
	for _, index := range indexes {
		_, err = pool.Exec(ctx, "DROP INDEX "+pgx.Identifier{index.Name}.Sanitize())
		require.NoError(t, err)
	}
	_, err = pool.Exec(ctx, `
		INSERT INTO files (owner_id, telegram_file_id, file_unique_id, name, size, kind, carrier, caption, deleted_at,
			origin_kind, origin_name, origin_date)
		SELECT
			($1::bigint[])[1 + i % cardinality($1::bigint[])],
			'f' || i, 'u' || i,
			CASE
				WHEN i % 4999 = 0 THEN 'Квартальный Отчёт ' || i || '.pdf'
				WHEN i % 3 = 0 THEN 'IMG_' || (20240000 + i) || '.jpg'
				WHEN i % 3 = 1 THEN 'photo_' || substr(md5(i::text), 1, 10) || '.jpg'
				ELSE 'scan ' || i || '.pdf'
			END,
			i,
			CASE WHEN i % 3 = 2 THEN 'document' ELSE 'photo' END,
			CASE WHEN i % 3 = 2 THEN 'document' ELSE 'photo' END,
			CASE
				WHEN i % 5003 = 0 THEN 'Quarterly numbers'
				WHEN i % 7 = 0 THEN 'holiday ' || (i % 200)
				ELSE ''
			END,
			CASE WHEN i % 50 = 0 THEN now() END,
			CASE WHEN i % 11 = 0 THEN 'channel' ELSE '' END,
			CASE WHEN i % 4001 = 0 THEN 'Rome Travel Notes' WHEN i % 11 = 0 THEN 'Photo Club ' || (i % 30) ELSE '' END,
			CASE WHEN i % 11 = 0 THEN now() - interval '1 day' END
		FROM generate_series(1, $2::int) i`, owners, generatedFiles)
	require.NoError(t, err)
	for _, index := range indexes {
		_, err = pool.Exec(ctx, index.Def)
		require.NoError(t, err)
	}
	_, err = pool.Exec(ctx, "VACUUM ANALYZE files")
	require.NoError(t, err)
	t.Logf("%d files inserted and analysed in %v", generatedFiles, time.Since(start).Round(time.Millisecond))
	return owners
}

// search runs q through the repository and returns the ids it found.
func search(t *testing.T, uow app.UnitOfWork, q app.FileQuery) []int64 {
	t.Helper()
	var found []int64
	err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		files, err := r.Files.List(ctx, q)
		for _, f := range files {
			found = append(found, f.ID)
		}
		return err
	})
	require.NoError(t, err)
	return found
}

// oracle finds what q should find without LIKE, lower() or any index: strpos over lowercased
// text on a sequential scan.
func oracle(t *testing.T, pool *pgxpool.Pool, q app.FileQuery) []int64 {
	t.Helper()
	match := "strpos(lower(name), lower($2)) > 0 OR strpos(lower(caption), lower($2)) > 0 OR strpos(lower(origin_name), lower($2)) > 0"
	if q.SearchPrefix {
		match = "starts_with(lower(name), lower($2)) OR starts_with(lower(caption), lower($2)) OR starts_with(lower(origin_name), lower($2))"
	}
	after := q.AfterID
	if after == 0 {
		after = 1 << 62
	}
	rows, err := pool.Query(t.Context(), `
		SELECT id FROM files
		WHERE owner_id = $1 AND deleted_at IS NULL AND (`+match+`) AND id < $3
		ORDER BY id DESC LIMIT $4`, q.OwnerID, q.Search, after, q.Limit)
	require.NoError(t, err)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	require.NoError(t, err)
	if len(ids) == 0 {
		return nil
	}
	return ids
}

// newTracedPool returns a pool over a fresh, migrated database whose queries are logged.
func newTracedPool(t *testing.T, log *queryLog) *pgxpool.Pool {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(pgtest.NewDatabase(t))
	require.NoError(t, err)
	cfg.ConnConfig.Tracer = log
	pool, err := pgxpool.NewWithConfig(t.Context(), cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// queryLog is a pgx.QueryTracer keeping every query with its arguments, as the caller gave them
// to pgx (a pgx.QueryExecMode first, if any).
type queryLog struct {
	mu      sync.Mutex
	queries []loggedQuery
}

type loggedQuery struct {
	sql  string
	args []any
}

func (l *queryLog) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.queries = append(l.queries, loggedQuery{sql: data.SQL, args: slices.Clone(data.Args)})
	return ctx
}

func (l *queryLog) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// last returns the newest query starting with prefix.
func (l *queryLog) last(t *testing.T, prefix string) (string, []any) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, q := range slices.Backward(l.queries) {
		if strings.HasPrefix(q.sql, prefix) {
			return q.sql, q.args
		}
	}
	t.Fatalf("no query starting with %q was run", prefix)
	return "", nil
}

// explain returns the plan PostgreSQL makes for sql with args, EXPLAIN (FORMAT JSON).
func explain(t *testing.T, pool *pgxpool.Pool, sql string, args []any) planNode {
	t.Helper()
	var out []byte
	require.NoError(t, pool.QueryRow(t.Context(), "EXPLAIN (FORMAT JSON) "+sql, args...).Scan(&out))
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	require.NoError(t, json.Unmarshal(out, &plans))
	require.Len(t, plans, 1)
	return plans[0].Plan
}

// planNode is one node of an EXPLAIN (FORMAT JSON) plan.
type planNode struct {
	NodeType  string     `json:"Node Type"`
	IndexName string     `json:"Index Name"`
	Plans     []planNode `json:"Plans"`
}

// has reports whether the plan has a node of that type (on that index, unless index is "").
func (n planNode) has(nodeType, index string) bool {
	if n.NodeType == nodeType && (index == "" || n.IndexName == index) {
		return true
	}
	return slices.ContainsFunc(n.Plans, func(c planNode) bool { return c.has(nodeType, index) })
}

// indexScans lists the plan's index scans as "<node type> on <index>".
func (n planNode) indexScans() []string {
	var scans []string
	if n.IndexName != "" {
		scans = append(scans, n.NodeType+" on "+n.IndexName)
	}
	for _, c := range n.Plans {
		scans = append(scans, c.indexScans()...)
	}
	return scans
}

// summary is the plan as an indented list of node types and indexes.
func (n planNode) summary(indent string) string {
	s := indent + n.NodeType
	if n.IndexName != "" {
		s += " on " + n.IndexName
	}
	s += "\n"
	for _, c := range n.Plans {
		s += c.summary(indent + "  ")
	}
	return s
}
