// Package replies is the reply outbox's use cases: a reply is recorded in the unit of work of the
// update it answers, sent right after the commit by the adapter that made it, and forgotten once
// delivered; a reply left undelivered (the process died after the commit, or the Bot API could
// not be reached) is taken by a sweep of the job engine once its lease ended, and sent then.
package replies

import (
	"context"
	"fmt"
	"time"

	"github.com/filekeeper/filekeeper/internal/app"
)

// Config sets the outbox.
type Config struct {
	// Lease is how long a recorded reply is left to the instance that recorded it before a sweep
	// may send it; 0 means DefaultLease.
	Lease time.Duration
	// SweepInterval is how often the sweep runs; 0 means DefaultSweepInterval.
	SweepInterval time.Duration
}

// Defaults of the zero Config: a sweep finds a reply lost to a crash within about a minute and a half.
const (
	DefaultLease         = 30 * time.Second
	DefaultSweepInterval = time.Minute
)

// perAction is added to a reply's lease for each of its actions: Telegram takes about one
// message a second in a chat, so a long reply takes longer to deliver.
const perAction = time.Second

// MaxAge is how old a reply may be and still be sent: one older would come out of any context
// (and Telegram refuses to answer a button or an inline query after seconds anyway).
const MaxAge = 24 * time.Hour

func (c Config) lease() time.Duration {
	if c.Lease > 0 {
		return c.Lease
	}
	return DefaultLease
}

// Interval is the sweep's period.
func (c Config) Interval() time.Duration {
	if c.SweepInterval > 0 {
		return c.SweepInterval
	}
	return DefaultSweepInterval
}

// SweepJob is the job of the sweep: send the replies whose lease ended. The periodic sweep has
// no At; a sweep asked for when a delivery stalled has the moment it is for, rounded up to a
// nudgeStep, and is unique: however many deliveries stall together, one sweep follows them.
type SweepJob struct {
	At int64 `json:"at,omitempty"` // Unix seconds
}

// nudgeStep is how close together the sweeps asked for by stalled deliveries may be.
const nudgeStep = 5 * time.Second

// Kind names the sweep's worker.
func (SweepJob) Kind() string { return "sweep_replies" }

var _ app.Job = SweepJob{}

// Outbox records replies, forgets them once delivered, and hands the undelivered to the sweep.
type Outbox struct {
	uow   app.UnitOfWork
	clock app.Clock
	cfg   Config
	marks *Marker // its Marker, whose notes the replies recorded take along
}

// New builds the Outbox.
func New(uow app.UnitOfWork, clock app.Clock, cfg Config) *Outbox {
	return &Outbox{uow: uow, clock: clock, cfg: cfg}
}

// Record stores the reply to the bot's update updateID (payload: its actions, n of them). Called
// with the ctx of the update's unit of work, it joins it: one statement more in that transaction,
// and the reply commits or rolls back with the update's effects. The replies its Marker noted
// delivered are forgotten in the same unit of work (noted again if it fails; if the update's
// transaction it joined fails at its commit they stay, and a sweep sends them again: a
// duplicate, never a loss).
func (o *Outbox) Record(ctx context.Context, botID, updateID int64, payload []byte, n int) (int64, error) {
	now := o.clock.Now()
	lease := now.Add(o.cfg.lease() + time.Duration(n)*perAction)
	var id int64
	var forget []int64
	if o.marks != nil {
		forget = o.marks.take()
	}
	err := o.uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
		var err error
		id, err = r.Replies.Record(ctx, app.OutboxReply{BotID: botID, UpdateID: updateID, Payload: payload, LeaseUntil: lease, CreatedAt: now})
		if err != nil || len(forget) == 0 {
			return err
		}
		return r.Replies.Forget(ctx, forget)
	})
	if err != nil {
		if o.marks != nil {
			o.marks.giveBack(forget)
		}
		return 0, fmt.Errorf("record the reply to update %d: %w", updateID, err)
	}
	return id, nil
}

// Delivered forgets the replies ids, delivered whole.
func (o *Outbox) Delivered(ctx context.Context, ids []int64) error {
	err := o.uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
		_, err := r.Replies.Delivered(ctx, ids)
		return err
	})
	if err != nil {
		return fmt.Errorf("forget %d delivered replies: %w", len(ids), err)
	}
	return nil
}

// Attempting records, before an action that must not be done twice, that it may be done from
// now on (delivered actions are done, the next is under way): a sweep taking the reply after a
// crash then knows that action's outcome is unknown.
func (o *Outbox) Attempting(ctx context.Context, id int64, delivered int) error {
	return o.progress(ctx, id, delivered, true)
}

// Stalled records that the delivery of reply id stopped after delivered actions (uncertain: the
// next may be done too) and asks for a sweep once its lease has ended: the rest is sent then.
func (o *Outbox) Stalled(ctx context.Context, id int64, delivered int, uncertain bool) error {
	err := o.uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
		if err := r.Replies.Progress(ctx, id, delivered, uncertain); err != nil {
			return err
		}
		return o.nudge(ctx, r, o.cfg.lease())
	})
	if err != nil {
		return fmt.Errorf("hand reply %d to the sweep: %w", id, err)
	}
	return nil
}

func (o *Outbox) progress(ctx context.Context, id int64, delivered int, uncertain bool) error {
	err := o.uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
		return r.Replies.Progress(ctx, id, delivered, uncertain)
	})
	if err != nil {
		return fmt.Errorf("record the progress of reply %d: %w", id, err)
	}
	return nil
}

// Due takes at most limit replies whose lease ended, oldest first, leasing them to the caller
// for another lease. Those older than MaxAge are forgotten instead and counted in dropped.
func (o *Outbox) Due(ctx context.Context, limit int) (due []app.OutboxReply, dropped int, err error) {
	now := o.clock.Now()
	err = o.uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
		taken, err := r.Replies.TakeDue(ctx, now, now.Add(o.cfg.lease()), limit)
		if err != nil {
			return err
		}
		var stale []int64
		for _, rep := range taken {
			if now.Sub(rep.CreatedAt) > MaxAge {
				stale = append(stale, rep.ID)
				continue
			}
			due = append(due, rep)
		}
		dropped, err = r.Replies.Delivered(ctx, stale)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("take the replies due: %w", err)
	}
	return due, dropped, nil
}

// ScheduleSweep asks for a sweep once the lease of every reply recorded so far has ended: at
// start, for the replies a process that died left behind (a periodic sweep may just have run).
func (o *Outbox) ScheduleSweep(ctx context.Context) error {
	err := o.uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
		return o.nudge(ctx, r, o.cfg.lease()+time.Second)
	})
	if err != nil {
		return fmt.Errorf("schedule a sweep of the replies: %w", err)
	}
	return nil
}

// nudge asks for a sweep after (at least) delay, unless one is asked for the same moment.
func (o *Outbox) nudge(ctx context.Context, r app.Repos, delay time.Duration) error {
	now := o.clock.Now()
	at := now.Add(delay).Truncate(nudgeStep).Add(nudgeStep)
	return r.Jobs.Enqueue(ctx, SweepJob{At: at.Unix()}, app.JobOptions{Unique: true, Delay: at.Sub(now)})
}
