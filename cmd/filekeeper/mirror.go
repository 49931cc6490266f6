package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/jobs"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/mirror"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/config"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// sweepInterval is how often the copies of files deleted for good are deleted from the storage chat.
const sweepInterval = time.Minute

// storageJobs are the job kinds of the storage chat, the Telegram adapter's work run by the job
// engine: a copy per file, the backfill, and the periodic sweep of the copies of deleted files.
var storageJobs = fx.Provide(
	fx.Annotate(func(m *mirror.Mirror) jobs.Kind { return jobs.Work(m.Copy) }, fx.ResultTags(`group:"jobs"`)),
	fx.Annotate(func(m *mirror.Mirror) jobs.Kind { return jobs.Work(m.Backfill) }, fx.ResultTags(`group:"jobs"`)),
	fx.Annotate(func(m *mirror.Mirror) jobs.Kind {
		return jobs.Periodic(sweepInterval, app.SweepStorageJob{}, m.Sweep)
	}, fx.ResultTags(`group:"jobs"`)),
)

// rebind runs `filekeeper rebind`: every file kept by another bot gets a file id of this one,
// taken from its copy in the storage chat.
func rebind(cfg config.Config, stderr io.Writer) int {
	return withMirror(cfg, stderr, "rebind", func(ctx context.Context, m *mirror.Mirror) error {
		bar := newBar(stderr, -1, "rebinding")
		started := time.Now()
		s, err := m.RebindAll(ctx, func() { _ = bar.Add(1) })
		_ = bar.Finish()
		fmt.Fprintf(stderr, "rebound %d files to this bot in %s (%s); %d failed (run rebind again, or they are rebound on their first send); "+
			"%d kept by another bot have no copy and cannot be sent\n",
			s.Rebound, time.Since(started).Round(time.Second), rate(s.Rebound, time.Since(started)), s.Failed, s.Unreachable)
		return err
	})
}

// mirrorBackfill runs `filekeeper mirror backfill`: every file with no copy is copied to the
// storage chat now, in the foreground.
func mirrorBackfill(cfg config.Config, stderr io.Writer) int {
	if cfg.StorageChatID == 0 {
		fmt.Fprintln(stderr, "filekeeper: mirror backfill: STORAGE_CHAT_ID is not set: set it to the id of the channel the copies go to")
		return exitUsage
	}
	return withMirror(cfg, stderr, "mirror backfill", func(ctx context.Context, m *mirror.Mirror) error {
		bar := newBar(stderr, -1, "copying")
		started := time.Now()
		s, err := m.CopyAll(ctx, func() { _ = bar.Add(1) })
		_ = bar.Finish()
		fmt.Fprintf(stderr, "copied %d files to the storage chat in %s (%s); %d left as they are (copied meanwhile, gone, or another bot's); %d failed (run it again)\n",
			s.Copied, time.Since(started).Round(time.Second), rate(s.Copied, time.Since(started)), s.Skipped, s.Failed)
		return err
	})
}

// rate is n things over took, per minute.
func rate(n int, took time.Duration) string {
	if took <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f a minute", float64(n)/took.Minutes())
}

// withMirror starts the application as `updates replay` does (no updates taken, no jobs run
// here; the storage chat is checked at start), runs fn with its Mirror until done or
// interrupted, and stops it.
func withMirror(cfg config.Config, stderr io.Writer, what string, fn func(context.Context, *mirror.Mirror) error) int {
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, "filekeeper:", err)
		return exitUsage
	}
	log, err := logging.New(cfg.LogLevel, cfg.LogFormat)
	if err != nil {
		fmt.Fprintln(stderr, "filekeeper:", err)
		return exitUsage
	}
	defer func() { _ = log.Sync() }()
	var m *mirror.Mirror
	application := fx.New(ReplayOptions(cfg, log), fx.Populate(&m))
	if err := application.Err(); err != nil {
		fmt.Fprintf(stderr, "filekeeper: %s: %v\n", what, err)
		return exitFailed
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	startCtx, cancel := context.WithTimeout(ctx, application.StartTimeout())
	defer cancel()
	if err := application.Start(startCtx); err != nil {
		fmt.Fprintf(stderr, "filekeeper: %s: %v\n", what, err)
		return exitFailed
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), application.StopTimeout())
		defer cancel()
		_ = application.Stop(stopCtx)
	}()
	if err := fn(ctx, m); err != nil {
		log.Error(what+" stopped", zap.Error(err))
		fmt.Fprintf(stderr, "filekeeper: %s: %v (run it again to go on)\n", what, err)
		return exitFailed
	}
	return exitOK
}
