package faulttest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/childproc"
	"github.com/filekeeper/filekeeper/internal/tcpproxy"
)

// binary is the filekeeper binary every test runs, built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "faulttest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "faulttest:", err)
		os.Exit(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	binary, err = childproc.Build(ctx, "github.com/filekeeper/filekeeper/cmd/filekeeper", dir)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "faulttest:", err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// seed is the seed of a test's random choices: FAULT_SEED if set, else a fresh one; logged, so a
// failing run can be replayed.
func seed(t *testing.T) *rand.Rand {
	t.Helper()
	s := rand.Uint64()
	if v := os.Getenv("FAULT_SEED"); v != "" {
		var err error
		s, err = strconv.ParseUint(v, 10, 64)
		require.NoError(t, err, "FAULT_SEED")
	}
	t.Logf("FAULT_SEED=%d", s)
	return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
}

// rig is one world of a fault test: the Bot API stand-in behind a handler that can misbehave, a
// fresh database, and the bot binary run as a child process, restarted as the test wishes.
type rig struct {
	t       *testing.T
	api     *botapi.Server
	faults  *faultyAPI
	hs      *httptest.Server
	apiURL  string // where the bot reaches the Bot API (maybe through a proxy)
	dbURL   string // what the bot connects to (maybe through a proxy)
	checkDB string // the database itself, for the test's checks
	logPath string
	env     []string // extra environment of the bot

	mu       sync.Mutex
	bot      *childproc.Process
	httpAddr string
	runs     int
}

func newRig(t *testing.T, opts botapi.Options) *rig {
	t.Helper()
	api := botapi.New(opts)
	faults := newFaultyAPI(api)
	hs := httptest.NewServer(faults)
	db := pgtest.NewDatabase(t)
	r := &rig{t: t, api: api, faults: faults, hs: hs, apiURL: hs.URL, dbURL: db, checkDB: db,
		logPath: filepath.Join(t.TempDir(), "filekeeper.log")}
	t.Cleanup(func() {
		r.mu.Lock()
		bot := r.bot
		r.mu.Unlock()
		if bot != nil && bot.Running() {
			bot.Kill()
		}
		faults.close()
		api.Close()
		hs.Close()
		if t.Failed() {
			r.dumpLog()
		}
	})
	return r
}

// proxyAPI puts a TCP proxy between the bot and the Bot API; call it before start.
func (r *rig) proxyAPI() *tcpproxy.Proxy {
	r.t.Helper()
	p, err := tcpproxy.New(strings.TrimPrefix(r.hs.URL, "http://"), tcpproxy.Options{})
	require.NoError(r.t, err)
	r.t.Cleanup(p.Close)
	r.apiURL = "http://" + p.Addr()
	return p
}

// proxyDB puts a TCP proxy between the bot and PostgreSQL; call it before start.
func (r *rig) proxyDB() *tcpproxy.Proxy {
	r.t.Helper()
	u, err := url.Parse(r.checkDB)
	require.NoError(r.t, err)
	p, err := tcpproxy.New(u.Host, tcpproxy.Options{})
	require.NoError(r.t, err)
	r.t.Cleanup(p.Close)
	u.Host = p.Addr()
	r.dbURL = u.String()
	return p
}

// start runs a new instance of the bot; the previous one must have exited.
func (r *rig) start() *childproc.Process {
	r.t.Helper()
	addr, err := childproc.FreeAddr()
	require.NoError(r.t, err)
	env := append(os.Environ(),
		"BOT_TOKEN="+botapi.Token, "BOT_API_URL="+r.apiURL, "DATABASE_URL="+r.dbURL,
		"POLL_TIMEOUT=1s", "LOG_FORMAT=json", "LOG_LEVEL=info", "HTTP_ADDR="+addr,
		"WEBHOOK_URL=", "WEBHOOK_SECRET=",
		// Telegram's pacing (30 messages a second overall, 1 a second per chat) would make a
		// test of thousands of updates last minutes; the stand-in sets no flood limits either.
		// The tests of outgoing faults turn it back on where they need it (r.env). The users
		// they play send tens of updates a second, far past the rate limit a person meets, and
		// every update must be applied: the limit is off (the telegram and cmd tests test it).
		"FLOOD_GLOBAL_PER_SEC=0", "FLOOD_CHAT_PER_SEC=0", "FLOOD_GROUP_PER_MIN=0", "RATE_LIMIT_UPDATES=0",
		// A reply left undelivered by a fault is sent again within seconds, not a minute.
		"REPLY_LEASE="+replyLease.String(), "REPLY_SWEEP_INTERVAL=1s")
	env = append(env, r.env...)
	bot, err := childproc.Start(binary, []string{"run"}, env, r.logPath)
	require.NoError(r.t, err)
	r.mu.Lock()
	r.bot, r.httpAddr = bot, addr
	r.runs++
	r.mu.Unlock()
	return bot
}

// current is the instance last started.
func (r *rig) current() *childproc.Process {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bot
}

// url is path on the HTTP server of the instance last started.
func (r *rig) url(path string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return "http://" + r.httpAddr + path
}

// status GETs path on the current instance: its status code, 0 if it does not answer.
func (r *rig) status(path string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url(path), nil)
	if err != nil {
		return 0
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

func (r *rig) dumpLog() {
	b, err := os.ReadFile(r.logPath)
	if err != nil {
		return
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var keep []string
	for _, l := range lines {
		if !strings.Contains(l, `"update handled"`) { // one a update: too many to show
			keep = append(keep, l)
		}
	}
	if len(keep) > 200 {
		keep = keep[len(keep)-200:]
	}
	r.t.Logf("the bot's log (%d runs), its last lines but the handled updates:\n%s", r.runs, strings.Join(keep, "\n"))
}

// waitFor polls cond every 20 ms until it holds, or fails the test after limit.
func (r *rig) waitFor(limit time.Duration, what string, cond func() bool) {
	r.t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			r.t.Fatalf("after %v: %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// users are n users with ids from base on.
func users(base int64, n int) []models.User {
	out := make([]models.User, n)
	for i := range out {
		id := base + int64(i)
		out[i] = models.User{ID: id, FirstName: fmt.Sprintf("User%d", id), LanguageCode: "en"}
	}
	return out
}

// upload is one document a user sent.
type upload struct {
	update   models.Update
	user     int64
	uniqueID string
}

// sendNew has user send a new document.
func (r *rig) sendNew(user models.User) upload {
	fileID, uniqueID := r.api.NewFileIDs()
	return r.send(user, fileID, uniqueID)
}

// send has user send the document with these ids (the same again is a duplicate).
func (r *rig) send(user models.User, fileID, uniqueID string) upload {
	doc := models.Document{FileID: fileID, FileUniqueID: uniqueID, FileName: "f-" + uniqueID + ".pdf", MimeType: "application/pdf", FileSize: 1024}
	upd := r.api.SendDocument(user, doc, "")
	return upload{update: upd, user: user.ID, uniqueID: uniqueID}
}

// replies counts, per chat and quoted message, the bot's successful sendMessage calls quoting a
// message: what each user saw in answer to each message.
func replies(calls []botapi.Call) map[[2]int64]int {
	out := map[[2]int64]int{}
	for _, c := range calls {
		if c.Method != "sendMessage" || c.Err != nil {
			continue
		}
		chat, err := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		if err != nil {
			continue
		}
		if id := quotedID(c); id != 0 {
			out[[2]int64{chat, int64(id)}]++
		}
	}
	return out
}

// key is an upload's place in replies.
func (u upload) key() [2]int64 { return [2]int64{u.user, int64(u.update.Message.ID)} }

func quotedID(c botapi.Call) int {
	var quoted struct {
		MessageID int `json:"message_id"`
	}
	if json.Unmarshal([]byte(c.Params["reply_parameters"]), &quoted) != nil {
		return 0
	}
	return quoted.MessageID
}

// query runs fn on a connection to the test's database.
func (r *rig) query(fn func(ctx context.Context, conn *pgx.Conn) error) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, r.checkDB)
	require.NoError(r.t, err)
	defer func() { _ = conn.Close(context.Background()) }()
	require.NoError(r.t, fn(ctx, conn))
}

// processed are the update ids the bot recorded as handled, with when their transaction began.
func (r *rig) processed() map[int64]time.Time {
	r.t.Helper()
	out := map[int64]time.Time{}
	r.query(func(ctx context.Context, conn *pgx.Conn) error {
		rows, err := conn.Query(ctx, "SELECT update_id, processed_at FROM processed_updates")
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var at time.Time
			if err := rows.Scan(&id, &at); err != nil {
				return err
			}
			out[id] = at
		}
		return rows.Err()
	})
	return out
}

// processedCount is the number of updates recorded as handled.
func (r *rig) processedCount() int {
	var n int
	r.query(func(ctx context.Context, conn *pgx.Conn) error {
		return conn.QueryRow(ctx, "SELECT count(*) FROM processed_updates").Scan(&n)
	})
	return n
}

// files are the files kept per user (Telegram id) and unique id: 1 each if nothing was doubled.
func (r *rig) files() map[int64]map[string]int {
	out := map[int64]map[string]int{}
	r.query(func(ctx context.Context, conn *pgx.Conn) error {
		rows, err := conn.Query(ctx, `SELECT u.telegram_id, f.file_unique_id, count(*)
			FROM files f JOIN users u ON u.id = f.owner_id GROUP BY 1, 2`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var user, n int64
			var unique string
			if err := rows.Scan(&user, &unique, &n); err != nil {
				return err
			}
			if out[user] == nil {
				out[user] = map[string]int{}
			}
			out[user][unique] = int(n)
		}
		return rows.Err()
	})
	return out
}

// checkFiles checks that each user keeps exactly the distinct files they sent, once each.
func (r *rig) checkFiles(sent []upload) {
	r.t.Helper()
	want := map[int64]map[string]int{}
	for _, u := range sent {
		if want[u.user] == nil {
			want[u.user] = map[string]int{}
		}
		want[u.user][u.uniqueID] = 1
	}
	require.Equal(r.t, want, r.files(), "files per user: each file sent kept exactly once")
}

// replyLease is the bot's REPLY_LEASE in these tests: a reply not delivered that long after its
// commit is sent by the sweep.
const replyLease = 3 * time.Second

// outboxCount is the number of replies recorded and not yet delivered.
func (r *rig) outboxCount() int {
	var n int
	r.query(func(ctx context.Context, conn *pgx.Conn) error {
		return conn.QueryRow(ctx, "SELECT count(*) FROM reply_outbox").Scan(&n)
	})
	return n
}

// waitOutboxEmpty waits until every reply recorded was delivered (by the sweep, for those a
// fault left behind).
func (r *rig) waitOutboxEmpty(limit time.Duration) {
	r.t.Helper()
	r.waitFor(limit, "every recorded reply delivered", func() bool { return r.outboxCount() == 0 })
}
