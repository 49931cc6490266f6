package updates

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// gatedHandler holds the handling of some updates until their gate opens, and records the
// order the others were handled in (by its scriptedHandler).
type gatedHandler struct {
	*scriptedHandler
	mu      sync.Mutex
	gates   map[int64]chan struct{}
	started map[int64]bool
}

func (h *gatedHandler) Handle(ctx context.Context, upd *models.Update) error {
	h.mu.Lock()
	gate := h.gates[upd.ID]
	h.started[upd.ID] = true
	h.mu.Unlock()
	if gate != nil {
		<-gate
	}
	return h.scriptedHandler.Handle(ctx, upd)
}

func (h *gatedHandler) hasStarted(id int64) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.started[id]
}

func (h *gatedHandler) handled(chat int64) []int64 {
	h.scriptedHandler.mu.Lock()
	defer h.scriptedHandler.mu.Unlock()
	return append([]int64(nil), h.order[chat]...)
}

// TestASlowChatHoldsUpOnlyItselfWhileLaterBatchesAreHandled: the poller does not wait for a
// getUpdates batch to be handled before it fetches the next. While the first update of a slow
// chat is under way, the updates of other chats that came in later batches are handled; the
// slow chat's later update waits behind its first, and the offset confirms nothing from the slow
// update on until it is done.
func TestASlowChatHoldsUpOnlyItselfWhileLaterBatchesAreHandled(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	slow, ann, bob := models.User{ID: 701, FirstName: "Slow"}, models.User{ID: 702, FirstName: "Ann"}, models.User{ID: 703, FirstName: "Bob"}
	first := api.SendText(slow, "takes long")
	annFirst := api.SendText(ann, "quick")
	release := make(chan struct{})
	h := &gatedHandler{scriptedHandler: newScripted(), gates: map[int64]chan struct{}{first.ID: release}, started: map[int64]bool{}}
	log := zaptest.NewLogger(t)
	p := NewPoller(PollerConfig{APIURL: api.URL(), Token: tgtest.Token, Timeout: time.Second}, NewDispatcher(h, log, 4, time.Minute, nil), log)
	p.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		assert.NoError(t, p.Stop(ctx))
	})
	require.Eventually(t, func() bool { return h.hasStarted(first.ID) && len(h.handled(ann.ID)) == 1 }, wait, time.Millisecond,
		"the first batch: the slow update under way, Ann's handled")

	// A later batch, fetched while the slow update is still under way.
	bobs := api.SendText(bob, "later")
	slowSecond := api.SendText(slow, "after the slow one")
	annSecond := api.SendText(ann, "later too")
	require.Eventually(t, func() bool { return len(h.handled(bob.ID)) == 1 && len(h.handled(ann.ID)) == 2 }, wait, time.Millisecond,
		"the other chats' updates of the later batch are handled while the slow one is under way")
	assert.Equal(t, []int64{annFirst.ID, annSecond.ID}, h.handled(ann.ID))
	assert.Equal(t, []int64{bobs.ID}, h.handled(bob.ID))
	assert.False(t, h.hasStarted(slowSecond.ID), "the slow chat's next update waits for its first")
	assert.Empty(t, h.handled(slow.ID))
	assert.LessOrEqual(t, api.ConfirmedOffset(), first.ID, "nothing from the slow update on is confirmed")

	close(release)
	require.Eventually(t, func() bool { return len(h.handled(slow.ID)) == 2 }, wait, time.Millisecond)
	assert.Equal(t, []int64{first.ID, slowSecond.ID}, h.handled(slow.ID), "the slow chat in its order")
	require.Eventually(t, func() bool { return api.ConfirmedOffset() > annSecond.ID }, wait, time.Millisecond,
		"once every update is done the offset passes them all")
}
