package postgres

import (
	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
)

// Module provides the *Database (started and stopped with the application) and the
// app.UnitOfWork over it (also as *UnitOfWork, for readiness probes). It needs a Config and a
// *zap.Logger.
var Module = fx.Module("postgres",
	fx.Provide(
		newDatabase,
		fx.Annotate(newUnitOfWorkOf, fx.As(fx.Self()), fx.As(new(app.UnitOfWork))),
	),
)

func newDatabase(lc fx.Lifecycle, cfg Config, log *zap.Logger) *Database {
	d := NewDatabase(cfg, log.Named("postgres"))
	lc.Append(fx.Hook{OnStart: d.Start, OnStop: d.Stop})
	return d
}
