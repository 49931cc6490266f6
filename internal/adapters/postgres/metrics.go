package postgres

import (
	"github.com/prometheus/client_golang/prometheus"
)

// PoolCollector exposes the connection pool's statistics to Prometheus. It reads them when
// scraped, so it costs nothing between scrapes, and reports nothing while the pool is closed.
type PoolCollector struct {
	db    *Database
	descs poolDescs
}

type poolDescs struct {
	acquired, idle, constructing, total, max                  *prometheus.Desc
	acquires, emptyAcquires, canceledAcquires, acquireSeconds *prometheus.Desc
	newConns, lifetimeDestroys, idleDestroys                  *prometheus.Desc
}

// NewPoolCollector collects the statistics of db's pool.
func NewPoolCollector(d *Database) *PoolCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("filekeeper_db_pool_"+name, help, nil, nil)
	}
	return &PoolCollector{db: d, descs: poolDescs{
		acquired:         desc("acquired_connections", "Connections in use."),
		idle:             desc("idle_connections", "Idle connections."),
		constructing:     desc("constructing_connections", "Connections being opened."),
		total:            desc("connections", "Connections open or being opened."),
		max:              desc("max_connections", "Largest size of the pool."),
		acquires:         desc("acquires_total", "Connections acquired from the pool."),
		emptyAcquires:    desc("empty_acquires_total", "Acquires that waited for a connection (none idle)."),
		canceledAcquires: desc("canceled_acquires_total", "Acquires given up because their context ended."),
		acquireSeconds:   desc("acquire_seconds_total", "Time spent acquiring connections."),
		newConns:         desc("new_connections_total", "Connections opened."),
		lifetimeDestroys: desc("max_lifetime_destroys_total", "Connections closed for reaching their maximum lifetime."),
		idleDestroys:     desc("max_idle_destroys_total", "Connections closed for idling too long."),
	}}
}

// Describe sends the descriptions of every metric.
func (c *PoolCollector) Describe(ch chan<- *prometheus.Desc) {
	d := c.descs
	for _, desc := range []*prometheus.Desc{d.acquired, d.idle, d.constructing, d.total, d.max,
		d.acquires, d.emptyAcquires, d.canceledAcquires, d.acquireSeconds, d.newConns, d.lifetimeDestroys, d.idleDestroys} {
		ch <- desc
	}
}

// Collect sends the pool's current statistics.
func (c *PoolCollector) Collect(ch chan<- prometheus.Metric) {
	pool := c.db.Pool()
	if pool == nil {
		return
	}
	s, d := pool.Stat(), c.descs
	gauge := func(desc *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(desc, prometheus.GaugeValue, v)
	}
	counter := func(desc *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(desc, prometheus.CounterValue, v)
	}
	gauge(d.acquired, float64(s.AcquiredConns()))
	gauge(d.idle, float64(s.IdleConns()))
	gauge(d.constructing, float64(s.ConstructingConns()))
	gauge(d.total, float64(s.TotalConns()))
	gauge(d.max, float64(s.MaxConns()))
	counter(d.acquires, float64(s.AcquireCount()))
	counter(d.emptyAcquires, float64(s.EmptyAcquireCount()))
	counter(d.canceledAcquires, float64(s.CanceledAcquireCount()))
	counter(d.acquireSeconds, s.AcquireDuration().Seconds())
	counter(d.newConns, float64(s.NewConnsCount()))
	counter(d.lifetimeDestroys, float64(s.MaxLifetimeDestroyCount()))
	counter(d.idleDestroys, float64(s.MaxIdleDestroyCount()))
}
