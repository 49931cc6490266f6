package httpserver

import (
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/fx"
	"go.uber.org/zap"
)

// Module provides the Prometheus registry (as *prometheus.Registry, prometheus.Registerer for
// the adapters' metrics and prometheus.Gatherer) and runs the Server with the application. It
// needs a Config, a ReadinessChecker, a *zap.Logger and, when Config has a WebhookPath, an
// UpdateHandler.
var Module = fx.Module("httpserver",
	fx.Provide(
		fx.Annotate(NewRegistry, fx.As(fx.Self()), fx.As(new(prometheus.Registerer)), fx.As(new(prometheus.Gatherer))),
		newServer,
	),
	// The server is started even though nothing else needs it; its hook comes before those of
	// the modules listed after this one, so it listens before a webhook is set.
	fx.Invoke(func(*Server) {}),
)

type serverParams struct {
	fx.In
	Lifecycle fx.Lifecycle
	Config    Config
	Updates   UpdateHandler `optional:"true"`
	Ready     ReadinessChecker
	Registry  *prometheus.Registry
	Log       *zap.Logger
}

func newServer(p serverParams) (*Server, error) {
	s, err := New(p.Config, p.Updates, p.Ready, p.Registry, p.Log.Named("http"))
	if err != nil {
		return nil, err
	}
	p.Lifecycle.Append(fx.Hook{OnStart: s.Start, OnStop: s.Stop})
	return s, nil
}
