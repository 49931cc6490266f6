package main

import (
	"go.uber.org/fx"

	"github.com/filekeeper/filekeeper/internal/adapters/jobs"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/app/replies"
	"github.com/filekeeper/filekeeper/internal/config"
)

// outbox is the reply outbox: replies recorded with their updates' effects, and the sweep (a
// periodic job of the job engine, also asked for at start and when a delivery stalls) that sends
// those a crash or the Bot API left undelivered.
func outbox(cfg config.Config) fx.Option {
	c := replies.Config{Lease: cfg.ReplyLease, SweepInterval: cfg.ReplySweepInterval}
	return fx.Options(
		fx.Supply(c),
		replies.Module,
		fx.Provide(fx.Annotate(func(r *telegram.Router) jobs.Kind {
			return jobs.Periodic(c.Interval(), replies.SweepJob{}, r.SweepReplies)
		}, fx.ResultTags(`group:"jobs"`))),
	)
}
