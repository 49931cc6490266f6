package replies

import (
	"context"

	"go.uber.org/fx"
	"go.uber.org/zap"
)

// Module provides the *Outbox and the *Marker (started and stopped with the application: its
// stop, after the adapters that deliver replies stopped, forgets the last ones delivered). It
// needs a Config, an app.UnitOfWork, an app.Clock and a *zap.Logger.
var Module = fx.Module("replies",
	fx.Provide(New, newMarker),
)

func newMarker(lc fx.Lifecycle, o *Outbox, log *zap.Logger) *Marker {
	m := NewMarker(o, func(err error) {
		log.Warn("delivered replies not forgotten yet: retried (a crash meanwhile sends them again)", zap.Error(err))
	})
	lc.Append(fx.Hook{
		OnStart: func(ctx context.Context) error {
			m.Start()
			// The replies a process that died left behind are sent once their lease ends.
			if err := o.ScheduleSweep(ctx); err != nil {
				log.Warn("no sweep of the replies asked for at start: the periodic one sends them", zap.Error(err))
			}
			return nil
		},
		OnStop: m.Stop,
	})
	return m
}
