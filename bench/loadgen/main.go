// Command loadgen is File Keeper's load benchmark (`make bench`). On 127.0.0.1 only, it runs
// the local Bot API (package botapi) in its own process, the filekeeper binary against it and a
// fresh PostgreSQL database, and plays users sending a realistic mix of updates — 60 % uploads,
// 30 % list pages, 10 % file gets — by long polling and by webhook. It measures the updates a
// second sustained, the latency from an update's arrival at the Bot API to the answer the user
// waits for (p50/p95/p99 by kind), the database round trips per update by kind (read off the
// wire by a proxy, in a separate calibration run), the peak RSS of the bot and the CPU it used;
// then the same for a bare go-telegram/bot bot that does nothing (the floor). It writes them to
// bench/results.md.
//
// Settings (environment): BENCH_DURATION (60s), BENCH_WARM (5s, unmeasured), BENCH_RATE (2000
// updates/s offered), BENCH_USERS (1000), BENCH_WARM_FILES (9 uploads per user before the
// measure), BENCH_MODES (polling,webhook), BENCH_TARGETS (app,floor), BENCH_CALIBRATE (100
// updates per kind; 0 skips), BENCH_LATENCY_AT (0.8,0.5,0.25: the rates of the latency windows,
// as shares of what the app sustained), BENCH_LATENCY_DURATION (30s each), BENCH_WORKERS (the app's WORKERS; empty: its default),
// BENCH_LOG_LEVEL (info), BENCH_APP_BIN (bin/filekeeper), BENCH_FLOOR_BIN (bin/floor),
// BENCH_OUT (bench/results.md), BENCH_GO_RESULTS (a `go test -bench` output to include),
// BENCH_TRACE (a path prefix: each answered update's latency to <prefix>-<mode>-<bot>.csv),
// BENCH_PPROF (a folder: the app's CPU and allocation profiles of each throughput window are
// written there and summed up in results.md; "off": none; default bin/pprof),
// BENCH_PG_OPTIONS (PostgreSQL options of the app's connections, for experiments),
// TEST_DATABASE_URL (the PostgreSQL server; the local one by default).
package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type config struct {
	duration, warm             time.Duration
	rate                       float64
	users, warmFiles, calib    int
	modes, targets             []string
	workers, logLevel          string
	appBin, floorBin, out, gob string
	server, logDir, trace      string
	pprof                      string    // the profiles' folder, "" for none
	latShares                  []float64 // the latency windows' rates, as shares of what the app sustained
	latDuration                time.Duration
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func loadConfig() (config, error) {
	var c config
	var errs []string
	dur := func(name, def string) time.Duration {
		d, err := time.ParseDuration(env(name, def))
		if err != nil || d <= 0 {
			errs = append(errs, name+" must be a positive duration")
		}
		return d
	}
	num := func(name, def string) int {
		n, err := strconv.Atoi(env(name, def))
		if err != nil || n < 0 {
			errs = append(errs, name+" must be a number")
		}
		return n
	}
	c.duration, c.warm = dur("BENCH_DURATION", "60s"), dur("BENCH_WARM", "5s")
	rate, err := strconv.ParseFloat(env("BENCH_RATE", "2000"), 64)
	if err != nil || rate <= 0 {
		errs = append(errs, "BENCH_RATE must be a positive number")
	}
	c.rate = rate
	c.users, c.warmFiles, c.calib = num("BENCH_USERS", "1000"), num("BENCH_WARM_FILES", "9"), num("BENCH_CALIBRATE", "100")
	c.modes = strings.Split(env("BENCH_MODES", "polling,webhook"), ",")
	c.targets = strings.Split(env("BENCH_TARGETS", "app,floor"), ",")
	c.workers, c.logLevel = os.Getenv("BENCH_WORKERS"), env("BENCH_LOG_LEVEL", "info")
	c.appBin, c.floorBin = env("BENCH_APP_BIN", "bin/filekeeper"), env("BENCH_FLOOR_BIN", "bin/floor")
	c.out, c.gob = env("BENCH_OUT", "bench/results.md"), os.Getenv("BENCH_GO_RESULTS")
	c.trace = os.Getenv("BENCH_TRACE")
	if c.pprof = env("BENCH_PPROF", "bin/pprof"); c.pprof == "off" {
		c.pprof = ""
	}
	c.latDuration = dur("BENCH_LATENCY_DURATION", "30s")
	for _, f := range strings.Split(env("BENCH_LATENCY_AT", "0.8,0.5,0.25"), ",") {
		share, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || share <= 0 || share > 1 {
			errs = append(errs, "BENCH_LATENCY_AT must be shares between 0 and 1, e.g. 0.8,0.5,0.25")
		}
		c.latShares = append(c.latShares, share)
	}
	c.server = env("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable")
	if c.users < 1 {
		errs = append(errs, "BENCH_USERS must be at least 1")
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return c, nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg.logDir, err = os.MkdirTemp("", "filekeeper-bench-")
	if err != nil {
		return err
	}
	rep := report{cfg: cfg, started: time.Now(), loadAvg: "unknown"}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		rep.loadAvg = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	if cfg.pprof != "" {
		if err := os.MkdirAll(cfg.pprof, 0o755); err != nil {
			return fmt.Errorf("BENCH_PPROF: %w", err)
		}
	}
	if cfg.calib > 0 {
		fmt.Printf("calibrating the database cost of each kind of update (%d each)…\n", cfg.calib)
		c, err := calibrate(ctx, cfg, cfg.calib)
		if err != nil {
			return fmt.Errorf("calibrate: %w (logs in %s)", err, cfg.logDir)
		}
		rep.calib = &c
	}
	for _, mode := range cfg.modes {
		latRate := 0.0 // the floor's latency is measured at the app's first latency rate
		for _, target := range cfg.targets {
			fmt.Printf("%s, %s: warming up, then %v at %.0f updates/s offered…\n", target, mode, cfg.duration, cfg.rate)
			r, err := measure(ctx, cfg, mode, target == "app", latRate)
			if err != nil {
				return fmt.Errorf("%s in %s mode: %w (logs in %s)", target, mode, err, cfg.logDir)
			}
			fmt.Println("  " + r.summary())
			rep.runs = append(rep.runs, r)
			if r.app {
				latRate = r.lat[0].o.rate
			}
		}
	}
	if cfg.gob != "" {
		b, err := os.ReadFile(cfg.gob)
		if err != nil {
			return err
		}
		rep.goBench = string(b)
	}
	if err := os.WriteFile(cfg.out, []byte(rep.markdown()), 0o644); err != nil {
		return err
	}
	fmt.Println("wrote", cfg.out, "(logs in", cfg.logDir+")")
	return nil
}

// runResult is one bot in one mode: at the offered rate (what it sustains) and at a rate it
// can sustain (its latency).
type runResult struct {
	mode, bot   string
	app         bool
	sat         phase
	lat         []phase // at lower rates: cfg.latShares of sat's for the app, the app's first for the floor
	rss         int64
	stopTook    time.Duration
	stopErr     error
	warmUpdates int
	// The app's start to ready (/readyz 200): on a new database, migrations included, and again
	// on that database once migrated (a restart).
	readyNew, readyMigrated time.Duration
}

// phase is one measured window.
type phase struct {
	o       outcome
	cpu     cpuUse
	handler map[string][2]float64 // seconds and updates in the app's handler, by update type
	mallocs [2]float64            // the app's heap allocations in the window: objects, bytes
	prof    *profiles             // the app's profiles of the window, when taken
}

func (r runResult) summary() string {
	out := fmt.Sprintf("%s: %.0f updates/s sustained at %.0f offered; peak RSS %.1f MB", r.bot, r.sat.o.perSecond(), r.sat.o.rate, float64(r.rss)/(1<<20))
	for _, l := range r.lat {
		all := l.o.all()
		out += fmt.Sprintf("\n    at %.0f/s: p50 %v p95 %v p99 %v", l.o.rate, ms(percentile(all, 50)), ms(percentile(all, 95)), ms(percentile(all, 99)))
	}
	return out
}

// measure runs a bot in a mode: at cfg.rate, then at latRate, or (when 0) at cfg.latShares of
// what it sustained.
func measure(ctx context.Context, cfg config, mode string, isApp bool, latRate float64) (runResult, error) {
	r := runResult{mode: mode, app: isApp}
	d, err := newDriver(cfg.users, !isApp, uint64(time.Now().UnixNano()))
	if err != nil {
		return r, err
	}
	defer d.close()
	dbURL := ""
	if isApp {
		var drop func()
		dbURL, drop, err = newDatabase(ctx, cfg.server)
		if err != nil {
			return r, err
		}
		defer drop()
	}
	name := map[bool]string{true: "app", false: "floor"}[isApp]
	b, err := startBot(cfg, d, isApp, mode, dbURL, filepath.Join(cfg.logDir, mode+"-"+name+".log"))
	if err != nil {
		return r, err
	}
	defer func() {
		if b.proc.Running() {
			b.proc.Kill()
		}
	}()
	r.bot, r.readyNew = b.name, b.ready
	if cfg.trace != "" {
		f, err := os.Create(fmt.Sprintf("%s-%s-%s.csv", cfg.trace, mode, name))
		if err != nil {
			return r, err
		}
		defer f.Close()
		fmt.Fprintln(f, "start_us,kind,latency_us,user")
		d.mu.Lock()
		d.trace = f
		d.mu.Unlock()
	}
	if isApp {
		if err := d.script(ctx, 64, warmSteps(cfg.warmFiles)); err != nil {
			return r, fmt.Errorf("warm-up: %w", err)
		}
		r.warmUpdates = cfg.users * (cfg.warmFiles + 2)
	}
	profiled := "" // where the throughput window's profiles go: <BENCH_PPROF>/<mode>
	if isApp && cfg.pprof != "" {
		profiled = filepath.Join(cfg.pprof, mode)
	}
	r.sat = window(ctx, cfg, d, b, isApp, cfg.rate, cfg.duration, profiled)
	rates := []float64{latRate}
	if latRate <= 0 {
		rates = nil
		for _, share := range cfg.latShares {
			rates = append(rates, max(1, min(cfg.rate, share*r.sat.o.perSecond())))
		}
	}
	for _, rate := range rates {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		r.lat = append(r.lat, window(ctx, cfg, d, b, isApp, rate, cfg.latDuration, ""))
	}
	if r.rss, err = b.proc.PeakRSS(); err != nil {
		return r, err
	}
	r.stopTook, r.stopErr = b.proc.Stop(15 * time.Second)
	if isApp && r.stopErr == nil {
		if r.readyMigrated, err = restartReady(cfg, d, mode, dbURL, name); err != nil {
			return r, err
		}
	}
	return r, ctx.Err()
}

// restartReady starts the app again on its now migrated database and returns how long it took
// to be ready.
func restartReady(cfg config, d *driver, mode, dbURL, name string) (time.Duration, error) {
	b, err := startBot(cfg, d, true, mode, dbURL, filepath.Join(cfg.logDir, mode+"-"+name+"-restart.log"))
	if err != nil {
		return 0, fmt.Errorf("restart: %w", err)
	}
	if _, err := b.proc.Stop(15 * time.Second); err != nil {
		return 0, fmt.Errorf("restart: stop: %w", err)
	}
	return b.ready, nil
}

// window offers rate for cfg.warm and then dur, measured; with profDir, the app's CPU and
// allocations are profiled over the measure, written to profDir's -cpu.pb.gz and -allocs.pb.gz.
func window(ctx context.Context, cfg config, d *driver, b *bot, isApp bool, rate float64, dur time.Duration, profDir string) phase {
	var p phase
	pid := b.proc.Pid()
	var cpu [2]cpuUse
	var handler [2]map[string][2]float64
	var mallocs [2][2]float64
	var profiled func() profiles
	p.o = d.openLoop(ctx, rate, cfg.warm, dur, rand.New(rand.NewPCG(1, 2)), func(end bool) {
		i := map[bool]int{false: 0, true: 1}[end]
		cpu[i] = sampleCPU(pid)
		if isApp {
			handler[i], _ = b.handlerTimes()
			mallocs[i][0], mallocs[i][1], _ = b.mallocs()
		}
		if !end && profDir != "" && b.pprof != "" {
			profiled = startProfiles(b, profDir, max(1, int(dur.Seconds())))
		}
	})
	p.cpu = cpu[1].sub(cpu[0])
	if mallocs[0][0] > 0 && mallocs[1][0] > 0 {
		p.mallocs = [2]float64{mallocs[1][0] - mallocs[0][0], mallocs[1][1] - mallocs[0][1]}
	}
	if profiled != nil {
		prof := profiled()
		p.prof = &prof
	}
	if handler[0] != nil && handler[1] != nil {
		p.handler = map[string][2]float64{}
		for typ, end := range handler[1] {
			start := handler[0][typ]
			p.handler[typ] = [2]float64{end[0] - start[0], end[1] - start[1]}
		}
	}
	return p
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
