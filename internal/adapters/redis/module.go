package redis

import (
	"go.uber.org/fx"
	"go.uber.org/zap"
)

// Module provides the *Client (connected at start, closed at stop; its Degraded tells /readyz),
// the *Limiter of the flood limits, and the *Counters and *LimitedUsers of /stats over it. It needs a Config and a
// *zap.Logger. cmd binds them to the ports of the adapters that use them.
var Module = fx.Module("redis",
	fx.Provide(newClient, NewLimiter, NewCounters, NewLimitedUsers),
)

func newClient(lc fx.Lifecycle, cfg Config, log *zap.Logger) (*Client, error) {
	c, err := NewClient(cfg, log.Named("redis"))
	if err != nil {
		return nil, err
	}
	lc.Append(fx.Hook{OnStart: c.Start, OnStop: c.Stop})
	return c, nil
}
