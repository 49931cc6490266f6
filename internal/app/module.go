package app

import (
	"go.uber.org/fx"
)

// Module provides the Application to the graph; it needs a UnitOfWork and Limits. Its background
// work (the trash purge, the pruning of old update claims) is run by the job engine
// (internal/adapters/jobs).
var Module = fx.Module("app",
	fx.Provide(
		fx.Annotate(func() SystemClock { return SystemClock{} }, fx.As(new(Clock))),
		fx.Annotate(func() RandomTokens { return RandomTokens{} }, fx.As(new(TokenGenerator))),
		New,
	),
)
