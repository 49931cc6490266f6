// Package parked runs the bot's parked updates again: `filekeeper updates replay`.
package parked

import (
	"context"
	"errors"
	"fmt"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// Replayer runs the bot's parked updates again, oldest first, as `filekeeper updates replay`
// does after a fix: each one handled is unparked and its reply sent; each one failing again
// stays parked with its new error.
type Replayer struct {
	parked  Source
	handler Handler
	log     *zap.Logger
}

// Source reads the bot's parked updates after the update id afterID, oldest first, at most
// limit of them.
type Source func(ctx context.Context, afterID int64, limit int) ([]app.ParkedUpdate, error)

// Handler handles a parked update again and unparks it: the Telegram adapter's router.
type Handler interface {
	Replay(ctx context.Context, p app.ParkedUpdate) error
}

// New builds a Replayer of the parked updates parked reads, handled by h.
func New(parked Source, h Handler, log *zap.Logger) *Replayer {
	return &Replayer{parked: parked, handler: h, log: log.Named("replay")}
}

// Result counts what a replay did.
type Result struct {
	Handled int // handled now, and unparked
	Failed  int // failed again: still parked
}

// replayPage is how many parked updates are read at a time.
const replayPage = 100

// Replay runs every parked update of the bot once. An error means the parked updates could
// not be read (the database); the failures of single updates are counted and logged.
func (rp *Replayer) Replay(ctx context.Context) (Result, error) {
	var res Result
	after := int64(0)
	for {
		page, err := rp.parked(ctx, after, replayPage)
		if err != nil {
			return res, fmt.Errorf("replay parked updates: %w", err)
		}
		for _, p := range page {
			after = p.UpdateID
			log := rp.log.With(zap.String("request_id", updates.NewRequestID()), zap.Int64("update_id", p.UpdateID))
			err := rp.handler.Replay(logging.NewContext(ctx, log), p)
			switch {
			case err == nil:
				res.Handled++
				log.Info("parked update replayed: handled")
			case errors.Is(err, app.ErrNotParked):
				log.Info("parked update replayed elsewhere meanwhile: skipped")
			default:
				res.Failed++
				log.Warn("parked update failed again: it stays parked", zap.Bool("permanent", app.Permanent(err)), zap.Error(err))
			}
		}
		if len(page) < replayPage || ctx.Err() != nil {
			return res, ctx.Err()
		}
	}
}
