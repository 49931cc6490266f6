package telegram

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/fx"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/export"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/flood"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/metrics"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/mirror"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/parked"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/sendall"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/startup"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/traffic"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Config is what the Telegram adapter needs to know.
type Config struct {
	Token         string
	APIURL        string        // base URL of the Bot API server
	PollTimeout   time.Duration // long-poll wait of one getUpdates
	Concurrency   int           // chats handled at once
	UpdateTimeout time.Duration // bound on handling one update
	// WebhookURL set means webhook mode: setWebhook at start, and the updates arrive through
	// updates.Webhook (served by the HTTP server adapter); empty means long polling.
	WebhookURL            string
	WebhookSecret         string // the secret_token Telegram sends back with every delivery
	WebhookMaxConnections int    // deliveries Telegram makes at once
	// Flood paces and retries every Bot API call of the client; the zero value turns it off.
	Flood flood.Config
	// ReplayOnly starts the bot without taking updates (no polling, no webhook, commands left
	// as they are), for `filekeeper updates replay` beside the running instances.
	ReplayOnly bool
	// StartupTimeout bounds the start's wait for getMe, tried again with backoff until then;
	// 0 means DefaultStartupTimeout.
	StartupTimeout time.Duration
	// StorageChatID is the channel or group every kept file is copied to (the bot must be an
	// administrator there); 0: none. KeepDeleted keeps there the copies of files deleted for good.
	StorageChatID int64
	KeepDeleted   bool
	// ClaimLease is how long an attempt at a copy holds it before another may take it over.
	ClaimLease time.Duration
}

// Webhook is what setWebhook is told of c.
func (c Config) Webhook() startup.Webhook {
	return startup.Webhook{URL: c.WebhookURL, Secret: c.WebhookSecret, MaxConnections: c.WebhookMaxConnections, Allowed: AllowedUpdates}
}

// AllowedUpdates are the update types the bot asks Telegram for, polling or by webhook.
var AllowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage, models.AllowedUpdateCallbackQuery, models.AllowedUpdateInlineQuery, models.AllowedUpdateMyChatMember}

// Module wires the Telegram adapter: the Bot API client (its calls through the flood transport),
// the getMe step, the router, the updates.Dispatcher, and either the long poller (while this
// instance holds the polling lock, an app.Leadership) or the updates.Webhook
// the HTTP server adapter hands updates to. Its metrics are registered with the graph's
// prometheus.Registerer, when there is one.
var Module = fx.Module("telegram",
	fx.Provide(
		metrics.New,
		newTraffic,
		newClient,
		NewSender,
		newDurableRouter,
		newDispatcher,
		newLeaderPolling,
		updates.NewWebhook,
		newReplayer,
		newExporter,
		newSendAll,
		newStarted,
		newMirror,
	),
	fx.Invoke(registerMetrics, register),
)

// NewClient builds the go-telegram/bot client. It does no network call: getMe runs at start.
func NewClient(c Config, log *zap.Logger) (*bot.Bot, error) {
	return newClient(clientParams{Config: c, Log: log})
}

// clientParams are what the client needs; Shared, when the graph has it (Redis), counts the
// flood limits of all the instances together.
type clientParams struct {
	fx.In
	Config  Config
	Log     *zap.Logger
	Metrics *metrics.Recorder `optional:"true"`
	Traffic *traffic.Counter  `optional:"true"`
	Shared  flood.Shared      `optional:"true"`
}

func newClient(p clientParams) (*bot.Bot, error) {
	c, log, m := p.Config, p.Log, p.Metrics
	limits := c.Flood
	limits.OnFloodWait = p.Traffic.NoteFloodWait
	limits.Shared = p.Shared
	b, err := bot.New(c.Token,
		bot.WithSkipGetMe(),
		bot.WithServerURL(c.APIURL),
		bot.WithHTTPClient(c.PollTimeout, &http.Client{Timeout: 30 * time.Second, Transport: limits.Transport(m.Transport(nil), log)}),
		bot.WithErrorsHandler(func(err error) { log.Warn("bot api client", zap.Error(err)) }),
	)
	if err != nil {
		return nil, fmt.Errorf("build bot api client: %w", err)
	}
	return b, nil
}

type trafficParams struct {
	fx.In
	Lifecycle fx.Lifecycle
	Shared    traffic.Shared `optional:"true"`
	Log       *zap.Logger
}

// newTraffic is the /stats counters: this process's, or everyone's when the graph has shared
// counts, added to them every traffic.FlushEvery while the application runs.
func newTraffic(p trafficParams) *traffic.Counter {
	if p.Shared == nil {
		return traffic.New()
	}
	t := traffic.NewShared(p.Shared, time.Now)
	p.Lifecycle.Append(fx.Hook{OnStart: func(context.Context) error { t.Start(p.Log); return nil }, OnStop: t.Stop})
	return t
}

// newExporter is the library export's worker, over the bot's client.
func newExporter(a app.Application, b *bot.Bot, log *zap.Logger) *export.Sender {
	return export.New(a, b, userBlockedBot, log)
}

// newSendAll is the send-all's worker, over the bot's client and the router's way of sending
// files (their storage copies included).
func newSendAll(a app.Application, r *Router, b *bot.Bot, log *zap.Logger) *sendall.Worker {
	return sendall.New(a.Commands.SendAll, b, r.SendBatch, userBlockedBot, log)
}

// newReplayer replays the parked updates of the running bot through the router.
func newReplayer(r *Router, log *zap.Logger) *parked.Replayer {
	source := func(ctx context.Context, afterID int64, limit int) ([]app.ParkedUpdate, error) {
		return r.app.Updates.Parked(ctx, r.botID(), afterID, limit)
	}
	return parked.New(source, r, log)
}

// Polling is what the long poller needs of c.
func (c Config) Polling() updates.PollerConfig {
	return updates.PollerConfig{APIURL: c.APIURL, Token: c.Token, Timeout: c.PollTimeout, Allowed: AllowedUpdates}
}

func newDispatcher(c Config, r *Router, m *metrics.Recorder, log *zap.Logger) *updates.Dispatcher {
	return updates.NewDispatcher(r, log, c.Concurrency, c.UpdateTimeout, m.ObserveUpdate)
}

func newLeaderPolling(c Config, d *updates.Dispatcher, l app.Leadership, m *metrics.Recorder, log *zap.Logger) *updates.LeaderPolling {
	return updates.NewLeaderPolling(l, func() *updates.Poller {
		pc := c.Polling()
		pc.Transport = m.Transport(nil) // getUpdates is counted, but not paced: it waits by design
		return updates.NewPoller(pc, d, log)
	}, log)
}

// newStarted is the getMe step: it provides the Started the router and the start hook read, and
// fills in who the bot is at start, first of the adapter's start hooks (the others need it).
// It fails the start when the button codes clash, a button has no handler, or the Bot API does
// not answer.
func newStarted(lc fx.Lifecycle, b *bot.Bot, c Config, m *mirror.Mirror, log *zap.Logger) *Started {
	s := &Started{}
	lc.Append(fx.Hook{OnStart: func(ctx context.Context) error {
		if err := views.CheckCallbackCodes(); err != nil {
			return err
		}
		if err := checkButtons(); err != nil {
			return err
		}
		timeout := c.StartupTimeout
		if timeout <= 0 {
			timeout = DefaultStartupTimeout
		}
		me, err := startup.GetMe(ctx, b, c.APIURL, timeout, log)
		if err != nil {
			return err
		}
		s.Username = me.Username
		return m.Start(ctx, me, !c.ReplayOnly, log)
	}})
	return s
}

type metricsParams struct {
	fx.In
	Metrics  *metrics.Recorder
	Mirror   *mirror.Mirror
	Registry prometheus.Registerer `optional:"true"`
}

func registerMetrics(p metricsParams) error {
	if p.Registry == nil {
		return nil
	}
	if err := p.Metrics.Register(p.Registry); err != nil {
		return err
	}
	for _, c := range p.Mirror.Collectors() {
		if err := p.Registry.Register(c); err != nil {
			return err
		}
	}
	return nil
}

// newMirror is the storage chat's worker, over the bot's client.
func newMirror(b *bot.Bot, a app.Application, c Config, log *zap.Logger) *mirror.Mirror {
	return mirror.New(b, a.Storage, mirror.Config{ChatID: c.StorageChatID, KeepDeleted: c.KeepDeleted, ClaimLease: c.ClaimLease}, log)
}

// Commands is the command list the bot registers with setMyCommands.
var Commands = views.English.Commands

type registerParams struct {
	fx.In
	Lifecycle fx.Lifecycle
	Config    Config
	Bot       *bot.Bot
	Polling   *updates.LeaderPolling
	Log       *zap.Logger
	Started   *Started
}

func register(p registerParams) {
	b, log := p.Bot, p.Log
	p.Lifecycle.Append(fx.Hook{
		OnStart: func(ctx context.Context) error {
			// The getMe step (newStarted) ran before: the bot knows its name.
			me := p.Started
			p.Started.Mode = "long polling"
			if p.Config.WebhookURL != "" {
				p.Started.Mode = "webhook " + p.Config.WebhookURL
			}
			if p.Config.ReplayOnly {
				p.Started.Mode = "replaying parked updates"
				return nil
			}
			if err := setCommands(ctx, b); err != nil {
				return err
			}
			if p.Config.WebhookURL != "" {
				return startup.SetWebhook(ctx, b, p.Config.Webhook(), me.Username, log)
			}
			// Long polling and a webhook exclude each other: getUpdates fails while a webhook is set.
			if _, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}); err != nil {
				return fmt.Errorf("delete webhook before polling: %w", err)
			}
			p.Polling.Start()
			log.Info("bot started: long polling once this instance holds the polling lock", zap.String("bot_username", me.Username))
			return nil
		},
		OnStop: func(ctx context.Context) error {
			if p.Config.WebhookURL != "" || p.Config.ReplayOnly {
				// The webhook stays set: other instances, or this one restarted, take the updates.
				return nil
			}
			log.Info("bot stopping: finishing updates under way")
			return p.Polling.Stop(ctx)
		},
	})
}

// commandLanguages are the languages the command menu is registered in, besides the default
// (English, for every other language).
var commandLanguages = map[domain.Language]*views.Texts{domain.English: views.English, domain.Russian: views.Russian}

// setCommands registers the command menu: English by default, and each language's own for the
// users whose Telegram speaks it.
func setCommands(ctx context.Context, b *bot.Bot) error {
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: views.English.Commands}); err != nil {
		return fmt.Errorf("register bot commands: %w", err)
	}
	for _, l := range domain.Languages {
		t := commandLanguages[l]
		if t == nil {
			continue
		}
		if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: t.Commands, LanguageCode: string(l)}); err != nil {
			return fmt.Errorf("register bot commands in %s: %w", l, err)
		}
	}
	return nil
}
