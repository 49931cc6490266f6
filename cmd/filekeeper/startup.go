package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/httpserver"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres/embedded"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/config"
)

// startMargin is the start's time beyond the waits that have bounds of their own (the embedded
// PostgreSQL's start, getMe): migrations, setMyCommands, setWebhook, listening.
const startMargin = 2 * time.Minute

// startTimeout is fx's bound on the whole start: longer than every wait inside it, so each of
// them ends with its own error (which says what to check) before fx's bare deadline could.
func startTimeout(cfg config.Config) time.Duration {
	return embedded.StartTimeout + cfg.BotAPIStartupTimeout + startMargin
}

// startupMessage is what a person reads when the start failed: the first failure only (fx adds
// the errors of the rollback), without fx's wrapping; or that the start was interrupted or took
// too long.
func startupMessage(err error, signals, start context.Context, limit time.Duration) string {
	if signals.Err() != nil {
		return "the start was interrupted (SIGINT or SIGTERM): stopped"
	}
	if start.Err() != nil && errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("the start took longer than %v and was given up", limit)
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		if errs := joined.Unwrap(); len(errs) > 0 && errs[0] != nil {
			err = errs[0]
		}
	}
	return strings.TrimSpace(err.Error())
}

// announcer says the two things a person starting the bot waits for, once each: that it is
// ready, or why it could not start. At a terminal (LOG_FORMAT=console) they are plain lines;
// with JSON logs, log entries.
type announcer struct {
	log   *zap.Logger
	plain io.Writer // nil: through log
}

func newAnnouncer(cfg config.Config, log *zap.Logger, stderr io.Writer) announcer {
	if cfg.LogFormat == "console" {
		return announcer{log: log, plain: stderr}
	}
	return announcer{log: log}
}

func (a announcer) failed(reason string) {
	if a.plain != nil {
		fmt.Fprintf(a.plain, "filekeeper: cannot start: %s\n", reason)
		return
	}
	a.log.Error("cannot start", zap.String("reason", reason))
}

// readyLine is what the ready announcement says, as a sentence and as log fields.
type readyLine struct {
	sentence string
	fields   []zap.Field
}

func (a announcer) ready(r readyLine) {
	if a.plain != nil {
		fmt.Fprintln(a.plain, r.sentence)
		return
	}
	a.log.Info("ready", r.fields...)
}

// startedParts are the parts of the application the ready line reports on, filled by fx.
type startedParts struct {
	db   *postgres.Database
	bot  *telegram.Started
	http *httpserver.Server
}

func (p *startedParts) populate() fx.Option { return fx.Populate(&p.db, &p.bot, &p.http) }

// readyLine says what the bot is connected to: the bot, how updates arrive, the database and
// where the health endpoints are.
func (p *startedParts) readyLine(cfg config.Config) readyLine {
	db, health := p.db.Describe(), "http://"+p.http.Addr()
	return readyLine{
		sentence: fmt.Sprintf("File Keeper is ready: bot @%s at %s, %s; database: %s; /healthz, /readyz and /metrics on %s",
			p.bot.Username, cfg.APIURL(), p.bot.Mode, db, health),
		fields: []zap.Field{zap.String("bot_username", p.bot.Username), zap.String("bot_api_url", cfg.APIURL()),
			zap.String("mode", p.bot.Mode), zap.String("database", db), zap.String("http", health)},
	}
}
