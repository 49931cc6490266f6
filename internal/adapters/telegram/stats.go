package telegram

import (
	"context"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/traffic"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
)

// newRouter is NewRouter with the traffic counters /stats reads and the router feeds.
func newRouter(a app.Application, limits app.Limits, sender *Sender, me *Started, counts *traffic.Counter, log *zap.Logger) *Router {
	r := NewRouter(a, limits, sender, me, log)
	r.traffic = counts
	return r
}

// showStats answers /stats: the numbers to an admin; to anyone else, as if there were no such
// command, so the command is not advertised.
func (r *Router) showStats(q *exchange) error {
	v, err := r.app.Queries.Stats.Show(q.ctx, q.user)
	switch f := q.failure(onStats, err); {
	case f.cause == causeForbidden:
		q.show(q.t.Hint(f.text))
		return nil
	case err != nil:
		return err
	}
	q.show(q.t.StatsView(v, views.TrafficView(r.traffic.Read(q.ctx))))
	return nil
}

// markBlocked records that the users of these private chats blocked the bot (their chat id is
// their Telegram id). It runs after the update's unit of work, so a failure is only logged.
func (r *Router) markBlocked(ctx context.Context, chats []int64, log *zap.Logger) {
	for _, id := range chats {
		if err := r.app.Commands.MarkBlocked.Handle(ctx, id); err != nil {
			log.Warn("marking a user who blocked the bot failed", zap.Int64("user_id", id), zap.Error(err))
		}
	}
}
