// Command filekeeper runs the File Keeper Telegram bot.
//
//	filekeeper [run]                     run the bot (applies pending migrations first)
//	filekeeper migrate up|down|version   manage the database schema
//	filekeeper sandbox                   try the bot in a browser, without Telegram
//	filekeeper updates replay            run the parked updates again (after a fix)
//	filekeeper export [-o FILE]          every user's library as JSON lines (a portable backup)
//	filekeeper import [FILE]             an export into this database (empty or in use)
//	filekeeper rebind                    take this bot's file ids from the storage chat's copies
//	filekeeper unsendable [-o FILE]      list the files this bot cannot send (another bot's, no copy)
//	filekeeper mirror backfill           copy to the storage chat every file with no copy yet
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

	"github.com/filekeeper/filekeeper/internal/adapters/httpserver"
	"github.com/filekeeper/filekeeper/internal/adapters/jobs"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/migrations"
	"github.com/filekeeper/filekeeper/internal/adapters/profiling"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/export"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/sendall"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/config"
	"github.com/filekeeper/filekeeper/internal/domain"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// Exit codes: 2 is a usage or configuration mistake the user must fix before anything can run.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

const usage = `usage:
  filekeeper [run]                     run the bot
  filekeeper migrate up|down|version   manage the database schema
  filekeeper sandbox                   try the bot in a browser: no token, no Telegram
                                       (page at SANDBOX_ADDR, default 127.0.0.1:8080)
  filekeeper updates replay            run again the updates that could not be handled
                                       (parked), e.g. after a fix; the bot may keep running
  filekeeper export [-o FILE]          write every user's library as JSON lines to FILE
                                       (default: standard output), a portable backup
  filekeeper import [FILE]             read an export (default: standard input) into this
                                       database, empty or in use; running it twice changes nothing
  filekeeper rebind                    after moving to a new bot (a new BOT_TOKEN): give every file
                                       a file id of this bot from its copy in STORAGE_CHAT_ID
  filekeeper unsendable [-o FILE]      list the files this bot cannot send (another bot's, with
                                       no copy): owner's Telegram id, file id, name, kind, bot id
  filekeeper mirror backfill           copy to STORAGE_CHAT_ID now every file with no copy yet
                                       (the bot also does it by itself, in the background)

Configuration comes from the environment and an optional .env file; see README.md.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	return runWith(args, os.Stdin, os.Stdout, stderr)
}

func runWith(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"run"}
	}
	cfg, err := config.Load(".env")
	if err != nil {
		fmt.Fprintln(stderr, "filekeeper:", err)
		return exitUsage
	}
	switch args[0] {
	case "run":
		if len(args) != 1 {
			break
		}
		return runBot(cfg, stderr)
	case "migrate":
		if len(args) != 2 {
			break
		}
		return migrate(cfg, args[1], stderr)
	case "sandbox":
		if len(args) != 1 {
			break
		}
		return runSandbox(cfg, stderr)
	case "updates":
		if len(args) != 2 || args[1] != "replay" {
			break
		}
		return replayUpdates(cfg, stderr)
	case "export":
		return exportArchive(cfg, args[1:], stdout, stderr)
	case "import":
		return importArchive(cfg, args[1:], stdin, stderr)
	case "rebind":
		if len(args) != 1 {
			break
		}
		return rebind(cfg, stderr)
	case "unsendable":
		return listUnsendable(cfg, args[1:], stdout, stderr)
	case "mirror":
		if len(args) != 2 || args[1] != "backfill" {
			break
		}
		return mirrorBackfill(cfg, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stderr, usage)
		return exitOK
	}
	fmt.Fprint(stderr, usage)
	return exitUsage
}

func runBot(cfg config.Config, stderr io.Writer) int {
	log, say, ok := startLogging(cfg, stderr)
	if !ok {
		return exitUsage
	}
	defer func() { _ = log.Sync() }()
	var up startedParts
	application := fx.New(Options(cfg, log), up.populate())
	if err := application.Err(); err != nil {
		say.failed(fmt.Sprintf("wiring the application failed: %v", err))
		return exitFailed
	}
	return serve(application, log, say, func() { say.ready(up.readyLine(cfg)) })
}

// startLogging checks cfg and makes the logger and the announcer a long-running sub-command
// (run, sandbox) starts with; false when cfg is wrong or the logger cannot be made, told on stderr.
func startLogging(cfg config.Config, stderr io.Writer) (*zap.Logger, announcer, bool) {
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, "filekeeper:", err)
		return nil, announcer{}, false
	}
	log, err := logging.New(cfg.LogLevel, cfg.LogFormat)
	if err != nil {
		fmt.Fprintln(stderr, "filekeeper:", err)
		return nil, announcer{}, false
	}
	return log, newAnnouncer(cfg, log, stderr), true
}

// serve starts the application, says so once it can answer (ready), and runs until SIGINT or
// SIGTERM. A failed start is said once, in plain words.
func serve(application *fx.App, log *zap.Logger, say announcer, ready func()) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	startCtx, cancel := context.WithTimeout(ctx, application.StartTimeout())
	defer cancel()
	if err := application.Start(startCtx); err != nil {
		say.failed(startupMessage(err, ctx, startCtx, application.StartTimeout()))
		return exitFailed
	}
	ready()
	<-ctx.Done()
	log.Info("signal received: shutting down")
	stopCtx, cancelStop := context.WithTimeout(context.Background(), application.StopTimeout())
	defer cancelStop()
	if err := application.Stop(stopCtx); err != nil {
		log.Error("stop failed", zap.Error(err))
		return exitFailed
	}
	return exitOK
}

// Options is the whole application: every module and the configuration they need.
func Options(cfg config.Config, log *zap.Logger) fx.Option {
	return fx.Options(
		logging.Module(log),
		fx.Supply(
			postgresConfig(cfg),
			telegram.Config{
				Token:         cfg.BotToken,
				APIURL:        cfg.APIURL(),
				PollTimeout:   cfg.PollTimeout,
				Concurrency:   cfg.Workers,
				UpdateTimeout: cfg.UpdateTimeout,

				WebhookURL:            cfg.WebhookURL,
				WebhookSecret:         cfg.WebhookSecret,
				WebhookMaxConnections: cfg.WebhookMaxConnections,
				Flood: flood.Config{
					GlobalPerSec:   cfg.FloodGlobalPerSec,
					ChatPerSec:     cfg.FloodChatPerSec,
					ChatBurst:      cfg.FloodChatBurst,
					GroupPerMin:    cfg.FloodGroupPerMin,
					Retries:        cfg.BotAPIRetries,
					Backoff:        cfg.BotAPIBackoff,
					AttemptTimeout: cfg.BotAPITimeout,
					Instances:      cfg.Instances,
				},
				StartupTimeout: cfg.BotAPIStartupTimeout,
				StorageChatID:  cfg.StorageChatID,
				KeepDeleted:    cfg.StorageKeepDeleted,
				ClaimLease:     cfg.StorageClaimLease,
			},
			profiling.Config{Addr: cfg.PprofAddr},
			httpserver.Config{Addr: cfg.HTTPAddr, WebhookPath: cfg.WebhookPath(), WebhookSecret: cfg.WebhookSecret},
			app.Limits{
				MaxFileSize:       cfg.MaxFileSize,
				MaxCategories:     cfg.MaxCategories,
				MaxLinks:          cfg.MaxLinks,
				TrashRetention:    cfg.TrashRetention,
				ConversationTTL:   cfg.ConversationTTL,
				UploadQuietPeriod: cfg.UploadQuiet,
				AlbumWindow:       cfg.AlbumWindow,
				QuotaFiles:        cfg.QuotaFiles,
				QuotaBytes:        cfg.QuotaBytes,
				Admins:            cfg.AdminIDs,
				UpdatesRetention:  cfg.UpdatesRetention,
				AccessMode:        domain.AccessMode(cfg.AccessMode),
				AllowedIDs:        cfg.AllowedIDs,
				RateLimit:         domain.RateLimit{Updates: cfg.RateLimitUpdates, Window: cfg.RateLimitWindow},
				BotID:             cfg.BotID(),
				StorageChatID:     cfg.StorageChatID,
			},
			jobs.Config{Workers: cfg.JobWorkers, PurgeInterval: cfg.PurgeInterval, MaxAttempts: cfg.JobMaxAttempts},
		),
		postgres.Module,
		app.Module,
		jobs.Module,
		storageJobs,
		outbox(cfg),
		// Before telegram: the server listens before the webhook is set, and drains after polling stops.
		httpserver.Module,
		profiling.Module,
		telegram.Module,
		// The HTTP adapter reaches the others only through its own interfaces, bound here.
		fx.Provide(
			func(w *updates.Webhook) httpserver.UpdateHandler { return w },
			// The job engine works over the database's pool; units of work store jobs through it.
			func(d *postgres.Database) jobs.PoolSource { return d },
			func(i *jobs.Inserter) postgres.JobInserter { return i },
			// The workers of jobs whose work is in the Telegram adapter.
			fx.Annotate(func(e *export.Sender) jobs.Kind { return jobs.Work(e.Handle) }, fx.ResultTags(`group:"jobs"`)),
			fx.Annotate(func(w *sendall.Worker) jobs.Kind { return jobs.Work(w.Handle) }, fx.ResultTags(`group:"jobs"`)),
		),
		sharedOptions(cfg),
		fx.StopTimeout(cfg.ShutdownTimeout),
		fx.StartTimeout(startTimeout(cfg)),
	)
}

// poolReserve is the connections kept beyond one per worker and job worker: /readyz, /stats'
// counters, the webhook's handshake, and the job engine's own (its leader election, the fetch
// of jobs, the listener of new ones) each take one now and then.
const poolReserve = 7

func postgresConfig(cfg config.Config) postgres.Config {
	conns := min(cfg.Workers, 1<<20) + min(cfg.JobWorkers, 1<<20)
	return postgres.Config{URL: cfg.DatabaseURL, MigrateOnStart: cfg.MigrateOnStart, EmbeddedDataDir: cfg.EmbeddedDataDir,
		MinPoolSize: int32(conns) + poolReserve, EmbeddedPort: uint32(cfg.EmbeddedPGPort)}
}

// migrate runs `filekeeper migrate up|down|version` on DATABASE_URL, or on the embedded
// PostgreSQL when it is unset.
func migrate(cfg config.Config, direction string, out io.Writer) int {
	steps := map[string]func(url string) error{
		"up":      migrations.Up,
		"down":    migrations.Down,
		"version": func(string) error { return nil },
	}
	step, ok := steps[direction]
	if !ok {
		fmt.Fprint(out, usage)
		return exitUsage
	}
	if err := cfg.ValidateDatabase(); err != nil {
		fmt.Fprintln(out, "filekeeper:", err)
		return exitUsage
	}
	pgCfg := postgresConfig(cfg)
	pgCfg.MigrateOnStart = false
	db := postgres.NewDatabase(pgCfg, zap.NewNop())
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := db.Start(ctx); err != nil {
		fmt.Fprintln(out, "filekeeper: migrate:", err)
		return exitFailed
	}
	defer func() { _ = db.Stop(context.Background()) }()
	if err := step(db.URL()); err != nil {
		fmt.Fprintln(out, "filekeeper: migrate", direction+":", err)
		return exitFailed
	}
	return reportVersion(ctx, out, db.URL(), direction)
}

// reportVersion says what schema the database at url is at after a migrate in direction: ours
// and the job queue's.
func reportVersion(ctx context.Context, out io.Writer, url, direction string) int {
	version, dirty, err := migrations.Version(url)
	switch {
	case err != nil:
		fmt.Fprintln(out, "filekeeper: migrate version:", err)
		return exitFailed
	case dirty:
		fmt.Fprintf(out, "schema is at version %d, DIRTY: a migration failed half-way; fix the database, then force the version\n", version)
		return exitFailed
	case version == 0 && direction == "down":
		fmt.Fprintln(out, "every migration rolled back: no migration applied")
		return exitOK
	case version == 0:
		fmt.Fprintln(out, "no migration applied")
		return exitOK
	}
	jobsVersion, err := migrations.JobSchemaVersion(ctx, url)
	if err != nil {
		fmt.Fprintln(out, "filekeeper: migrate version:", err)
		return exitFailed
	}
	fmt.Fprintf(out, "schema is at version %d; the job queue's (River's) at version %d\n", version, jobsVersion)
	return exitOK
}
