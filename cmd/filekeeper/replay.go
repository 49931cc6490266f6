package main

import (
	"context"
	"fmt"
	"io"

	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/httpserver"
	"github.com/filekeeper/filekeeper/internal/adapters/jobs"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/parked"
	"github.com/filekeeper/filekeeper/internal/config"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// replayUpdates runs `filekeeper updates replay`: the whole application, but taking no updates
// (no polling, no webhook, no HTTP port of its own, no background jobs), runs every parked
// update of the bot once and says what came of it.
func replayUpdates(cfg config.Config, out io.Writer) int {
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(out, "filekeeper:", err)
		return exitUsage
	}
	log, err := logging.New(cfg.LogLevel, cfg.LogFormat)
	if err != nil {
		fmt.Fprintln(out, "filekeeper:", err)
		return exitUsage
	}
	defer func() { _ = log.Sync() }()
	return replay(cfg, log, out)
}

func replay(cfg config.Config, log *zap.Logger, out io.Writer) int {
	var replayer *parked.Replayer
	application := fx.New(ReplayOptions(cfg, log), fx.Populate(&replayer))
	if err := application.Err(); err != nil {
		fmt.Fprintln(out, "filekeeper: updates replay:", err)
		return exitFailed
	}
	startCtx, cancel := context.WithTimeout(context.Background(), application.StartTimeout())
	defer cancel()
	if err := application.Start(startCtx); err != nil {
		fmt.Fprintln(out, "filekeeper: updates replay:", err)
		return exitFailed
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), application.StopTimeout())
		defer cancel()
		_ = application.Stop(stopCtx)
	}()
	res, err := replayer.Replay(context.Background())
	fmt.Fprintf(out, "parked updates replayed: %d handled, %d failed again (still parked)\n", res.Handled, res.Failed)
	switch {
	case err != nil:
		fmt.Fprintln(out, "filekeeper: updates replay:", err)
		return exitFailed
	case res.Failed > 0:
		return exitFailed
	}
	return exitOK
}

// ReplayOptions is the application of Options, made to take no updates: the bot neither polls
// nor sets a webhook, the HTTP server listens on a free local port without the webhook, and the
// background jobs are off — so it runs beside the instances serving the bot.
func ReplayOptions(cfg config.Config, log *zap.Logger) fx.Option {
	return fx.Options(
		Options(cfg, log),
		fx.Decorate(
			func(c telegram.Config) telegram.Config { c.ReplayOnly = true; return c },
			func(c httpserver.Config) httpserver.Config { return httpserver.Config{Addr: "127.0.0.1:0"} },
			func(c jobs.Config) jobs.Config { c.Workers = 0; return c },
		),
	)
}
