package jobs

import (
	"context"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
)

// purgeTrashJob is the periodic purge of the files trashed longer ago than the retention.
type purgeTrashJob struct{}

func (purgeTrashJob) Kind() string { return "purge_trash" }

// pruneUpdatesJob is the periodic pruning of the claims of updates Telegram no longer redelivers.
type pruneUpdatesJob struct{}

func (pruneUpdatesJob) Kind() string { return "prune_updates" }

// housekeeping are the periodic jobs of the application, every cfg.PurgeInterval; none when it
// is 0.
func housekeeping(cfg Config, a app.Application, log *zap.Logger) []Kind {
	if cfg.PurgeInterval <= 0 {
		return nil
	}
	purgeLog, pruneLog := log.Named("purge_trash"), log.Named("prune_updates")
	return []Kind{
		Periodic(cfg.PurgeInterval, purgeTrashJob{}, func(ctx context.Context, _ purgeTrashJob) error {
			n, err := a.Commands.PurgeTrash.Handle(ctx)
			if n > 0 {
				purgeLog.Info("trash purged", zap.Int("purged", n))
			}
			return err
		}),
		Periodic(cfg.PurgeInterval, pruneUpdatesJob{}, func(ctx context.Context, _ pruneUpdatesJob) error {
			n, err := a.Commands.PruneUpdates.Handle(ctx)
			if n > 0 {
				pruneLog.Info("handled updates pruned", zap.Int("pruned", n))
			}
			return err
		}),
	}
}
