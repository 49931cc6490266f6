package faulttest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// A reply is recorded in its update's transaction (the outbox) and sent after the commit, so a
// SIGKILL between the two loses nothing: the sweep sends it once its lease ends. A reply sent
// but not yet marked as sent when the process dies is sent again: effects are exactly once,
// replies at least once. dupReplyWindow is how long before a kill an update's transaction may
// have begun and its reply still be sent twice.
const dupReplyWindow = 5 * time.Second

func TestKillNineAtRandomPointsWhileUpdatesArriveAppliesEachExactlyOnce(t *testing.T) {
	t.Parallel()
	rng := seed(t)
	feedRng := rand.New(rand.NewPCG(rng.Uint64(), rng.Uint64()))
	const total = 2000
	people := users(30_000, 50)
	r := newRig(t, botapi.Options{})
	deadline := time.Now().Add(100 * time.Second)
	r.start()

	// 2 000 updates over about 8 s, in bursts; one in twenty sends a file again.
	var mu sync.Mutex
	var sent []upload
	fed := make(chan struct{})
	go func() {
		defer close(fed)
		for n := 0; n < total; {
			burst := min(1+feedRng.IntN(25), total-n)
			for range burst {
				user := people[feedRng.IntN(len(people))]
				mu.Lock()
				var u upload
				if prev := lastOf(sent, user.ID); prev != nil && feedRng.IntN(20) == 0 {
					u = r.send(user, "again-"+prev.uniqueID, prev.uniqueID)
				} else {
					u = r.sendNew(user)
				}
				sent = append(sent, u)
				mu.Unlock()
			}
			n += burst
			time.Sleep(time.Duration(burst) * 4 * time.Millisecond)
		}
	}()

	// 3 to 5 kills at random moments of the feed, each followed by a restart.
	kills := killTimes(rng, 3+rng.IntN(3), 300*time.Millisecond, 8*time.Second)
	start := time.Now()
	var killedAt []time.Time
	for _, at := range kills {
		time.Sleep(time.Until(start.Add(at)))
		r.current().Kill()
		killedAt = append(killedAt, time.Now())
		time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
		r.start()
	}
	<-fed
	t.Logf("killed at %v after the start, %d updates sent", kills, total)

	r.waitFor(time.Until(deadline), "every update handled and confirmed", func() bool {
		return r.api.Pending() == 0 && r.processedCount() == total
	})
	r.waitOutboxEmpty(time.Until(deadline))
	mu.Lock()
	defer mu.Unlock()
	checkExactlyOnce(t, r, sent, killedAt)

	// Deliveries of handled updates again (a crash after the commit, before the offset moved)
	// change nothing and say nothing.
	before := replies(r.api.Calls())
	for _, i := range rng.Perm(len(sent))[:20] {
		r.api.Enqueue(sent[i].update)
	}
	r.waitFor(time.Until(deadline), "the replayed updates confirmed", func() bool { return r.api.Pending() == 0 })
	assert.Equal(t, before, replies(r.api.Calls()), "a replayed update sends nothing")
	assert.Equal(t, total, r.processedCount())
	r.checkFiles(sent)
	_, err := r.current().Stop(10 * time.Second)
	assert.NoError(t, err)
	assert.True(t, time.Now().Before(deadline), "took too long")
}

// lastOf is the newest upload of user in sent, nil if none.
func lastOf(sent []upload, user int64) *upload {
	for i := len(sent) - 1; i >= 0; i-- {
		if sent[i].user == user {
			return &sent[i]
		}
	}
	return nil
}

// killTimes are n distinct moments in [from, to), in order.
func killTimes(rng *rand.Rand, n int, from, to time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = from + time.Duration(rng.Int64N(int64(to-from)))
	}
	slices.Sort(out)
	return out
}

// checkExactlyOnce checks every update was recorded as handled once, each user keeps each file
// they sent once, and each upload was answered: never not at all, and once — except, with kills
// (or cuts from the database), a reply sent and not yet marked as sent when the fault came, sent
// again by the sweep, whose transaction must then have begun shortly before one of them.
func checkExactlyOnce(t *testing.T, r *rig, sent []upload, kills []time.Time) {
	t.Helper()
	processed := r.processed()
	var want, got []int64
	for _, u := range sent {
		want = append(want, u.update.ID)
	}
	for id := range processed {
		got = append(got, id)
	}
	sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
	sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
	require.Equal(t, want, got, "every update recorded as handled, and nothing else")
	r.checkFiles(sent)

	answered := replies(r.api.Calls())
	lost, doubled := 0, 0
	for _, u := range sent {
		switch n := answered[u.key()]; {
		case n == 1:
		case n == 0:
			lost++
			assert.Failf(t, "an upload left unanswered", "update %d (message %d of user %d): its transaction began at %v; faults at %v",
				u.update.ID, u.update.Message.ID, u.user, processed[u.update.ID].Format(time.StampMicro), fmtTimes(kills))
		case n == 2 && nearKill(processed[u.update.ID], kills):
			doubled++
		default:
			assert.Failf(t, "an upload answered wrongly", "update %d (message %d of user %d) got %d replies; its transaction began at %v; faults at %v",
				u.update.ID, u.update.Message.ID, u.user, n, processed[u.update.ID].Format(time.StampMicro), fmtTimes(kills))
		}
	}
	t.Logf("replies: %d lost, %d sent twice, of %d (%d faults)", lost, doubled, len(sent), len(kills))
	assert.Zero(t, lost, "no reply lost")
}

func nearKill(began time.Time, kills []time.Time) bool {
	for _, k := range kills {
		if !began.After(k) && k.Sub(began) <= dupReplyWindow {
			return true
		}
	}
	return false
}

func fmtTimes(ts []time.Time) string {
	s := ""
	for _, t := range ts {
		s += fmt.Sprint(t.Format(time.StampMicro), " ")
	}
	return s
}
