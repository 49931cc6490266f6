package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// report is bench/results.md.
type report struct {
	cfg     config
	started time.Time
	calib   *calibration
	runs    []runResult
	goBench string
	loadAvg string
}

// Targets of issue 14 (and the ones it keeps).
const (
	targetP99        = 50 * time.Millisecond // at half of what is sustained
	targetRoundTrips = 2
	targetPageP95    = 2 * time.Millisecond
	targetSearchP95  = 30 * time.Millisecond
	targetRSS        = 60 << 20
	targetBotCPU     = 0.25 // ms of the bot's CPU per update
	targetBothCPU    = 0.6  // ms of the bot's and PostgreSQL's CPU per update
	targetReady      = time.Second
)

// targetRates are the updates a second to sustain, by mode.
var targetRates = map[string]int{"polling": 2000, "webhook": 1500}

func (r report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# File Keeper — benchmark results\n\n")
	w("Written by `make bench` (bench/loadgen) on %s. Every figure below was measured on this run; nothing is copied from elsewhere.\n\n", r.started.UTC().Format("2006-01-02 15:04 MST"))
	w("## Machine and settings\n\n")
	w("- %s; load average when the run began: %s\n", machine(), r.loadAvg)
	w("- PostgreSQL: %s; Go %s; commit %s\n", pgVersion(r.cfg.server), runtime.Version(), commit())
	w("- Everything on this machine, 127.0.0.1 only: the load generator with the Bot API stand-in in one process, the bot in another, PostgreSQL.\n")
	w("- Load: %.0f updates/s offered for %v (after %v unmeasured), %d users, each with at most one update under way; mix 60 %% uploads, 30 %% list pages, 10 %% file gets. Before the measure every user uploaded %d files and opened their list.\n",
		r.cfg.rate, r.cfg.duration, r.cfg.warm, r.cfg.users, r.cfg.warmFiles)
	workers := r.cfg.workers
	if workers == "" {
		workers = "default (8)"
	}
	w("- The app: WORKERS %s, LOG_LEVEL %s (one log line per update, sampled: of each message the first 100 a second, then one in 100; every warn and error line), its Telegram pacing off (FLOOD_*=0: at Telegram's 30 messages a second the bot could answer no more than 30 updates a second), the per-user rate limit raised past reach (RATE_LIMIT_UPDATES=1000000: it is checked, and drops nothing); webhook mode with WEBHOOK_MAX_CONNECTIONS 40, delivered by the stand-in 40 at a time.\n\n", workers, r.cfg.logLevel)

	w("## Throughput\n\n")
	w("Each bot is first offered %.0f updates/s for %v: *sustained* is the updates answered a second (the floor, which answers nothing: confirmed), which is its capacity when that is below the offer. CPU is seconds of CPU a second over that window (2 cores: 2.0 at most); *stand-in* is the load generator's process, which holds the Bot API stand-in; PostgreSQL is its processes; *other* is the rest of the machine: the kernel's work not charged to a process, and anything else running (this machine may be shared).\n\n", r.cfg.rate, r.cfg.duration)
	w("| mode | bot | offered/s | sustained/s | unanswered | CPU bot | CPU stand-in | CPU PostgreSQL | CPU other | CPU machine | bot CPU per update | peak RSS | exit after SIGTERM |\n")
	w("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, run := range r.runs {
		o := run.sat.o
		cpu := run.sat.cpu.perSecond(o.duration.Seconds())
		stop := run.stopTook.Round(time.Millisecond).String()
		if run.stopErr != nil {
			stop += " (" + run.stopErr.Error() + ")"
		}
		perUpdate := 0.0
		if o.done > 0 {
			perUpdate = run.sat.cpu.bot / float64(o.done) * 1000
		}
		w("| %s | %s | %.0f | **%.0f** | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f ms | %.1f MB | %s |\n",
			run.mode, run.bot, float64(o.offered)/o.duration.Seconds(), o.perSecond(), o.timedOut,
			cpu.bot, cpu.loadgen, cpu.postgres, max(cpu.machine-cpu.bot-cpu.loadgen-cpu.postgres, 0), cpu.machine,
			perUpdate, float64(run.rss)/(1<<20), stop)
	}
	w("\n## Latency\n\n")
	w("Then the app is offered lower rates it sustains — %s of what it sustained in that mode — for %v each, and the floor the first of them. Latency is from the update's arrival at the Bot API to the answer the user waits for: the quoting \"Saved\" of an upload, the edited list of a page, the file sent back. For the floor it is to the update's confirmation (the getUpdates offset past it, or the webhook's 2xx); *confirmed* is that for the app too. At the full offer (above) the latency is mostly queueing: the last column.\n\n", shares(r.cfg.latShares), r.cfg.latDuration)
	w("| mode | bot | offered/s | answered/s | p50 | p95 | p99 | confirmed p99 | p99 at full offer | CPU machine | CPU other |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, run := range r.runs {
		for _, l := range run.lat {
			o, all := l.o, l.o.all()
			cpu := l.cpu.perSecond(o.duration.Seconds())
			w("| %s | %s | %.0f | %.0f | %s | %s | **%s** | %s | %s | %.2f | %.2f |\n", run.mode, run.bot, o.rate, o.perSecond(),
				ms(percentile(all, 50)), ms(percentile(all, 95)), ms(percentile(all, 99)), ms(percentile(o.confirm, 99)), ms(percentile(run.sat.o.all(), 99)),
				cpu.machine, max(cpu.machine-cpu.bot-cpu.loadgen-cpu.postgres, 0))
		}
	}
	w("\nBy kind of update (File Keeper, at the first of those rates):\n\n")
	w("| mode | kind | answered | p50 | p95 | p99 |\n|---|---|---|---|---|---|\n")
	for _, run := range r.runs {
		if !run.app {
			continue
		}
		for k := kind(0); k < nKinds; k++ {
			if l := run.lat[0].o.lat[k]; len(l) > 0 {
				w("| %s | %s | %d | %s | %s | %s |\n", run.mode, k, len(l), ms(percentile(l, 50)), ms(percentile(l, 95)), ms(percentile(l, 99)))
			}
		}
	}
	w("\nTime inside the app's handler, from the update's start to its reply sent (mean of `filekeeper_update_duration_seconds` from its /metrics over each window; its buckets are too coarse for percentiles):\n\n")
	w("| mode | update type | mean at full offer | mean at the first lower rate |\n|---|---|---|---|\n")
	for _, run := range r.runs {
		for _, typ := range []string{"message", "callback_query"} {
			sat, lat := run.sat.handler[typ], run.lat[0].handler[typ]
			if sat[1] > 0 && lat[1] > 0 {
				w("| %s | %s | %s | %s |\n", run.mode, typ, ms(seconds(sat[0]/sat[1])), ms(seconds(lat[0]/lat[1])))
			}
		}
	}
	r.profileSection(w)
	r.roundTrips(w)
	if r.goBench != "" {
		w("\n## Repository benchmarks (`go test -bench`, internal/adapters/postgres)\n\n")
		w("List pages (8 files, newest first, keyset) of one user at a depth of 0, 10 000 and 100 000 files, and searches, on a table of 1 000 000 generated files; each operation is a use case of the app over PostgreSQL (its transaction included). Percentiles are over the operations of each benchmark.\n\n```\n%s```\n", benchLines(r.goBench))
	}
	r.targets(w)
	return b.String()
}

func (r report) roundTrips(w func(string, ...any)) {
	if r.calib == nil {
		return
	}
	w("\n## Database round trips per update\n\n")
	w("Counted on the wire: a proxy between the app and PostgreSQL reads the protocol, in a separate run of %d updates of each kind sent one at a time (the throughput runs above go straight to PostgreSQL). A round trip is one wait of the app for PostgreSQL's answer; statements are Query and Execute messages; transactions are BEGIN…COMMIT blocks. By itself the app made %d round trips in %v (its polling lock's check each second), so about %.2f of each figure below may be that.\n\n",
		len(r.calib.costs[upload].roundTrips), r.calib.idle.RoundTrips, idleFor, float64(r.calib.idle.RoundTrips)/idleFor.Seconds()*0.02)
	w("| kind | updates | round trips (median) | round trips (mean) | statements (mean) | transactions (mean) |\n|---|---|---|---|---|---|\n")
	for _, k := range []kind{upload, page, get} {
		c := r.calib.costs[k]
		if c == nil {
			continue
		}
		w("| %s | %d | **%d** | %.2f | %.2f | %.2f |\n", k, len(c.roundTrips), median(c.roundTrips), mean(c.roundTrips), mean(c.statements), mean(c.transactions))
	}
}

func (r report) targets(w func(string, ...any)) {
	w("\n## Against the targets\n\n| target | measured | met |\n|---|---|---|\n")
	yes := map[bool]string{true: "yes", false: "**no**"}
	if r.calib != nil {
		for k := kind(0); k < nKinds; k++ {
			if c := r.calib.costs[k]; c != nil {
				w("| ≤ %d database round trips per %s | %d | %s |\n", targetRoundTrips, k, median(c.roundTrips), yes[median(c.roundTrips) <= targetRoundTrips])
			}
		}
	}
	for _, run := range r.runs {
		if run.app {
			r.runTargets(w, yes, run)
		}
	}
	for _, t := range []struct {
		prefix, what string
		limit        time.Duration
	}{{"BenchmarkListPage", "list page p95 at any depth", targetPageP95}, {"BenchmarkSearch", "search p95 on 1M files, every case", targetSearchP95}} {
		worst, name := worstP95(r.goBench, t.prefix)
		if name == "" {
			continue
		}
		w("| %s ≤ %v | worst %s (%s) | %s |\n", t.what, t.limit, ms(worst), strings.TrimPrefix(name, t.prefix+"/"), yes[worst <= t.limit])
	}
}

// runTargets are the targets of one mode's run of the app.
func (r report) runTargets(w func(string, ...any), yes map[bool]string, run runResult) {
	o := run.sat.o
	rate := targetRates[run.mode]
	w("| ≥ %d updates/s sustained (%s) | %.0f updates/s | %s |\n", rate, run.mode, o.perSecond(), yes[o.perSecond() >= float64(rate)])
	if o.done > 0 {
		bot := run.sat.cpu.bot / float64(o.done) * 1000
		both := (run.sat.cpu.bot + run.sat.cpu.postgres) / float64(o.done) * 1000
		w("| bot CPU per update ≤ %.2f ms (%s) | %.2f ms | %s |\n", targetBotCPU, run.mode, bot, yes[bot <= targetBotCPU])
		w("| bot + PostgreSQL CPU per update ≤ %.2f ms (%s) | %.2f ms | %s |\n", targetBothCPU, run.mode, both, yes[both <= targetBothCPU])
	}
	for i, share := range r.cfg.latShares {
		if share != 0.5 || i >= len(run.lat) {
			continue
		}
		l := run.lat[i]
		p99 := percentile(l.o.all(), 99)
		w("| p99 ≤ %v at half of what is sustained (%s) | %s at %.0f/s | %s |\n", targetP99, run.mode, ms(p99), l.o.rate, yes[p99 <= targetP99])
	}
	w("| RSS ≤ %d MB under load (%s) | %.1f MB | %s |\n", targetRSS>>20, run.mode, float64(run.rss)/(1<<20), yes[run.rss <= targetRSS])
	if run.readyMigrated > 0 {
		w("| ready ≤ %v after start, migrated database (%s) | %s (a new database, migrations included: %s) | %s |\n",
			targetReady, run.mode, ms(run.readyMigrated), ms(run.readyNew), yes[run.readyMigrated <= targetReady])
	}
}

func shares(xs []float64) string {
	var parts []string
	for _, x := range xs {
		parts = append(parts, fmt.Sprintf("%.0f %%", x*100))
	}
	return strings.Join(parts, ", ")
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// worstP95 is the largest p95-ms of the benchmarks named with prefix, and its name.
func worstP95(out, prefix string) (time.Duration, string) {
	var worst time.Duration
	name := ""
	for _, l := range strings.Split(out, "\n") {
		fields := strings.Fields(l)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], prefix+"/") {
			continue
		}
		for i := 1; i < len(fields); i++ {
			if fields[i] != "p95-ms" {
				continue
			}
			v, err := strconv.ParseFloat(fields[i-1], 64)
			if d := seconds(v / 1000); err == nil && d >= worst {
				worst, name = d, fields[0]
				if i := strings.LastIndexByte(name, '-'); i > 0 {
					if _, err := strconv.Atoi(name[i+1:]); err == nil {
						name = name[:i] // the GOMAXPROCS suffix
					}
				}
			}
		}
	}
	return worst, name
}

// benchLines keeps the result lines and the header of `go test -bench` output.
func benchLines(out string) string {
	var b strings.Builder
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Benchmark") || strings.HasPrefix(l, "goos") || strings.HasPrefix(l, "goarch") || strings.HasPrefix(l, "cpu") || strings.HasPrefix(l, "pkg") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func machine() string {
	model := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		defer f.Close()
		lines := bufio.NewScanner(f)
		for lines.Scan() {
			if name, ok := strings.CutPrefix(lines.Text(), "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf(", %.0f GB RAM", float64(kb)/(1<<20))
		}
	}
	return fmt.Sprintf("%d CPUs (%s)%s, %s/%s", runtime.NumCPU(), model, mem, runtime.GOOS, runtime.GOARCH)
}

func pgVersion(server string) string {
	out, err := exec.Command("psql", server, "-Atc", "SHOW server_version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
