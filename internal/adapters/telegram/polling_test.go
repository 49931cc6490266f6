package telegram_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
)

// grant is one leadership the test hands out: it closes lost to take it away, and sees
// released closed when the instance gave it up.
type grant struct {
	lost     chan struct{}
	released chan struct{}
}

func newGrant() grant { return grant{lost: make(chan struct{}), released: make(chan struct{})} }

// turnLeadership leads only when the test hands it a grant.
type turnLeadership struct{ grants chan grant }

func (l turnLeadership) Acquire(ctx context.Context) (<-chan struct{}, func(), error) {
	select {
	case g := <-l.grants:
		var once sync.Once
		return g.lost, func() { once.Do(func() { close(g.released) }) }, nil
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
}

func TestPollingRunsOnlyWhileLeadingAndResumesWhenLeadingAgain(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	log := zaptest.NewLogger(t)
	cfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 2, UpdateTimeout: wait}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	a := app.New(memory.NewStore().UnitOfWork(), memory.NewClock(time.Now()), app.RandomTokens{}, app.Limits{MaxFileSize: 1000})
	d := updates.NewDispatcher(telegram.NewRouter(a, app.Limits{MaxFileSize: 1000}, telegram.NewSender(client, log), nil, log), log, cfg.Concurrency, cfg.UpdateTimeout, nil)
	var pollers atomic.Int32
	leadership := turnLeadership{grants: make(chan grant)}
	lp := updates.NewLeaderPolling(leadership, func() *updates.Poller {
		pollers.Add(1)
		return updates.NewPoller(cfg.Polling(), d, log)
	}, log)
	lp.Start()

	api.SendText(ann, "/start")
	assert.Equal(t, int32(0), pollers.Load(), "nobody polls before leading")
	first := newGrant()
	leadership.grants <- first // Acquire was waiting
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })

	close(first.lost)
	second := newGrant()
	leadership.grants <- second // asked again only after giving up the first
	select {
	case <-first.released:
	default:
		t.Fatal("the lost leadership was not released before asking again")
	}
	mark := api.LastSeq()
	api.SendText(ann, "/help")
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.Equal(t, int32(2), pollers.Load())

	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	require.NoError(t, lp.Stop(ctx))
	select {
	case <-second.released:
	default:
		t.Fatal("stopping did not release the leadership")
	}
}
