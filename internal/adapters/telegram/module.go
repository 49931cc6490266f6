package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/fx"
	"go.uber.org/zap"
)

// Config is what the Telegram adapter needs to know.
type Config struct {
	Token         string
	APIURL        string        // base URL of the Bot API server
	PollTimeout   time.Duration // long-poll wait of one getUpdates
	Concurrency   int           // chats handled at once
	UpdateTimeout time.Duration // bound on handling one update
}

// Module wires the Telegram adapter: the Bot API client, the router and the long poller.
var Module = fx.Module("telegram",
	fx.Provide(
		NewClient,
		NewSender,
		NewRouter,
		func(c Config, r *Router, log *zap.Logger) *Dispatcher {
			return NewDispatcher(r, log, c.Concurrency, c.UpdateTimeout)
		},
		func(c Config, d *Dispatcher, log *zap.Logger) *Poller {
			return NewPoller(c.APIURL, c.Token, c.PollTimeout, d, log)
		},
	),
	fx.Invoke(register),
)

// NewClient builds the go-telegram/bot client. It does no network call: getMe runs at start.
func NewClient(c Config, log *zap.Logger) (*bot.Bot, error) {
	b, err := bot.New(c.Token,
		bot.WithSkipGetMe(),
		bot.WithServerURL(c.APIURL),
		bot.WithHTTPClient(c.PollTimeout, &http.Client{Timeout: 30 * time.Second}),
		bot.WithErrorsHandler(func(err error) { log.Warn("bot api client", zap.Error(err)) }),
	)
	if err != nil {
		return nil, fmt.Errorf("build bot api client: %w", err)
	}
	return b, nil
}

// Commands is the command list the bot registers with setMyCommands.
var Commands = []models.BotCommand{
	{Command: "start", Description: "Main menu"},
	{Command: "files", Description: "My files"},
	{Command: "categories", Description: "My categories"},
	{Command: "search", Description: "Find a file by name or caption"},
	{Command: "profile", Description: "What I keep for you"},
	{Command: "settings", Description: "Page size, language, default category"},
	{Command: "links", Description: "My share links"},
	{Command: "done", Description: "Finish uploading into a category"},
	{Command: "cancel", Description: "Leave what I'm doing"},
	{Command: "help", Description: "What I can do"},
}

func register(lc fx.Lifecycle, b *bot.Bot, r *Router, p *Poller, log *zap.Logger) {
	lc.Append(fx.Hook{
		OnStart: func(ctx context.Context) error {
			me, err := b.GetMe(ctx)
			if errors.Is(err, bot.ErrorUnauthorized) || errors.Is(err, bot.ErrorNotFound) {
				return fmt.Errorf("the Bot API refused BOT_TOKEN (check it with @BotFather): %w", err)
			}
			if err != nil {
				return fmt.Errorf("reach the Bot API (getMe): %w", err)
			}
			r.SetBotUsername(me.Username)
			if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: Commands}); err != nil {
				return fmt.Errorf("register bot commands: %w", err)
			}
			// Long polling and a webhook exclude each other: getUpdates fails while a webhook is set.
			if _, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); err != nil {
				return fmt.Errorf("delete webhook before polling: %w", err)
			}
			p.Start()
			log.Info("bot started: long polling", zap.String("bot_username", me.Username))
			return nil
		},
		OnStop: func(ctx context.Context) error {
			log.Info("bot stopping: finishing updates under way")
			return p.Stop(ctx)
		},
	})
}
