package sandbox

import (
	"go.uber.org/fx"
)

// Module wires the sandbox: the local Bot API and the page, served from start to stop. Put it
// before the Telegram module, so the server listens before the bot first calls it.
var Module = fx.Module("sandbox",
	fx.Provide(NewAPI, New),
	fx.Invoke(func(lc fx.Lifecycle, s *Server) {
		lc.Append(fx.Hook{OnStart: s.Start, OnStop: s.Stop})
	}),
)
