// Package config loads File Keeper's settings from the environment and an optional .env file.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
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
	TrashRetention  time.Duration `env:"TRASH_RETENTION" envDefault:"720h"`
	PurgeInterval   time.Duration `env:"PURGE_INTERVAL" envDefault:"1h"`
	ConversationTTL time.Duration `env:"CONVERSATION_TTL" envDefault:"15m"`
	UploadQuiet     time.Duration `env:"UPLOAD_QUIET_PERIOD" envDefault:"10m"`
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
	if c.MaxCategories < 1 || c.TrashRetention <= 0 || c.PurgeInterval < 0 || c.ConversationTTL <= 0 || c.UploadQuiet <= 0 {
		problems = append(problems, "MAX_CATEGORIES, TRASH_RETENTION, CONVERSATION_TTL and UPLOAD_QUIET_PERIOD must be positive and PURGE_INTERVAL not negative (0 turns the purge off)")
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w:\n  - %s", ErrInvalid, strings.Join(problems, "\n  - "))
	}
	return nil
}

// APIURL is BotAPIURL without a trailing slash.
func (c Config) APIURL() string { return strings.TrimRight(c.BotAPIURL, "/") }
