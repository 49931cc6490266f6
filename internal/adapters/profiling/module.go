package profiling

import (
	"go.uber.org/fx"
	"go.uber.org/zap"
)

// Module provides a *Server, run with the application, when Config has an Addr; otherwise the
// *Server is nil and nothing listens.
var Module = fx.Module("profiling",
	fx.Provide(newServer),
	fx.Invoke(func(*Server) {}),
)

func newServer(lc fx.Lifecycle, cfg Config, log *zap.Logger) *Server {
	if cfg.Addr == "" {
		return nil
	}
	s := New(cfg.Addr, log.Named("pprof"))
	lc.Append(fx.Hook{OnStart: s.Start, OnStop: s.Stop})
	return s
}
