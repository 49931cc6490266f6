package telegram

import (
	"context"
	"fmt"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/app/replies"
)

// sweepBatch is how many replies one sweep takes at a time.
const sweepBatch = 100

// SweepReplies is the sweep's work (a job of the job engine): it sends the replies whose lease
// ended, each from its first action not done, until none is due.
func (r *Router) SweepReplies(ctx context.Context, _ replies.SweepJob) error {
	if r.outbox == nil {
		return nil
	}
	for {
		due, dropped, err := r.outbox.Due(ctx, sweepBatch)
		if err != nil {
			return err
		}
		if dropped > 0 {
			r.log.Warn("replies older than a day were not sent: they would come out of context", zap.Int("dropped", dropped))
		}
		for _, rec := range due {
			if err := ctx.Err(); err != nil {
				return err // the rest are leased: the next sweep takes them
			}
			r.resend(ctx, rec)
		}
		if len(due) < sweepBatch {
			return nil
		}
	}
}

// resend delivers a reply a sweep took.
func (r *Router) resend(ctx context.Context, rec app.OutboxReply) {
	log := r.log.With(zap.Int64("update_id", rec.UpdateID), zap.Int64("reply_id", rec.ID))
	forget := func(id int64) {
		if err := r.outbox.Delivered(ctx, []int64{id}); err != nil {
			log.Warn("a reply sent again was not forgotten: it may be sent once more", zap.Error(err))
		}
	}
	reply, err := decodeReply(rec.Payload)
	if err != nil {
		log.Error("a recorded reply cannot be read: it is not sent", zap.Error(err))
		forget(rec.ID)
		return
	}
	r.bind(&reply)
	log.Info("a reply left undelivered is sent", zap.Int("from_action", rec.Delivered), zap.Int("actions", len(reply.actions)),
		zap.Bool("uncertain", rec.Uncertain), zap.Int("attempt", rec.Attempts), zap.String("recorded", fmt.Sprint(rec.CreatedAt.UTC())))
	r.markBlocked(ctx, r.deliverRecorded(ctx, rec, reply, forget, log), log)
}
