package main

import (
	"fmt"
	"io"
	"os"

	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/config"
	"github.com/filekeeper/filekeeper/internal/sandbox"
)

// runSandbox runs `filekeeper sandbox`: the real bot, its database (DATABASE_URL or the embedded
// PostgreSQL) and, in the same process, a local Bot API with a web chat page in front of it. It
// needs no token and no internet. SANDBOX_ADDR is where the page listens, SANDBOX_FILES_DIR where
// the files sent are kept.
func runSandbox(cfg config.Config, stderr io.Writer) int {
	sb := sandbox.Config{Addr: os.Getenv("SANDBOX_ADDR"), FilesDir: os.Getenv("SANDBOX_FILES_DIR")}
	if sb.Addr == "" {
		sb.Addr = sandbox.DefaultAddr
	}
	if sb.FilesDir == "" {
		sb.FilesDir = sandbox.DefaultFilesDir()
	}
	if err := sandbox.CheckAddr(sb.Addr); err != nil {
		fmt.Fprintln(stderr, "filekeeper:", err)
		return exitUsage
	}
	cfg = sandboxConfig(cfg, sb, os.Getenv("LOG_FORMAT") != "")
	log, say, ok := startLogging(cfg, stderr)
	if !ok {
		return exitUsage
	}
	defer func() { _ = log.Sync() }()
	var up startedParts
	var page *sandbox.Server
	application := fx.New(SandboxOptions(cfg, sb, log), up.populate(), fx.Populate(&page))
	if err := application.Err(); err != nil {
		say.failed(fmt.Sprintf("wiring the sandbox failed: %v", err))
		return exitFailed
	}
	return serve(application, log, say, func() {
		// Only now: the database is up and the bot answers, so the page works when opened.
		line := up.readyLine(cfg)
		line.sentence = fmt.Sprintf("\n  File Keeper sandbox is ready: open %s to chat with the bot (Ctrl+C stops it)\n  database: %s\n",
			page.URL(), up.db.Describe())
		line.fields = append(line.fields, zap.String("url", page.URL()))
		say.ready(line)
	})
}

// sandboxConfig points the bot at the sandbox's local Bot API. A BOT_TOKEN or BOT_API_URL of the
// environment is set aside, so a real token is never used, nor sent anywhere, by the sandbox.
// Logs are for a person at a terminal unless LOG_FORMAT says otherwise.
func sandboxConfig(cfg config.Config, sb sandbox.Config, logFormatSet bool) config.Config {
	cfg.BotToken = botapi.Token
	cfg.BotAPIURL = sb.URL()
	if !logFormatSet {
		cfg.LogFormat = "console"
	}
	return cfg
}

// SandboxOptions is the whole application of Options with the sandbox's local Bot API and page
// in front of it. The sandbox comes first, so it listens before the bot first calls it.
func SandboxOptions(cfg config.Config, sb sandbox.Config, log *zap.Logger) fx.Option {
	return fx.Options(sandbox.Module, fx.Supply(sb), Options(cfg, log))
}
