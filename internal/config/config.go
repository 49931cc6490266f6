// Package config loads File Keeper's settings from the environment and an optional .env file.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/joho/godotenv"
)

// Config is every setting of the program, read from environment variables.
type Config struct {
	BotToken        string        `env:"BOT_TOKEN"`
	BotAPIURL       string        `env:"BOT_API_URL" envDefault:"https://api.telegram.org"`
	DatabaseURL     string        `env:"DATABASE_URL"`
	MigrateOnStart  bool          `env:"MIGRATE_ON_START" envDefault:"true"`
	EmbeddedDataDir string        `env:"EMBEDDED_PG_DIR"`
	LogLevel        string        `env:"LOG_LEVEL" envDefault:"info"`
	LogFormat       string        `env:"LOG_FORMAT" envDefault:"json"`
	PollTimeout     time.Duration `env:"POLL_TIMEOUT" envDefault:"30s"`
	Workers         int           `env:"WORKERS" envDefault:"8"`
	UpdateTimeout   time.Duration `env:"UPDATE_TIMEOUT" envDefault:"30s"`
	ShutdownTimeout time.Duration `env:"SHUTDOWN_TIMEOUT" envDefault:"9s"`
	MaxFileSize     int64         `env:"MAX_FILE_SIZE" envDefault:"2000000000"`
	MaxCategories   int           `env:"MAX_CATEGORIES" envDefault:"50"`
	MaxLinks        int           `env:"MAX_LINKS" envDefault:"100"`
	TrashRetention  time.Duration `env:"TRASH_RETENTION" envDefault:"720h"`
	PurgeInterval   time.Duration `env:"PURGE_INTERVAL" envDefault:"1h"`
	ConversationTTL time.Duration `env:"CONVERSATION_TTL" envDefault:"15m"`
	UploadQuiet     time.Duration `env:"UPLOAD_QUIET_PERIOD" envDefault:"10m"`
	AlbumWindow     time.Duration `env:"ALBUM_WINDOW" envDefault:"30s"`
	QuotaFiles      int           `env:"QUOTA_FILES" envDefault:"10000"`
	QuotaBytes      int64         `env:"QUOTA_BYTES" envDefault:"10000000000"`
	// WebhookURL set means webhook mode: Telegram POSTs updates to it; unset means long polling.
	WebhookURL            string `env:"WEBHOOK_URL"`
	WebhookSecret         string `env:"WEBHOOK_SECRET"`
	WebhookMaxConnections int    `env:"WEBHOOK_MAX_CONNECTIONS" envDefault:"40"`
	// HTTPAddr is where the webhook, /healthz, /readyz and /metrics are served.
	HTTPAddr string `env:"HTTP_ADDR" envDefault:"127.0.0.1:8081"`
	// PprofAddr set serves Go's runtime profiles (net/http/pprof) there, apart from HTTP_ADDR;
	// unset (the default): none.
	PprofAddr string `env:"PPROF_ADDR"`
	// AdminIDs are the Telegram ids of the users who get /stats and /ban; they are always let in.
	AdminIDs []int64 `env:"ADMIN_IDS" envSeparator:","`
	// AccessMode is open (anyone may use the bot) or allowlist (only AllowedIDs and the admins).
	AccessMode string  `env:"ACCESS_MODE" envDefault:"open"`
	AllowedIDs []int64 `env:"ALLOWED_IDS" envSeparator:","`
	// RateLimitUpdates bounds the updates one user may send in RateLimitWindow; 0 turns it off.
	RateLimitUpdates int           `env:"RATE_LIMIT_UPDATES" envDefault:"20"`
	RateLimitWindow  time.Duration `env:"RATE_LIMIT_WINDOW" envDefault:"10s"`
	// Outgoing Bot API calls: pacing (0 turns a limit off), retries, and the bound on one try.
	FloodGlobalPerSec float64       `env:"FLOOD_GLOBAL_PER_SEC" envDefault:"30"`
	FloodChatPerSec   float64       `env:"FLOOD_CHAT_PER_SEC" envDefault:"1"`
	FloodChatBurst    int           `env:"FLOOD_CHAT_BURST" envDefault:"3"`
	FloodGroupPerMin  float64       `env:"FLOOD_GROUP_PER_MIN" envDefault:"20"`
	BotAPIRetries     int           `env:"BOT_API_RETRIES" envDefault:"3"`
	BotAPIBackoff     time.Duration `env:"BOT_API_BACKOFF" envDefault:"250ms"`
	BotAPITimeout     time.Duration `env:"BOT_API_TIMEOUT" envDefault:"10s"`
	// UpdatesRetention is how long a handled update's id is kept to skip redeliveries: past
	// Telegram's 24 hours, with a margin.
	UpdatesRetention time.Duration `env:"UPDATES_RETENTION" envDefault:"48h"`
	// EmbeddedPGPort is the embedded PostgreSQL's port; 0: 54329, or a free one when it is taken.
	EmbeddedPGPort uint16 `env:"EMBEDDED_PG_PORT"`
	// BotAPIStartupTimeout bounds how long the start waits for the Bot API to answer getMe,
	// retrying with backoff, before giving up.
	BotAPIStartupTimeout time.Duration `env:"BOT_API_STARTUP_TIMEOUT" envDefault:"1m"`
	// The job engine: how many background jobs this instance runs at once (0: none here, other
	// instances run them), and how many times a failing job is tried.
	JobWorkers     int `env:"JOB_WORKERS" envDefault:"4"`
	JobMaxAttempts int `env:"JOB_MAX_ATTEMPTS" envDefault:"25"`
	// The reply outbox: a reply not delivered this long after its update's commit (the process
	// died, or the Bot API was out of reach) is sent by a sweep of the job engine, run at start
	// and every ReplySweepInterval.
	ReplyLease         time.Duration `env:"REPLY_LEASE" envDefault:"30s"`
	ReplySweepInterval time.Duration `env:"REPLY_SWEEP_INTERVAL" envDefault:"1m"`
	// RedisURL set shares the flood limits and the /stats traffic counts among the instances of
	// the bot; unset, each process keeps its own (right for one instance).
	RedisURL    string `env:"REDIS_URL"`
	RedisPrefix string `env:"REDIS_PREFIX" envDefault:"filekeeper:"`
	// Instances is how many instances run: while Redis is out of reach each sends at 1/Instances
	// of the flood limits.
	Instances int `env:"INSTANCES" envDefault:"1"`
	// StorageChatID is the private channel (or group) every kept file is copied to, where the bot
	// is an administrator: any later bot made an administrator there can send the files. 0: none.
	StorageChatID int64 `env:"STORAGE_CHAT_ID"`
	// StorageKeepDeleted keeps in the storage chat the copies of files deleted for good.
	StorageKeepDeleted bool `env:"STORAGE_KEEP_DELETED" envDefault:"false"`
	// StorageClaimLease is how long an attempt at a file's copy holds it (from its claim to the
	// record of its post, flood waits included) before another attempt may take it over: after a
	// crash, the copy waits this long.
	StorageClaimLease time.Duration `env:"STORAGE_CLAIM_LEASE" envDefault:"2m"`
}

// ErrInvalid marks a configuration that cannot run; the message says what to fix.
var ErrInvalid = errors.New("invalid configuration")

// tokenPattern is the shape of a token issued by @BotFather: "<bot id>:<secret>".
var tokenPattern = regexp.MustCompile(`^[0-9]{3,20}:[A-Za-z0-9_-]{30,}$`)

// Load reads the optional .env file (variables already set win) and then the environment.
func Load(dotenv string) (Config, error) {
	if err := godotenv.Load(dotenv); err != nil && !errors.Is(err, os.ErrNotExist) {
		return Config{}, fmt.Errorf("%w: read %s: %w", ErrInvalid, dotenv, err)
	}
	var c Config
	if err := env.Parse(&c); err != nil {
		return Config{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return c, nil
}

// Validate checks the settings the bot needs to run.
func (c Config) Validate() error {
	var problems []string
	switch {
	case c.BotToken == "":
		problems = append(problems, "BOT_TOKEN is not set: get a token from @BotFather and put it in the environment or in .env")
	case !tokenPattern.MatchString(c.BotToken):
		problems = append(problems, "BOT_TOKEN is malformed: it looks like 123456789:AAE1k... (digits, a colon, then at least 30 letters, digits, _ or -)")
	}
	if u, err := url.Parse(c.BotAPIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		problems = append(problems, fmt.Sprintf("BOT_API_URL %q is not an http(s) URL", c.BotAPIURL))
	}
	if c.LogFormat != "json" && c.LogFormat != "console" {
		problems = append(problems, fmt.Sprintf("LOG_FORMAT %q must be json or console", c.LogFormat))
	}
	if c.Workers < 1 || c.PollTimeout < 0 || c.UpdateTimeout <= 0 || c.ShutdownTimeout <= 0 || c.MaxFileSize <= 0 {
		problems = append(problems, "WORKERS, UPDATE_TIMEOUT, SHUTDOWN_TIMEOUT and MAX_FILE_SIZE must be positive and POLL_TIMEOUT not negative")
	}
	if c.QuotaFiles < 0 || c.QuotaBytes < 0 {
		problems = append(problems, "QUOTA_FILES and QUOTA_BYTES must not be negative (0 means no limit)")
	}
	if c.MaxLinks < 0 {
		problems = append(problems, "MAX_LINKS must not be negative (0 means no limit)")
	}
	if c.MaxCategories < 1 || c.TrashRetention <= 0 || c.PurgeInterval < 0 || c.ConversationTTL <= 0 || c.UploadQuiet <= 0 {
		problems = append(problems, "MAX_CATEGORIES, TRASH_RETENTION, CONVERSATION_TTL and UPLOAD_QUIET_PERIOD must be positive and PURGE_INTERVAL not negative (0 turns the purge off)")
	}
	if c.AlbumWindow <= 0 {
		problems = append(problems, fmt.Sprintf("ALBUM_WINDOW %s must be positive, e.g. 30s", c.AlbumWindow))
	}
	if c.UpdatesRetention < 25*time.Hour {
		problems = append(problems, fmt.Sprintf("UPDATES_RETENTION %s must be at least 25h: Telegram delivers an update again for up to 24 hours", c.UpdatesRetention))
	}
	problems = append(problems, c.webhookProblems()...)
	problems = append(problems, c.floodProblems()...)
	problems = append(problems, c.jobProblems()...)
	problems = append(problems, c.redisProblems()...)
	if _, port, err := net.SplitHostPort(c.HTTPAddr); err != nil || !validPort(port) {
		problems = append(problems, fmt.Sprintf("HTTP_ADDR %q must be host:port, e.g. 127.0.0.1:8081 or :8081 (port 0 picks a free one)", c.HTTPAddr))
	}
	if _, port, err := net.SplitHostPort(c.PprofAddr); c.PprofAddr != "" && (err != nil || !validPort(port)) {
		problems = append(problems, fmt.Sprintf("PPROF_ADDR %q must be host:port, e.g. 127.0.0.1:6060, or unset", c.PprofAddr))
	}
	if c.BotAPIStartupTimeout <= 0 {
		problems = append(problems, "BOT_API_STARTUP_TIMEOUT must be positive, e.g. 1m")
	}
	problems = append(problems, c.accessProblems()...)
	if c.StorageChatID > 0 {
		problems = append(problems, fmt.Sprintf("STORAGE_CHAT_ID %d is a person's id, not a channel or group id: "+
			"a channel's id starts with -100 (e.g. -1001234567890), a group's with -", c.StorageChatID))
	}
	problems = append(problems, c.databaseProblems()...)
	return joinProblems(problems)
}

// accessProblems are the settings of who may use the bot that cannot work.
func (c Config) accessProblems() []string {
	var problems []string
	switch c.AccessMode {
	case "open":
		if len(c.AllowedIDs) > 0 {
			problems = append(problems, "ALLOWED_IDS is set but ACCESS_MODE is open, so it would let in everyone: set ACCESS_MODE=allowlist, or unset ALLOWED_IDS")
		}
	case "allowlist":
		if len(c.AllowedIDs) == 0 && len(c.AdminIDs) == 0 {
			problems = append(problems, "ACCESS_MODE=allowlist lets in nobody: list the users in ALLOWED_IDS (and the admins in ADMIN_IDS), comma-separated Telegram ids")
		}
	default:
		problems = append(problems, fmt.Sprintf("ACCESS_MODE %q must be open or allowlist", c.AccessMode))
	}
	for _, id := range c.AllowedIDs {
		if id <= 0 {
			problems = append(problems, fmt.Sprintf("ALLOWED_IDS: %d is not a user's Telegram id (those are positive)", id))
		}
	}
	if c.RateLimitUpdates < 0 || (c.RateLimitUpdates > 0 && c.RateLimitWindow <= 0) {
		problems = append(problems, "RATE_LIMIT_UPDATES must not be negative (0 turns the limit off) and RATE_LIMIT_WINDOW must be positive, e.g. 20 and 10s")
	}
	return problems
}

// BotID is the bot's Telegram id, the part of BOT_TOKEN before the colon; 0 when the token has
// none.
func (c Config) BotID() int64 {
	id, _, _ := strings.Cut(c.BotToken, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// ValidateDatabase checks the database settings alone (for `filekeeper migrate`, which needs no
// token).
func (c Config) ValidateDatabase() error { return joinProblems(c.databaseProblems()) }

func joinProblems(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("%w:\n  - %s", ErrInvalid, strings.Join(problems, "\n  - "))
}

// geteuid is the effective user id the program runs as; tests replace it.
var geteuid = os.Geteuid

// databaseProblems are the database settings that cannot work: PostgreSQL refuses to run as
// root, so root needs a server of its own, known before anything starts.
func (c Config) databaseProblems() []string {
	if c.DatabaseURL == "" && geteuid() == 0 {
		return []string{"DATABASE_URL is not set, and the embedded PostgreSQL cannot run as root (PostgreSQL refuses to): " +
			"set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres, or run as a normal user"}
	}
	return nil
}

func (c Config) jobProblems() []string {
	var problems []string
	if c.JobWorkers < 0 || c.JobMaxAttempts < 1 {
		problems = append(problems, "JOB_WORKERS must not be negative (0 runs no jobs on this instance) and JOB_MAX_ATTEMPTS must be positive")
	}
	if c.PurgeInterval > 0 && c.PurgeInterval < time.Second {
		problems = append(problems, fmt.Sprintf("PURGE_INTERVAL %s must be 0 (off) or at least 1s", c.PurgeInterval))
	}
	if c.ReplyLease < time.Second || c.ReplySweepInterval < time.Second {
		problems = append(problems, fmt.Sprintf("REPLY_LEASE %s and REPLY_SWEEP_INTERVAL %s must be at least 1s (a reply is sent again by a sweep only once its lease ended)",
			c.ReplyLease, c.ReplySweepInterval))
	}
	return problems
}

func (c Config) floodProblems() []string {
	var problems []string
	if c.FloodGlobalPerSec < 0 || c.FloodChatPerSec < 0 || c.FloodGroupPerMin < 0 {
		problems = append(problems, "FLOOD_GLOBAL_PER_SEC, FLOOD_CHAT_PER_SEC and FLOOD_GROUP_PER_MIN must not be negative (0 turns that limit off)")
	}
	if c.FloodChatBurst < 1 {
		problems = append(problems, fmt.Sprintf("FLOOD_CHAT_BURST %d must be at least 1", c.FloodChatBurst))
	}
	if c.BotAPIRetries < 0 || c.BotAPIRetries > 10 {
		problems = append(problems, fmt.Sprintf("BOT_API_RETRIES %d must be between 0 and 10", c.BotAPIRetries))
	}
	if c.BotAPITimeout <= 0 || c.BotAPIBackoff < 0 {
		problems = append(problems, "BOT_API_TIMEOUT must be positive and BOT_API_BACKOFF not negative")
	}
	for _, id := range c.AdminIDs {
		if id <= 0 {
			problems = append(problems, fmt.Sprintf("ADMIN_IDS: %d is not a user's Telegram id (those are positive)", id))
		}
	}
	return problems
}

func (c Config) redisProblems() []string {
	var problems []string
	if c.RedisURL != "" {
		u, err := url.Parse(c.RedisURL)
		if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss" && u.Scheme != "unix") {
			// The URL may hold a password: it is not repeated.
			problems = append(problems, "REDIS_URL is not a Redis URL: redis://[user:password@]host:port/db, rediss:// for TLS")
		}
	}
	if c.Instances < 1 {
		problems = append(problems, fmt.Sprintf("INSTANCES %d must be at least 1", c.Instances))
	}
	return problems
}

// secretPattern is what Telegram accepts as a webhook's secret_token.
var secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// officialAPIHost is Telegram's own Bot API, which delivers webhooks over HTTPS only; a
// self-hosted Bot API server may deliver to plain http.
const officialAPIHost = "api.telegram.org"

// reservedPaths are served by the HTTP server itself, so the webhook cannot take them.
var reservedPaths = []string{"/healthz", "/readyz", "/metrics"}

func (c Config) webhookProblems() []string {
	var problems []string
	if c.WebhookMaxConnections < 1 || c.WebhookMaxConnections > 100 {
		problems = append(problems, fmt.Sprintf("WEBHOOK_MAX_CONNECTIONS %d must be between 1 and 100", c.WebhookMaxConnections))
	}
	if c.WebhookURL == "" {
		return problems
	}
	u, err := url.Parse(c.WebhookURL)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		problems = append(problems, "WEBHOOK_URL must be an absolute https:// URL, e.g. https://bot.example.com/telegram")
	case u.Scheme != "https" && c.officialAPI():
		problems = append(problems, "WEBHOOK_URL must be https://: Telegram delivers webhooks over HTTPS only (plain http works only with a self-hosted BOT_API_URL)")
	case slices.Contains(reservedPaths, u.Path):
		problems = append(problems, fmt.Sprintf("WEBHOOK_URL's path %q is taken by the HTTP server: pick another, e.g. /telegram", u.Path))
	}
	switch {
	case c.WebhookSecret == "":
		problems = append(problems, "WEBHOOK_SECRET is not set: webhook mode needs a secret token (1-256 letters, digits, _ or -), e.g. from `openssl rand -hex 32`")
	case !secretPattern.MatchString(c.WebhookSecret):
		problems = append(problems, "WEBHOOK_SECRET must be 1-256 characters, each a letter A-Z or a-z, a digit, _ or - (Telegram refuses anything else)")
	}
	return problems
}

func (c Config) officialAPI() bool {
	u, err := url.Parse(c.BotAPIURL)
	return err == nil && strings.EqualFold(u.Hostname(), officialAPIHost)
}

func validPort(port string) bool {
	n, err := strconv.Atoi(port)
	return err == nil && n >= 0 && n <= 65535
}

// WebhookPath is the path of WEBHOOK_URL, where the HTTP server takes Telegram's POSTs ("/" for
// a URL without a path); "" when WEBHOOK_URL is unset.
func (c Config) WebhookPath() string {
	if c.WebhookURL == "" {
		return ""
	}
	u, err := url.Parse(c.WebhookURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// APIURL is BotAPIURL without a trailing slash.
func (c Config) APIURL() string { return strings.TrimRight(c.BotAPIURL, "/") }
