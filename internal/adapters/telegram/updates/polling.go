package updates

import (
	"context"
	"fmt"
	"time"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
)

// LeaderPolling long-polls only while this instance leads: Telegram lets one getUpdates run at a
// time per bot, so of several instances sharing a token (and a database) one polls and the
// others wait to take over. When the leadership is lost, polling stops (updates under way
// finish) and the instance waits for its turn again.
type LeaderPolling struct {
	leadership app.Leadership
	newPoller  func() *Poller
	log        *zap.Logger
	retry      time.Duration // pause after a failed Acquire
	stopWait   time.Duration // bound on stopping the poller when the leadership is lost
	// rejoin is the pause after losing the leadership before asking again: an instance whose
	// lock connection just died likely has a problem, so a healthy waiting one (which tries
	// every second) takes over first.
	rejoin time.Duration

	stop chan struct{}
	done chan struct{}
}

// NewLeaderPolling polls with a fresh Poller from newPoller each time this instance leads.
func NewLeaderPolling(l app.Leadership, newPoller func() *Poller, log *zap.Logger) *LeaderPolling {
	return &LeaderPolling{leadership: l, newPoller: newPoller, log: log, retry: time.Second, stopWait: time.Minute, rejoin: 2 * time.Second,
		stop: make(chan struct{}), done: make(chan struct{})}
}

// Start begins waiting for the leadership, and polling once it has it, in the background.
func (lp *LeaderPolling) Start() { go lp.run() }

// Stop stops polling (updates under way finish and are confirmed) and gives up the leadership,
// or gives up waiting when ctx ends.
func (lp *LeaderPolling) Stop(ctx context.Context) error {
	close(lp.stop)
	select {
	case <-lp.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stop polling: %w", ctx.Err())
	}
}

func (lp *LeaderPolling) run() {
	defer close(lp.done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-lp.stop:
			cancel()
		case <-lp.done:
		}
	}()
	for ctx.Err() == nil {
		lost, release, err := lp.leadership.Acquire(ctx)
		if err != nil {
			if ctx.Err() == nil {
				lp.log.Warn("cannot tell whether this instance may poll: trying again", zap.Error(err))
				lp.pause(lp.retry)
			}
			continue
		}
		wasLost := lp.lead(ctx, lost)
		release()
		if wasLost {
			lp.pause(lp.rejoin)
		}
	}
}

// lead polls until the leadership is lost (true) or the polling stops.
func (lp *LeaderPolling) lead(ctx context.Context, lost <-chan struct{}) (wasLost bool) {
	p := lp.newPoller()
	p.Start()
	lp.log.Info("long polling: this instance holds the polling lock")
	select {
	case <-lost:
		lp.log.Warn("polling lock lost: stopping long polling, then waiting to take it again")
		stopCtx, cancel := context.WithTimeout(context.Background(), lp.stopWait)
		defer cancel()
		if err := p.Stop(stopCtx); err != nil {
			lp.log.Error("stopping long polling after the lock was lost", zap.Error(err))
		}
		lp.log.Info("long polling stopped: the polling lock was lost")
		return true
	case <-ctx.Done():
		// The updates under way finish; the application's stop timeout bounds the wait.
		_ = p.Stop(context.Background())
		lp.log.Info("long polling stopped")
		return false
	}
}

func (lp *LeaderPolling) pause(d time.Duration) {
	select {
	case <-time.After(d):
	case <-lp.stop:
	}
}
