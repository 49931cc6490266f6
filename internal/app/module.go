package app

import (
	"context"
	"time"

	"go.uber.org/fx"
	"go.uber.org/zap"
)

// JobConfig sets the background jobs of the application.
type JobConfig struct {
	// PurgeInterval is how often the trash is purged and the claims of old updates are pruned;
	// 0 turns the job off.
	PurgeInterval time.Duration
}

// Module provides the Application to the graph; it needs a UnitOfWork, Limits and JobConfig, and
// runs the housekeeping in the background while the application runs: the trash purge, and the
// pruning of the claims of updates Telegram can no longer redeliver.
var Module = fx.Module("app",
	fx.Provide(
		fx.Annotate(func() SystemClock { return SystemClock{} }, fx.As(new(Clock))),
		fx.Annotate(func() RandomTokens { return RandomTokens{} }, fx.As(new(TokenGenerator))),
		New,
	),
	fx.Invoke(runPurgeJob),
)

func runPurgeJob(lc fx.Lifecycle, a Application, cfg JobConfig, log *zap.Logger) {
	if cfg.PurgeInterval <= 0 {
		return
	}
	pruneLog := log.Named("prune_updates")
	log = log.Named("purge_trash")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			go func() {
				defer close(done)
				tick := time.NewTicker(cfg.PurgeInterval)
				defer tick.Stop()
				for {
					n, err := a.Commands.PurgeTrash.Handle(ctx)
					switch {
					case err != nil && ctx.Err() == nil:
						log.Error("purging the trash failed", zap.Int("purged", n), zap.Error(err))
					case n > 0:
						log.Info("trash purged", zap.Int("purged", n))
					}
					n, err = a.Commands.PruneUpdates.Handle(ctx)
					switch {
					case err != nil && ctx.Err() == nil:
						pruneLog.Error("pruning handled updates failed", zap.Int("pruned", n), zap.Error(err))
					case n > 0:
						pruneLog.Info("handled updates pruned", zap.Int("pruned", n))
					}
					select {
					case <-ctx.Done():
						return
					case <-tick.C:
					}
				}
			}()
			return nil
		},
		OnStop: func(stopCtx context.Context) error {
			cancel()
			select {
			case <-done:
			case <-stopCtx.Done():
			}
			return nil
		},
	})
}
