package postgres

import (
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/leader"
	"github.com/filekeeper/filekeeper/internal/app"
)

// Module provides the *Database (started and stopped with the application) and the
// app.UnitOfWork over it (also as *UnitOfWork, for readiness probes). It needs a Config, a
// *zap.Logger and the JobInserter of the job engine. It also provides the *Readiness of the database, the app.Leadership of long
// polling, and registers the pool's statistics with the prometheus.Registerer when the graph
// has one.
var Module = fx.Module("postgres",
	fx.Provide(
		newDatabase,
		fx.Annotate(newUnitOfWorkOf, fx.As(fx.Self()), fx.As(new(app.UnitOfWork))),
		NewReadiness,
		fx.Annotate(newPollingLeadership, fx.As(new(app.Leadership))),
	),
	fx.Invoke(registerPoolCollector),
)

func newDatabase(lc fx.Lifecycle, cfg Config, log *zap.Logger) *Database {
	d := NewDatabase(cfg, log.Named("postgres"))
	lc.Append(fx.Hook{OnStart: d.Start, OnStop: d.Stop})
	return d
}

func newPollingLeadership(d *Database, log *zap.Logger) *leader.Leadership {
	return leader.New(d, "polling", log.Named("postgres"))
}

type collectorParams struct {
	fx.In
	DB       *Database
	Registry prometheus.Registerer `optional:"true"`
}

func registerPoolCollector(p collectorParams) error {
	if p.Registry == nil {
		return nil
	}
	return p.Registry.Register(NewPoolCollector(p.DB))
}
