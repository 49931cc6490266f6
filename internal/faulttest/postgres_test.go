package faulttest

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// outage is how long PostgreSQL stays away: as long as a restart of a small cluster takes.
const outage = 3 * time.Second

// PostgreSQL restarting in the middle of a run is played by a proxy between the bot and the
// server (the server itself is shared with the other tests): every connection is closed and new
// ones are refused for a few seconds, then it comes back.
func TestPostgreSQLGoneMidRunLosesNoUpdateAndReadinessFollows(t *testing.T) {
	t.Parallel()
	rng := seed(t)
	r := newRig(t, botapi.Options{})
	db := r.proxyDB()
	deadline := time.Now().Add(90 * time.Second)
	r.start()
	r.waitFor(20*time.Second, "/readyz answers 200 once started", func() bool { return r.status("/readyz") == http.StatusOK })

	people := users(50_000, 30)
	var mu sync.Mutex
	var sent []upload
	fed := make(chan struct{})
	go func() { // 600 uploads over about 6 s: before, during and after the outage
		defer close(fed)
		for range 600 {
			u := r.sendNew(people[rng.IntN(len(people))])
			mu.Lock()
			sent = append(sent, u)
			mu.Unlock()
			time.Sleep(10 * time.Millisecond)
		}
	}()

	r.waitFor(20*time.Second, "50 uploads answered before the outage", func() bool { return len(replies(r.api.Calls())) >= 50 })
	db.Cut()
	cutAt := time.Now()
	r.waitFor(outage, "/readyz answers 503 while PostgreSQL is away", func() bool { return r.status("/readyz") == http.StatusServiceUnavailable })
	assert.Equal(t, http.StatusOK, r.status("/healthz"), "the process itself is up")
	answeredDuring := len(replies(r.api.Calls()))
	time.Sleep(time.Until(cutAt.Add(outage)))
	if !assert.NoError(t, db.Restore()) {
		return
	}
	r.waitFor(15*time.Second, "/readyz answers 200 again once PostgreSQL is back", func() bool { return r.status("/readyz") == http.StatusOK })
	t.Logf("ready again %v after PostgreSQL came back", time.Since(cutAt.Add(outage)).Round(10*time.Millisecond))

	<-fed
	r.waitFor(time.Until(deadline), "every update handled and confirmed", func() bool {
		return r.api.Pending() == 0 && r.processedCount() == 600
	})
	r.waitOutboxEmpty(time.Until(deadline))
	assert.Greater(t, len(replies(r.api.Calls())), answeredDuring, "updates were handled after the outage")
	mu.Lock()
	defer mu.Unlock()
	checkExactlyOnce(t, r, sent, []time.Time{cutAt})
	_, err := r.current().Stop(10 * time.Second)
	assert.NoError(t, err)
}
