package faulttest

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

func TestSIGTERMUnderLoadFinishesTheUpdatesUnderWayAndExitsWithin10s(t *testing.T) {
	t.Parallel()
	rng := seed(t)
	r := newRig(t, botapi.Options{})
	// A slow Bot API keeps replies under way, so the signal lands in the middle of them.
	r.faults.slow("sendMessage", 150*time.Millisecond)
	people := users(40_000, 40)
	r.start()
	var sent []upload
	for range 400 {
		sent = append(sent, r.sendNew(people[rng.IntN(len(people))]))
	}
	r.waitFor(30*time.Second, "30 uploads answered", func() bool { return len(replies(r.api.Calls())) >= 30 })
	time.Sleep(time.Duration(rng.IntN(200)) * time.Millisecond)

	took, err := r.current().Stop(10 * time.Second)
	require.NoError(t, err, "exit 0 within 10 s of SIGTERM")
	t.Logf("exited %v after SIGTERM", took.Round(time.Millisecond))

	// Whatever was handled was answered: the updates under way finished, replies included.
	processed := r.processed()
	answered := replies(r.api.Calls())
	for _, u := range sent {
		want := 0
		if _, ok := processed[u.update.ID]; ok {
			want = 1
		}
		assert.Equal(t, want, answered[u.key()], "update %d: handled %v", u.update.ID, want == 1)
	}
	require.Less(t, len(processed), len(sent), "the signal came before the end")
	assert.GreaterOrEqual(t, r.api.Pending(), len(sent)-len(processed), "nothing unhandled was confirmed")
	// The handled updates were confirmed before the exit, by a long poll or by the last
	// confirmation: all of those below the first update not handled.
	ids := make([]int64, 0, len(sent))
	for _, u := range sent {
		ids = append(ids, u.update.ID)
	}
	slices.Sort(ids)
	below := 0
	for _, id := range ids {
		if _, ok := processed[id]; !ok {
			break
		}
		below++
	}
	assert.LessOrEqual(t, r.api.Pending(), len(sent)-below, "the %d handled updates below the first one not handled were confirmed", below)
	t.Logf("%d of %d updates handled before the exit", len(processed), len(sent))

	// The next run takes the rest: nothing lost, nothing twice.
	r.faults.slow("sendMessage", 0)
	r.start()
	r.waitFor(60*time.Second, "every update handled and confirmed", func() bool {
		return r.api.Pending() == 0 && r.processedCount() == len(sent)
	})
	r.waitOutboxEmpty(30 * time.Second)
	checkExactlyOnce(t, r, sent, nil)
	_, err = r.current().Stop(10 * time.Second)
	assert.NoError(t, err)
}
