package jobs

import (
	"go.uber.org/fx"
	"go.uber.org/zap"
)

// Module provides the *Engine (started and stopped with the application) and the *Inserter that
// units of work store their jobs with. It needs a Config, a PoolSource, the app.Application and
// a *zap.Logger; other modules add job kinds to the group "jobs" (see the package doc). The trash
// purge and the pruning of old update claims are its own periodic jobs.
var Module = fx.Module("jobs",
	fx.Provide(
		NewInserter,
		fx.Annotate(housekeeping, fx.ResultTags(`group:"jobs,flatten"`)),
		newEngine,
	),
	fx.Invoke(func(*Engine) {}),
)

type engineParams struct {
	fx.In
	Lifecycle fx.Lifecycle
	Config    Config
	Pools     PoolSource
	Kinds     []Kind `group:"jobs"`
	Log       *zap.Logger
}

func newEngine(p engineParams) *Engine {
	e := NewEngine(p.Config, p.Pools, p.Kinds, p.Log.Named("jobs"))
	p.Lifecycle.Append(fx.Hook{OnStart: e.Start, OnStop: e.Stop})
	return e
}
