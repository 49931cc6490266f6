package pipeline

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pipeTx is a Pipe as a pgx.Tx, for the job engine, which inserts its jobs in the unit of
// work's transaction: its statements run after the queue; ending the transaction is the unit
// of work's alone.
type pipeTx struct{ *Pipe }

var _ pgx.Tx = pipeTx{}

var errTxOwned = errors.New("the unit of work ends its transaction")

func (t pipeTx) Begin(context.Context) (pgx.Tx, error) { return nil, errTxOwned }
func (t pipeTx) Commit(context.Context) error          { return errTxOwned }
func (t pipeTx) Rollback(context.Context) error        { return errTxOwned }

func (t pipeTx) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	if err := t.beginAndFlush(ctx); err != nil {
		return 0, err
	}
	return t.conn.CopyFrom(ctx, table, cols, src)
}

func (t pipeTx) LargeObjects() pgx.LargeObjects { return pgx.LargeObjects{} }

func (t pipeTx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	if err := t.beginAndFlush(ctx); err != nil {
		return nil, err
	}
	return t.conn.Conn().Prepare(ctx, name, sql)
}

func (t pipeTx) Conn() *pgx.Conn { return t.conn.Conn() }
