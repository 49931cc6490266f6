package main

import (
	"go.uber.org/fx"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/config"

	"github.com/filekeeper/filekeeper/internal/adapters/httpserver"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/redis"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/traffic"
)

// sharedOptions is what the instances share besides the database: with REDIS_URL, the flood
// limits, the /stats traffic counts and the rate-limited users in Redis, and a readiness that says when Redis is out of
// reach; without it, each process keeps its own and is ready when its database is.
func sharedOptions(cfg config.Config) fx.Option {
	if cfg.RedisURL == "" {
		return fx.Provide(func(r *postgres.Readiness) httpserver.ReadinessChecker { return r })
	}
	return fx.Options(
		fx.Supply(redis.Config{URL: cfg.RedisURL, Prefix: cfg.RedisPrefix, Instances: cfg.Instances}),
		redis.Module,
		fx.Provide(
			func(l *redis.Limiter) flood.Shared { return l },
			func(c *redis.Counters) traffic.Shared { return c },
			func(l *redis.LimitedUsers) app.LimitedUsers { return l },
			func(r *postgres.Readiness, c *redis.Client) httpserver.ReadinessChecker { return degradable{r, c} },
		),
	)
}

// degradable is ready when the database is, and degraded while Redis is out of reach.
type degradable struct {
	*postgres.Readiness
	redis *redis.Client
}

func (d degradable) Degraded() string { return d.redis.Degraded() }
