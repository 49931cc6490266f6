// Package childproc runs a program as a child process, for fault tests and load generators that
// need the real binary: its output goes to a log file that outlives restarts, it can be stopped
// with SIGTERM or killed with SIGKILL, its exit is awaited with a bound, and its peak memory is
// read from /proc.
package childproc

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Build compiles the main package pkg (an import path or a directory) into dir and returns the
// binary's path.
func Build(ctx context.Context, pkg, dir string) (string, error) {
	bin := dir + "/" + lastElem(pkg)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, pkg)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build %s: %w\n%s", pkg, err, out)
	}
	return bin, nil
}

func lastElem(pkg string) string {
	pkg = strings.TrimRight(pkg, "/")
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		return pkg[i+1:]
	}
	return pkg
}

// Process is one run of a program.
type Process struct {
	cmd     *exec.Cmd
	started time.Time
	done    chan struct{}
	err     error // the exit, once done is closed
}

// Start runs bin with args and env (added to nothing: pass os.Environ() for the parent's),
// appending its stdout and stderr to the file logPath.
func Start(bin string, args, env []string, logPath string) (*Process, error) {
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the log %s: %w", logPath, err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		_ = log.Close()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	_ = log.Close() // the child has its own descriptor
	p := &Process{cmd: cmd, started: time.Now(), done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// Pid is the child's process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Done is closed when the child has exited.
func (p *Process) Done() <-chan struct{} { return p.done }

// Running tells whether the child has not exited yet.
func (p *Process) Running() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// Kill sends SIGKILL and waits for the exit.
func (p *Process) Kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// ErrTimeout is a child that did not exit in time (it is then killed).
var ErrTimeout = errors.New("the child did not exit in time")

// Stop sends SIGTERM and waits up to limit for the exit; a child still running then is killed
// and ErrTimeout returned. It returns how long the exit took and the exit error (nil for 0).
func (p *Process) Stop(limit time.Duration) (time.Duration, error) {
	start := time.Now()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return time.Since(start), p.err
	case <-time.After(limit):
		p.Kill()
		return time.Since(start), ErrTimeout
	}
}

// Wait waits for the exit, until ctx ends.
func (p *Process) Wait(ctx context.Context) error {
	select {
	case <-p.done:
		return p.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// PeakRSS is the child's peak resident set size in bytes (VmHWM), while it runs.
func (p *Process) PeakRSS() (int64, error) { return PeakRSS(p.Pid()) }

// PeakRSS is the peak resident set size in bytes (VmHWM in /proc/<pid>/status) of a running process.
func PeakRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("peak RSS: %w", err)
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		rest, ok := strings.CutPrefix(lines.Text(), "VmHWM:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("peak RSS: %q: %w", rest, err)
		}
		return kb << 10, nil
	}
	return 0, errors.New("peak RSS: no VmHWM in /proc status")
}

// FreeAddr is a 127.0.0.1 address with a port free now, for a child to listen on. Another
// program may take the port before the child does; the window is short.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
