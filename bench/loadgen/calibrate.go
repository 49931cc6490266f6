package main

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"time"

	"github.com/filekeeper/filekeeper/internal/tcpproxy"
)

// dbCost is what updates of one kind cost the database, one sample per update.
type dbCost struct {
	roundTrips, statements, transactions []int64
}

// calibration is the database cost of each kind of update, counted on the wire.
type calibration struct {
	costs map[kind]*dbCost
	idle  tcpproxy.Stats // what the app does to the database by itself in idleFor
}

const idleFor = 3 * time.Second

// calibrate runs the app alone, with a proxy that reads PostgreSQL's protocol between it and
// the database, and has users do each kind of update n times, one at a time: the round trips,
// statements and transactions between an update's arrival and its answer are its cost. The
// app's own background work (the polling lock's check every second) runs meanwhile; idle says
// how much of it there is.
func calibrate(ctx context.Context, cfg config, n int) (calibration, error) {
	c := calibration{costs: map[kind]*dbCost{}}
	d, err := newDriver(20, false, 7)
	if err != nil {
		return c, err
	}
	defer d.close()
	dbURL, drop, err := newDatabase(ctx, cfg.server)
	if err != nil {
		return c, err
	}
	defer drop()
	u, err := url.Parse(dbURL)
	if err != nil {
		return c, err
	}
	proxy, err := tcpproxy.New(u.Host, tcpproxy.Options{Postgres: true})
	if err != nil {
		return c, err
	}
	defer proxy.Close()
	u.Host = proxy.Addr()
	q := u.Query()
	q.Set("sslmode", "disable") // the proxy reads the protocol: no TLS
	u.RawQuery = q.Encode()
	b, err := startBot(cfg, d, true, "polling", u.String(), filepath.Join(cfg.logDir, "calibrate.log"))
	if err != nil {
		return c, err
	}
	defer func() { _, _ = b.proc.Stop(15 * time.Second) }()
	if err := d.script(ctx, 20, warmSteps(cfg.warmFiles)); err != nil {
		return c, fmt.Errorf("calibration warm-up: %w", err)
	}
	before := proxy.Stats()
	time.Sleep(idleFor)
	c.idle = proxy.Stats().Sub(before)

	for _, k := range []kind{upload, page, get} {
		cost := &dbCost{}
		c.costs[k] = cost
		for i := 0; len(cost.roundTrips) < n && i < 3*n; i++ {
			user := d.users[i%len(d.users)]
			before := proxy.Stats()
			p := d.act(user, k)
			select {
			case <-p.done:
			case <-time.After(10 * time.Second):
				return c, fmt.Errorf("calibration: no answer to %s (update %d)", p.kind, p.id)
			}
			delta := proxy.Stats().Sub(before)
			if p.kind == k {
				cost.roundTrips = append(cost.roundTrips, delta.RoundTrips)
				cost.statements = append(cost.statements, delta.Statements)
				cost.transactions = append(cost.transactions, delta.Transactions)
			}
		}
	}
	return c, nil
}

// warmSteps are what each user does before a measure: files uploads, then open their list.
func warmSteps(files int) []kind {
	steps := make([]kind, 0, files+2)
	for range files {
		steps = append(steps, upload)
	}
	return append(steps, openFiles, page) // /files, then All
}

func median(xs []int64) int64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func mean(xs []int64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum int64
	for _, x := range xs {
		sum += x
	}
	return float64(sum) / float64(len(xs))
}
