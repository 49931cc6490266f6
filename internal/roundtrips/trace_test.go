package roundtrips

import (
	"context"
	"regexp"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
)

// trace is a pgx tracer writing down what the bot sends, a line per pipeline (a batch) or
// statement sent alone: a step over its round trips shows where they went.
type trace struct {
	mu    sync.Mutex
	lines []string
}

var queryName = regexp.MustCompile(`-- name: (\w+)`)

// nameOf is a statement's name in db/queries, or its first words.
func nameOf(sql string) string {
	if m := queryName.FindStringSubmatch(sql); m != nil {
		return m[1]
	}
	words := strings.Fields(sql)
	return strings.Join(words[:min(len(words), 3)], " ")
}

func (tr *trace) add(line string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.lines = append(tr.lines, line)
}

// take returns the lines written since the last take.
func (tr *trace) take() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	lines := tr.lines
	tr.lines = nil
	return lines
}

func (tr *trace) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	tr.add(nameOf(d.SQL))
	return ctx
}

func (tr *trace) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (tr *trace) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	names := make([]string, 0, len(d.Batch.QueuedQueries))
	for _, q := range d.Batch.QueuedQueries {
		names = append(names, nameOf(q.SQL))
	}
	tr.add("[" + strings.Join(names, ", ") + "]")
	return ctx
}

func (tr *trace) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (tr *trace) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}
