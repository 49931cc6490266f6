package main

import (
	"context"
	"math/rand/v2"
	"slices"
	"time"
)

// mix is the realistic mix of the benchmark: 60 % uploads, 30 % list pages, 10 % file gets.
func mix(rng *rand.Rand) kind {
	switch r := rng.Float64(); {
	case r < 0.6:
		return upload
	case r < 0.9:
		return page
	default:
		return get
	}
}

// outcome is what one measured run saw.
type outcome struct {
	rate     float64 // offered, updates a second
	duration time.Duration
	offered  int // updates the schedule asked for in the window
	issued   int // updates sent in the window
	done     int // of those, answered (or, for the floor, confirmed) within the window
	timedOut int // never answered
	lat      [nKinds][]time.Duration
	confirm  []time.Duration
}

// perSecond is the answered updates a second over the window.
func (o outcome) perSecond() float64 { return float64(o.done) / o.duration.Seconds() }

// all is every latency of the run, whatever the kind.
func (o outcome) all() []time.Duration {
	var out []time.Duration
	for _, l := range o.lat {
		out = append(out, l...)
	}
	return out
}

// openLoop offers updates at rate for warm (not measured) and then dur (measured), each to a
// user who has no update under way; when none is free the schedule waits and the backlog it
// could not offer is dropped beyond a short queue, so the measure is what the bot sustains.
// edge, if not nil, is called as the measured window begins (false) and ends (true).
func (d *driver) openLoop(ctx context.Context, rate float64, warm, dur time.Duration, rng *rand.Rand, edge func(end bool)) outcome {
	if edge == nil {
		edge = func(bool) {}
	}
	for len(d.free) > 0 {
		<-d.free
	}
	for _, u := range d.users {
		u.mu.Lock()
		idle := u.cur == nil
		u.mu.Unlock()
		if idle {
			d.free <- u
		}
	}
	start := time.Now()
	d.mu.Lock()
	d.pool, d.recording = true, true
	d.from, d.to = start.Add(warm), start.Add(warm+dur)
	d.lat, d.confirm, d.done, d.timedOut = [nKinds][]time.Duration{}, nil, 0, 0
	to := d.to
	d.mu.Unlock()

	o := outcome{rate: rate}
	issued, lastSweep, inWindow := 0, start, false
	for now := time.Now(); now.Before(to) && ctx.Err() == nil; now = time.Now() {
		if !inWindow && !now.Before(d.from) {
			inWindow = true
			edge(false)
		}
		due := int(now.Sub(start).Seconds()*rate) - issued
		if due > int(rate/10)+1 { // more than 100 ms behind: let the rest go
			if !now.Before(d.from) {
				o.offered += due - int(rate/10) - 1
			}
			issued += due - int(rate/10) - 1
			due = int(rate/10) + 1
		}
		for ; due > 0; due-- {
			var u *user
			select {
			case u = <-d.free:
			case <-time.After(time.Until(to)):
			}
			if u == nil {
				break
			}
			d.act(u, mix(rng))
			issued++
			if !time.Now().Before(d.from) {
				o.offered++
				o.issued++
			}
		}
		if time.Since(lastSweep) > time.Second {
			d.expire(15 * time.Second)
			lastSweep = time.Now()
		}
		time.Sleep(time.Millisecond)
	}
	edge(true)
	// Let the updates of the window finish (or give up on them).
	drain := time.Now().Add(16 * time.Second)
	for len(d.free) < len(d.users) && time.Now().Before(drain) {
		d.expire(15 * time.Second)
		time.Sleep(50 * time.Millisecond)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.recording = false
	o.duration, o.done, o.timedOut, o.lat, o.confirm = dur, d.done, d.timedOut, d.lat, d.confirm
	return o
}

// percentile is the p-th percentile (0–100) of ds, 0 for none.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}
