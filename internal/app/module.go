package app

import (
	"go.uber.org/fx"
)

// Module provides the Application to the graph; it needs a UnitOfWork and Limits, and takes a
// LimitedUsers when the graph has one (several instances). Its background
// work (the trash purge, the pruning of old update claims) is run by the job engine
// (internal/adapters/jobs).
var Module = fx.Module("app",
	fx.Provide(
		fx.Annotate(func() SystemClock { return SystemClock{} }, fx.As(new(Clock))),
		fx.Annotate(func() RandomTokens { return RandomTokens{} }, fx.As(new(TokenGenerator))),
		newApplication,
	),
)

type applicationParams struct {
	fx.In
	UOW     UnitOfWork
	Clock   Clock
	Tokens  TokenGenerator
	Limits  Limits
	Limited LimitedUsers `optional:"true"`
}

func newApplication(p applicationParams) Application {
	return NewShared(p.UOW, p.Clock, p.Tokens, p.Limits, p.Limited)
}
