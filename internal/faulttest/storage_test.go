package faulttest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/childproc"
)

const storageChat int64 = -1009876543210

// claimLease is the copiers' STORAGE_CLAIM_LEASE: how long a dead copier's claim blocks a file.
const claimLease = time.Second

// keptLibrary has the bot keep n documents of 10 users, with no storage chat, and stops it.
func keptLibrary(t *testing.T, r *rig, n int) {
	t.Helper()
	r.start()
	people := users(40_000, 10)
	for i := range n {
		r.sendNew(people[i%len(people)])
	}
	r.waitFor(time.Minute, "every document kept", func() bool { return r.processedCount() == n })
	_, err := r.current().Stop(10 * time.Second)
	require.NoError(t, err)
	r.api.Channel(storageChat, "File Keeper storage")
}

// copier starts `filekeeper mirror backfill` on the rig's world.
func (r *rig) copier() *childproc.Process {
	r.t.Helper()
	env := append(os.Environ(), "BOT_TOKEN="+botapi.Token, "BOT_API_URL="+r.apiURL, "DATABASE_URL="+r.dbURL,
		"LOG_FORMAT=json", "LOG_LEVEL=info", "FLOOD_GLOBAL_PER_SEC=0", "FLOOD_CHAT_PER_SEC=0", "FLOOD_GROUP_PER_MIN=0",
		"STORAGE_CHAT_ID="+strconv.FormatInt(storageChat, 10), "STORAGE_CLAIM_LEASE="+claimLease.String())
	p, err := childproc.Start(binary, []string{"mirror", "backfill"}, env, r.logPath)
	require.NoError(r.t, err)
	return p
}

// copyToEnd runs copiers to their end until every file has its copy.
func (r *rig) copyToEnd() {
	r.t.Helper()
	for range 5 {
		time.Sleep(claimLease + 200*time.Millisecond) // the claims of dead copiers lapse
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		err := r.copier().Wait(ctx)
		cancel()
		require.NoError(r.t, err, "a copier run to its end exits 0")
		if r.uncopied() == 0 {
			return
		}
	}
	r.t.Fatalf("%d files still have no copy", r.uncopied())
}

func (r *rig) uncopied() int {
	var n int
	r.query(func(ctx context.Context, conn *pgx.Conn) error {
		return conn.QueryRow(ctx, "SELECT count(*) FROM files WHERE storage_message_id IS NULL").Scan(&n)
	})
	return n
}

// channelCensus sorts the storage chat's messages: copies recorded, one per file; orphan copies
// (a post carrying a file, recorded nowhere); and forwards left (the design's only leftovers of
// a copier killed between a forward and its deletion). It fails the test if a file has other
// than one recorded copy.
func (r *rig) channelCensus() (orphans, forwards int) {
	r.t.Helper()
	recorded := map[int64]int64{} // message id -> file id
	r.query(func(ctx context.Context, conn *pgx.Conn) error {
		rows, err := conn.Query(ctx, "SELECT id, storage_message_id FROM files")
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, msg int64
			if err := rows.Scan(&id, &msg); err != nil {
				return err
			}
			recorded[msg] = id
		}
		return rows.Err()
	})
	seen := map[int64]int{}
	for _, m := range r.api.Messages(storageChat) {
		switch file, ok := recorded[int64(m.ID)]; {
		case ok:
			seen[file]++
			assert.True(r.t, strings.HasSuffix(m.Caption, fmt.Sprintf(" · #%d", file)), "message %d is the copy of file %d", m.ID, file)
		case m.ForwardOrigin != nil:
			forwards++
		default:
			orphans++
			r.t.Logf("orphan copy: message %d, %q", m.ID, m.Caption)
		}
	}
	for msg, file := range recorded {
		assert.Equal(r.t, 1, seen[file], "file %d has its copy (message %d) in the chat", file, msg)
	}
	return orphans, forwards
}

func TestCopiesToTheStorageChatAreOnePerFileUnderKillNineAtRandomPoints(t *testing.T) {
	t.Parallel()
	rng := seed(t)
	const files = 600
	r := newRig(t, botapi.Options{})
	keptLibrary(t, r, files)

	kills := 12 + rng.IntN(8)
	for range kills {
		p := r.copier()
		time.Sleep(time.Duration(250+rng.IntN(700)) * time.Millisecond) // a start takes about 200 ms
		p.Kill()
		<-p.Done()
	}
	before := files - r.uncopied()
	r.copyToEnd()
	orphans, forwards := r.channelCensus()
	leftovers := r.deletesOfLeftovers()
	t.Logf("%d kills -9 while copying (%d of %d files copied by then); leftovers of dead copiers found and deleted: %d; orphan copies: %d; forwards left: %d",
		kills, before, files, leftovers, orphans, forwards)
	assert.Zero(t, orphans, "no file has a second copy in the chat")
	assert.LessOrEqual(t, forwards, kills, "at most one forward left per kill (a copier looks at one message at a time)")
}

func TestTwoCopiersAtOnceMakeOneCopyPerFile(t *testing.T) {
	t.Parallel()
	const files = 200
	r := newRig(t, botapi.Options{})
	keptLibrary(t, r, files)

	var wg sync.WaitGroup
	for range 2 {
		p := r.copier()
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			assert.NoError(t, p.Wait(ctx))
		})
	}
	wg.Wait()
	r.copyToEnd() // a file the other copier held when this one passed it
	orphans, forwards := r.channelCensus()
	assert.Zero(t, orphans, "no file has a second copy in the chat")
	assert.Zero(t, forwards, "and nothing else is left")
	assert.Len(t, r.api.Messages(storageChat), files)
	t.Logf("two copiers at once: %d posts for %d files, %d second copies deleted", len(r.api.CallsTo("sendDocument")), files, r.deletesOfLeftovers())
}

// deletesOfLeftovers counts the deleteMessage calls in the storage chat beyond one a forward
// (each forward the bot makes, it deletes): leftovers of dead copiers, and second copies of
// racing ones.
func (r *rig) deletesOfLeftovers() int {
	ok := func(method string) int {
		n := 0
		for _, c := range r.api.CallsTo(method) {
			if c.Err == nil {
				n++
			}
		}
		return n
	}
	return max(0, ok("deleteMessage")-ok("forwardMessage"))
}
