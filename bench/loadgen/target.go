package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/childproc"
)

const webhookSecret = "bench-webhook-secret"

// bot is a running bot under test: File Keeper or the floor.
type bot struct {
	name  string
	proc  *childproc.Process
	http  string        // host:port of its HTTP server
	pprof string        // host:port of its runtime profiles (the app with BENCH_PPROF), or ""
	ready time.Duration // from the process's start to its first 200 from /readyz (the app only)
}

// startBot runs bin as the app or the floor against the driver's stand-in, in mode (polling or
// webhook), and waits until it takes updates.
func startBot(cfg config, d *driver, isApp bool, mode, dbURL, logPath string) (*bot, error) {
	addr, err := childproc.FreeAddr()
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), "BOT_TOKEN="+botapi.Token, "BOT_API_URL="+d.url, "HTTP_ADDR="+addr,
		"LOG_FORMAT=json", "LOG_LEVEL="+cfg.logLevel, "POLL_TIMEOUT=10s", "DATABASE_URL="+dbURL,
		// The bench measures the bot, not Telegram's limits (30 messages a second overall would
		// cap it at 30 replies a second): the app's pacing is off, as the stand-in's limits are.
		"FLOOD_GLOBAL_PER_SEC=0", "FLOOD_CHAT_PER_SEC=0", "FLOOD_GROUP_PER_MIN=0",
		// Its users send about 2 updates a second each, at the default rate limit (20 in 10 s):
		// the limit is raised past reach, so every update is handled and the check still runs.
		"RATE_LIMIT_UPDATES=1000000",
		"WEBHOOK_URL=", "WEBHOOK_SECRET=")
	if cfg.workers != "" {
		env = append(env, "WORKERS="+cfg.workers)
	}
	pprofAddr := ""
	if isApp && cfg.pprof != "" {
		if pprofAddr, err = childproc.FreeAddr(); err != nil {
			return nil, err
		}
		env = append(env, "PPROF_ADDR="+pprofAddr)
	}
	if mode == "webhook" {
		env = append(env, "WEBHOOK_URL=http://"+addr+"/telegram", "WEBHOOK_SECRET="+webhookSecret)
	}
	bin, name := cfg.floorBin, "floor (bare go-telegram/bot)"
	args := []string{}
	if isApp {
		bin, name, args = cfg.appBin, "File Keeper", []string{"run"}
	}
	proc, err := childproc.Start(bin, args, env, logPath)
	if err != nil {
		return nil, err
	}
	b := &bot{name: name, proc: proc, http: addr, pprof: pprofAddr}
	started := time.Now()
	deadline := started.Add(30 * time.Second)
	for !b.takesUpdates(d, mode, isApp, started) {
		if !proc.Running() || time.Now().After(deadline) {
			if proc.Running() {
				proc.Kill()
			}
			return nil, fmt.Errorf("%s did not start taking updates in %s mode (see %s)", name, mode, logPath)
		}
		// Polled often: the wait is the ready time measured.
		time.Sleep(2 * time.Millisecond)
	}
	return b, nil
}

func (b *bot) takesUpdates(d *driver, mode string, isApp bool, started time.Time) bool {
	if isApp && b.ready == 0 {
		if httpStatus(b.url("/readyz")) != http.StatusOK {
			return false
		}
		b.ready = time.Since(started)
	}
	if mode == "webhook" {
		// This bot's own webhook: a restart's predecessor left its own set.
		hook, _ := d.api.Webhook()
		return hook == b.url("/telegram")
	}
	return d.api.Waiting() > 0
}

func (b *bot) url(path string) string { return "http://" + b.http + path }

func httpStatus(u string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
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

// handlerTimes reads the app's /metrics: the seconds spent handling updates, and their number,
// by update type (filekeeper_update_duration_seconds).
func (b *bot) handlerTimes() (map[string][2]float64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.url("/metrics"), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := map[string][2]float64{}
	lines := bufio.NewScanner(io.LimitReader(resp.Body, 8<<20))
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	for lines.Scan() {
		line := lines.Text()
		for i, suffix := range []string{"_sum{", "_count{"} {
			rest, ok := strings.CutPrefix(line, "filekeeper_update_duration_seconds"+suffix)
			if !ok {
				continue
			}
			labels, value, _ := strings.Cut(rest, "} ")
			typ := strings.TrimSuffix(strings.TrimPrefix(labels, `type="`), `"`)
			v, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return nil, fmt.Errorf("metrics: %q: %w", line, err)
			}
			pair := out[typ]
			pair[i] = v
			out[typ] = pair
		}
	}
	return out, lines.Err()
}

// cpuUse is CPU seconds used so far: by the bot, by this process (the load generator and the
// stand-in), by PostgreSQL's processes, and by the whole machine.
type cpuUse struct {
	at                              time.Time
	bot, loadgen, postgres, machine float64
}

func (c cpuUse) sub(o cpuUse) cpuUse {
	return cpuUse{at: c.at, bot: c.bot - o.bot, loadgen: c.loadgen - o.loadgen, postgres: c.postgres - o.postgres,
		machine: c.machine - o.machine}
}

// perSecond is CPU seconds a second of the span from o to c, for each.
func (c cpuUse) perSecond(secs float64) cpuUse {
	return cpuUse{bot: c.bot / secs, loadgen: c.loadgen / secs, postgres: c.postgres / secs, machine: c.machine / secs}
}

func sampleCPU(pid int) cpuUse {
	c := cpuUse{at: time.Now()}
	c.bot, _ = cpuSeconds(strconv.Itoa(pid))
	c.loadgen, _ = cpuSeconds("self")
	c.machine, _ = machineBusy()
	c.postgres = postgresCPU()
	return c
}

// postgresCPU sums the CPU seconds of the processes named postgres (the server and its
// backends; a backend that exits between two samples is lost, those of the bot's pool last).
func postgresCPU() float64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	total := 0.0
	for _, e := range entries {
		pid := e.Name()
		if pid[0] < '0' || pid[0] > '9' {
			continue
		}
		comm, err := os.ReadFile("/proc/" + pid + "/comm")
		if err != nil || strings.TrimSpace(string(comm)) != "postgres" {
			continue
		}
		if s, err := cpuSeconds(pid); err == nil {
			total += s
		}
	}
	return total
}

// cpuSeconds is the CPU time (user + system) a process used so far.
func cpuSeconds(pid string) (float64, error) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, err
	}
	// The command may hold spaces: fields count from after its closing parenthesis.
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0, errors.New("short /proc stat")
	}
	utime, err1 := strconv.ParseFloat(fields[11], 64)
	stime, err2 := strconv.ParseFloat(fields[12], 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return (utime + stime) / 100, nil // USER_HZ is 100 on Linux
}

// machineBusy is the CPU seconds all CPUs of the machine spent busy so far.
func machineBusy() (float64, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	fields := strings.Fields(line)[1:]
	busy := 0.0
	for i, f := range fields {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return 0, err
		}
		if i != 3 && i != 4 { // idle and iowait
			busy += v
		}
	}
	return busy / 100, nil
}

// newDatabase creates an empty UTF-8 database on the server and returns its URL; drop removes it.
func newDatabase(ctx context.Context, server string) (dbURL string, drop func(), err error) {
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "filekeeper_bench_" + hex.EncodeToString(suffix)
	admin := func(sql string) error {
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			return fmt.Errorf("connect to %s: %w", redacted(server), err)
		}
		defer func() { _ = conn.Close(context.Background()) }()
		_, err = conn.Exec(ctx, sql)
		return err
	}
	ident := pgx.Identifier{name}.Sanitize()
	if err := admin("CREATE DATABASE " + ident + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"); err != nil {
		return "", nil, err
	}
	u, err := url.Parse(server)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	if opts := os.Getenv("BENCH_PG_OPTIONS"); opts != "" {
		q := u.Query()
		q.Set("options", opts) // e.g. "-csynchronous_commit=off", for an experiment: not durable
		u.RawQuery = q.Encode()
	}
	return u.String(), func() { _ = admin("DROP DATABASE IF EXISTS " + ident + " WITH (FORCE)") }, nil
}

func redacted(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
