// Package pipeline is the connection of a PostgreSQL unit of work whose statements travel
// together: see Pipe.
package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Pipe is the connection of one unit of work, a transaction whose statements travel together:
// a statement whose result is not needed yet (a batch statement of sqlc: :batchone, :batchexec)
// waits in a queue, and the queue goes to PostgreSQL in one pipeline with the next statement
// whose result is needed, BEGIN in front of the first; COMMIT goes with whatever still waits. So
// a unit of work costs one network round trip per result it waits for, plus one for COMMIT.
//
// BEGIN, COMMIT and ROLLBACK are the transaction control pgx's own Tx sends as text; every
// other statement comes from sqlc. A pipe is used by one goroutine at a time.
type Pipe struct {
	conn  *pgxpool.Conn
	begun bool      // BEGIN was sent
	queue []pending // statements not sent yet
	// br is the results of the pipeline being read, while the queued statements' hooks run.
	br pgx.BatchResults
	// issued counts the statements issued: queued, or sent at once.
	issued int
	// err is the first failure of a queued statement: the transaction is lost, and every later
	// statement (COMMIT too) fails with it.
	err error
}

// pending is a statement waiting in the queue. hook reads its result while its pipeline is
// read (exactly one result); nil discards it, keeping only a failure.
type pending struct {
	sql  string
	args []any
	hook func() error
	seq  int // the statement's number in the unit of work
	// checks: hook checks a guess (the postgres adapter's foresight), which must be checked before COMMIT is sent.
	checks bool
}

// New returns a pipe over conn, which it uses until the unit of work ends (Commit or Rollback);
// no transaction has begun.
func New(conn *pgxpool.Conn) *Pipe { return &Pipe{conn: conn} }

// WhenSent makes hook read the result of the statement queued last, when it has been sent: a
// batch statement whose result the caller does not wait for.
func (p *Pipe) WhenSent(hook func() error) {
	if len(p.queue) > 0 {
		p.queue[len(p.queue)-1].hook = hook
	}
}

// WhenSentCheck is WhenSent for a hook that checks a guess: COMMIT never travels with it, since
// PostgreSQL would commit before the guess is found wrong.
func (p *Pipe) WhenSentCheck(hook func() error) {
	p.WhenSent(hook)
	if len(p.queue) > 0 {
		p.queue[len(p.queue)-1].checks = true
	}
}

// send sends the queue and then extra (when not nil) in one pipeline and reads the queue's
// results; the returned results are positioned at extra's, and must be closed. A failure of a
// queued statement comes back as the error, the pipeline closed.
func (p *Pipe) send(ctx context.Context, extra *pending) (pgx.BatchResults, error) {
	if p.err != nil {
		return nil, p.err
	}
	b := &pgx.Batch{}
	if !p.begun {
		b.Queue("begin")
	}
	queue := p.queue
	p.queue = nil
	for _, q := range queue {
		b.Queue(q.sql, q.args...)
	}
	if extra != nil && extra.sql != "commit" {
		p.issued++
	}
	if extra != nil {
		b.Queue(extra.sql, extra.args...)
	}
	br := p.conn.SendBatch(ctx, b)
	if !p.begun {
		if _, err := br.Exec(); err != nil {
			p.err = fmt.Errorf("begin: %w", err)
		}
		p.begun = true
	}
	p.br = br
	for _, q := range queue {
		err := p.read(q)
		if err != nil && p.err == nil {
			p.err = err
		}
	}
	p.br = nil
	if p.err != nil {
		_ = br.Close()
		return nil, p.err
	}
	return br, nil
}

func (p *Pipe) read(q pending) error {
	if q.hook == nil {
		_, err := p.br.Exec()
		return err
	}
	return q.hook()
}

// Flush sends what waits in the queue, if anything.
func (p *Pipe) Flush(ctx context.Context) error {
	if len(p.queue) == 0 {
		return p.err
	}
	br, err := p.send(ctx, nil)
	if err != nil {
		return err
	}
	return br.Close()
}

// Exec runs a statement now, after the queue, and returns its result.
func (p *Pipe) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if direct(args) {
		if err := p.beginAndFlush(ctx); err != nil {
			return pgconn.CommandTag{}, err
		}
		return p.conn.Exec(ctx, sql, args...)
	}
	br, err := p.send(ctx, &pending{sql: sql, args: args})
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return tag, err
}

// Query runs a query now, after the queue; closing the rows ends the pipeline.
func (p *Pipe) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if direct(args) {
		if err := p.beginAndFlush(ctx); err != nil {
			return nil, err
		}
		return p.conn.Query(ctx, sql, args...)
	}
	br, err := p.send(ctx, &pending{sql: sql, args: args})
	if err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		_ = br.Close()
		return nil, err
	}
	return &pipelineRows{Rows: rows, br: br}, nil
}

// QueryRow runs a query of one row now, after the queue.
func (p *Pipe) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if direct(args) {
		if err := p.beginAndFlush(ctx); err != nil {
			return errRow{err}
		}
		return p.conn.QueryRow(ctx, sql, args...)
	}
	br, err := p.send(ctx, &pending{sql: sql, args: args})
	if err != nil {
		return errRow{err}
	}
	return pipelineRow{row: br.QueryRow(), br: br}
}

// SendBatch queues b's statements: they are sent when a result is read (from the returned
// results, which sends them right away) or, unread, with the next statement that is.
func (p *Pipe) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	first := p.issued + 1
	for _, q := range b.QueuedQueries {
		p.issued++
		p.queue = append(p.queue, pending{sql: q.SQL, args: q.Arguments, seq: p.issued})
	}
	return &queuedResults{p: p, ctx: ctx, first: first, n: len(b.QueuedQueries)}
}

// beginAndFlush makes sure the transaction has begun and nothing waits, for a statement that
// cannot go in a pipeline.
func (p *Pipe) beginAndFlush(ctx context.Context) error {
	p.issued++ // for the statement that follows
	if err := p.Flush(ctx); err != nil {
		return err
	}
	if !p.begun {
		if err := p.beginNow(ctx); err != nil {
			return err
		}
		p.begun = true
	}
	return nil
}

func (p *Pipe) beginNow(ctx context.Context) error {
	if _, err := p.conn.Exec(ctx, "begin"); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	return nil
}

// Commit sends what waits with COMMIT. Nothing sent and nothing waiting: there is no
// transaction, and nothing to send.
func (p *Pipe) Commit(ctx context.Context) error {
	if !p.begun && len(p.queue) == 0 {
		return p.err
	}
	for _, q := range p.queue {
		if q.checks {
			if err := p.Flush(ctx); err != nil {
				return err
			}
			break
		}
	}
	br, err := p.send(ctx, &pending{sql: "commit"})
	if err != nil {
		return err
	}
	_, err = br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err == nil && p.conn.Conn().PgConn().TxStatus() != 'I' {
		err = pgx.ErrTxCommitRollback
	}
	return err
}

// Rollback ends the transaction, if one began; what waits is dropped.
func (p *Pipe) Rollback(ctx context.Context) {
	p.queue = nil
	if p.begun && !p.conn.Conn().IsClosed() && p.conn.Conn().PgConn().TxStatus() != 'I' {
		_, _ = p.conn.Exec(ctx, "rollback")
	}
}

// direct reports whether a statement asks for its own query mode (the search queries of the postgres adapter): pgx takes the
// mode as the first argument of a statement, but not in a pipeline, so it goes on its own.
func direct(args []any) bool {
	if len(args) == 0 {
		return false
	}
	_, ok := args[0].(pgx.QueryExecMode)
	return ok
}

// queuedResults are the results of statements queued by SendBatch. Read while their pipeline
// is read (by a hook) they are that pipeline's; read before, they send the queue first.
type queuedResults struct {
	p     *Pipe
	ctx   context.Context
	first int // the number of the first statement
	n     int
	sent  pgx.BatchResults // the pipeline they were sent in, when reading sent them
	read  int
}

var errOutOfOrder = errors.New("queued statements read out of order")

// results are the pipeline to read the next result from.
func (r *queuedResults) results() (pgx.BatchResults, error) {
	if r.p.br != nil {
		return r.p.br, nil
	}
	if r.sent != nil {
		return r.sent, nil
	}
	// Reading sends: these statements must be the last queued, the rest goes before them.
	q := r.p.queue
	left := r.n - r.read
	if len(q) < left || q[len(q)-left].seq != r.first+r.read || q[len(q)-1].seq != r.first+r.n-1 {
		return nil, errOutOfOrder
	}
	tail := q[len(q)-left:]
	r.p.queue = q[:len(q)-len(tail)]
	br, err := r.p.send(r.ctx, &tail[0])
	if err != nil {
		return nil, err
	}
	r.p.queue = append(r.p.queue, tail[1:]...)
	r.sent = br
	return br, nil
}

func (r *queuedResults) Exec() (pgconn.CommandTag, error) {
	br, err := r.results()
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	r.read++
	return br.Exec()
}

func (r *queuedResults) Query() (pgx.Rows, error) {
	br, err := r.results()
	if err != nil {
		return nil, err
	}
	r.read++
	return br.Query()
}

func (r *queuedResults) QueryRow() pgx.Row {
	br, err := r.results()
	if err != nil {
		return errRow{err}
	}
	r.read++
	return br.QueryRow()
}

// Tx is not known to queued results: they belong to the unit of work.
func (r *queuedResults) Tx() pgx.Tx { return nil }

// Close ends a pipeline these results sent; one being read by hooks is the pipe's to close.
func (r *queuedResults) Close() error {
	if r.sent == nil {
		return nil
	}
	br := r.sent
	r.sent = nil
	return br.Close()
}

// pipelineRows close their pipeline with themselves.
type pipelineRows struct {
	pgx.Rows
	br pgx.BatchResults
}

func (r *pipelineRows) Close() {
	r.Rows.Close()
	if r.br != nil {
		_ = r.br.Close()
		r.br = nil
	}
}

func (r *pipelineRows) Next() bool {
	if r.Rows.Next() {
		return true
	}
	r.Close()
	return false
}

// pipelineRow closes its pipeline once scanned.
type pipelineRow struct {
	row pgx.Row
	br  pgx.BatchResults
}

func (r pipelineRow) Scan(dest ...any) error {
	err := r.row.Scan(dest...)
	if cerr := r.br.Close(); err == nil {
		err = cerr
	}
	return err
}

// errRow is a row that could not be read.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// Checking reports whether a guess waits in the queue to be checked.
func (p *Pipe) Checking() bool {
	for _, q := range p.queue {
		if q.checks {
			return true
		}
	}
	return false
}

// Fresh reports whether nothing was sent or queued yet.
func (p *Pipe) Fresh() bool { return !p.begun && len(p.queue) == 0 }

// Issued counts the statements issued so far: queued, or sent at once.
func (p *Pipe) Issued() int { return p.issued }

// Tx is the pipe as a pgx.Tx, for code that takes one (the job engine).
func (p *Pipe) Tx() pgx.Tx { return pipeTx{p} }
