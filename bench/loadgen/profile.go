package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// With BENCH_PPROF set to a folder, the app serves Go's runtime profiles (PPROF_ADDR) and each
// throughput window takes a CPU profile and an allocation profile of it (net/http/pprof's
// /debug/pprof/profile and /debug/pprof/allocs, both with ?seconds= the window: the allocations
// are those of the window, not since the start), written as <folder>/<mode>-cpu.pb.gz and
// <mode>-allocs.pb.gz; results.md shows their top entries (go tool pprof -top).

// profiles is what one window's profiling wrote, or why it failed.
type profiles struct {
	cpu, allocs string
	err         error
}

// startProfiles begins both profiles of the bot for secs seconds, to prefix-cpu.pb.gz and
// prefix-allocs.pb.gz; wait returns once they are written.
func startProfiles(b *bot, prefix string, secs int) (wait func() profiles) {
	p := profiles{cpu: prefix + "-cpu.pb.gz", allocs: prefix + "-allocs.pb.gz"}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, f := range []struct{ path, file string }{{"/debug/pprof/profile", p.cpu}, {"/debug/pprof/allocs", p.allocs}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fetchProfile(fmt.Sprintf("http://%s%s?seconds=%d", b.pprof, f.path, secs), f.file, secs)
		}()
	}
	return func() profiles {
		wg.Wait()
		for _, err := range errs {
			if err != nil && p.err == nil {
				p.err = err
			}
		}
		return p
	}
}

func fetchProfile(u, file string, secs int) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(secs+30)*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("profile %s: HTTP %d", u, resp.StatusCode)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		_ = f.Close()
		return fmt.Errorf("profile %s: %w", u, err)
	}
	return f.Close()
}

// mallocs reads the app's /metrics: the heap allocations so far, objects and bytes (the Go
// runtime's exact counts, go_memstats_mallocs_total and go_memstats_alloc_bytes_total).
func (b *bot) mallocs() (objects, bytes float64, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.url("/metrics"), nil)
	if err != nil {
		return 0, 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(io.LimitReader(resp.Body, 8<<20))
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	for lines.Scan() {
		name, value, _ := strings.Cut(lines.Text(), " ")
		switch name {
		case "go_memstats_mallocs_total":
			objects, err = strconv.ParseFloat(value, 64)
		case "go_memstats_alloc_bytes_total":
			bytes, err = strconv.ParseFloat(value, 64)
		}
		if err != nil {
			return 0, 0, fmt.Errorf("metrics: %s: %w", name, err)
		}
	}
	return objects, bytes, lines.Err()
}

// profileSection is results.md's account of where the app's time and allocations go, from the
// profiles of its throughput windows.
func (r report) profileSection(w func(string, ...any)) {
	var runs []runResult
	for _, run := range r.runs {
		if run.app && (run.sat.prof != nil || run.sat.mallocs[0] > 0) {
			runs = append(runs, run)
		}
	}
	if len(runs) == 0 {
		return
	}
	w("\n## Where the app's time goes (pprof)\n\n")
	w("Profiles of the app taken over each throughput window (BENCH_PPROF: the app serves them on PPROF_ADDR; the files are kept in that folder). *Allocations per update* is the Go runtime's exact count (go_memstats_mallocs_total over the window) divided by the updates answered. The tables are `go tool pprof -top` of the CPU profile (by flat time, then by cumulative time) and of the allocations (objects, by flat count); *flat* is the function's own, *cum* with what it calls. CPU the kernel spends on the process's system calls is counted where the call is made (syscall, runtime.netpoll …).\n\n")
	for _, run := range runs {
		o := run.sat.o
		if o.done > 0 && run.sat.mallocs[0] > 0 {
			w("- %s: %.0f allocations (%.1f KB) per update over %d updates\n", run.mode, run.sat.mallocs[0]/float64(o.done), run.sat.mallocs[1]/float64(o.done)/1024, o.done)
		}
	}
	for _, run := range runs {
		p := run.sat.prof
		if p == nil {
			continue
		}
		if p.err != nil {
			w("\n%s: the profiles could not be taken: %v\n", run.mode, p.err)
			continue
		}
		for _, t := range []struct{ title, file string }{
			{"CPU, by flat time", p.cpu}, {"CPU, by cumulative time", p.cpu}, {"allocations (objects), by flat count", p.allocs},
		} {
			args := []string{"tool", "pprof", "-top", "-nodecount=25"}
			switch {
			case strings.Contains(t.title, "cumulative"):
				args = append(args, "-cum")
			case strings.HasPrefix(t.title, "allocations"):
				args = append(args, "-sample_index=alloc_objects")
			}
			w("\n### %s — %s\n\n```\n%s```\n", run.mode, t.title, pprofTop(append(args, t.file)))
		}
	}
}

// pprofTop runs go tool pprof and keeps its table (and the header that says what it covers).
func pprofTop(args []string) string {
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		return fmt.Sprintf("go %s: %v\n", strings.Join(args, " "), err)
	}
	var b strings.Builder
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "File:") || strings.HasPrefix(l, "Build ID:") || l == "" {
			continue
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}
