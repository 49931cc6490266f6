package app

import "go.uber.org/fx"

// Module provides the Application to the graph; it needs a UnitOfWork and Limits.
var Module = fx.Module("app",
	fx.Provide(
		fx.Annotate(func() SystemClock { return SystemClock{} }, fx.As(new(Clock))),
		New,
	),
)
