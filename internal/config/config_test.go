package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const goodToken = "123456789:AAE1k-abcdefghijklmnopqrstuvwxyz_0123"

// asUser makes Validate see the program run as uid until the test ends.
func asUser(t *testing.T, uid int) {
	saved := geteuid
	geteuid = func() int { return uid }
	t.Cleanup(func() { geteuid = saved })
}

func TestValidate(t *testing.T) {
	asUser(t, 1000)
	base := func() Config {
		c, err := Load(filepath.Join(t.TempDir(), "absent.env"))
		require.NoError(t, err)
		c.BotToken = goodToken
		return c
	}
	cases := []struct {
		name    string
		change  func(*Config)
		problem string
	}{
		{"a good token passes", func(*Config) {}, ""},
		{"a missing token is refused", func(c *Config) { c.BotToken = "" }, "BOT_TOKEN is not set"},
		{"a token without a colon is malformed", func(c *Config) { c.BotToken = "123456789AAE1kabcdefghijklmnopqrstuvwxyz" }, "BOT_TOKEN is malformed"},
		{"a short secret is malformed", func(c *Config) { c.BotToken = "123:abc" }, "BOT_TOKEN is malformed"},
		{"a token with spaces is malformed", func(c *Config) { c.BotToken = goodToken + " x" }, "BOT_TOKEN is malformed"},
		{"the api url must be http", func(c *Config) { c.BotAPIURL = "ftp://x" }, "BOT_API_URL"},
		{"the log format is json or console", func(c *Config) { c.LogFormat = "xml" }, "LOG_FORMAT"},
		{"workers must be positive", func(c *Config) { c.Workers = 0 }, "WORKERS"},
		{"links per user are bounded by default", func(c *Config) {
			if c.MaxLinks != 100 {
				c.MaxLinks = -1 // reported below: the default is not 100
			}
		}, ""},
		{"no link limit is 0", func(c *Config) { c.MaxLinks = 0 }, ""},
		{"a channel is a storage chat", func(c *Config) { c.StorageChatID = -1001234567890 }, ""},
		{"a group is a storage chat", func(c *Config) { c.StorageChatID = -4001 }, ""},
		{"a person is no storage chat", func(c *Config) { c.StorageChatID = 1001 }, "STORAGE_CHAT_ID 1001 is a person's id, not a channel or group id"},
		{"a link limit is not negative", func(c *Config) { c.MaxLinks = -1 }, "MAX_LINKS must not be negative"},
		{"a webhook with a secret passes", webhook("https://bot.example.com/tg", "s3cret_token-1"), ""},
		{"a webhook needs a secret", webhook("https://bot.example.com/tg", ""), "WEBHOOK_SECRET is not set"},
		{"a secret has only letters, digits, _ and -", webhook("https://bot.example.com/tg", "no spaces"), "WEBHOOK_SECRET must be 1-256 characters"},
		{"a secret is at most 256 characters", webhook("https://bot.example.com/tg", strings.Repeat("a", 257)), "WEBHOOK_SECRET must be 1-256"},
		{"a secret of 256 characters passes", webhook("https://bot.example.com/tg", strings.Repeat("a", 256)), ""},
		{"telegram delivers webhooks over https only", webhook("http://bot.example.com/tg", "s"), "WEBHOOK_URL must be https://"},
		{"a self-hosted bot api may deliver over http", func(c *Config) {
			webhook("http://10.0.0.5:8081/tg", "s")(c)
			c.BotAPIURL = "http://127.0.0.1:8088"
		}, ""},
		{"a webhook url is absolute", webhook("/tg", "s"), "WEBHOOK_URL must be an absolute https:// URL"},
		{"the webhook cannot take /healthz", webhook("https://bot.example.com/healthz", "s"), "is taken by the HTTP server"},
		{"max connections is at least 1", func(c *Config) { c.WebhookMaxConnections = 0 }, "WEBHOOK_MAX_CONNECTIONS 0 must be between 1 and 100"},
		{"max connections is at most 100", func(c *Config) { c.WebhookMaxConnections = 101 }, "WEBHOOK_MAX_CONNECTIONS 101"},
		{"the http address has a port", func(c *Config) { c.HTTPAddr = "localhost" }, "HTTP_ADDR \"localhost\" must be host:port"},
		{"the http address port is a number", func(c *Config) { c.HTTPAddr = ":http-alt" }, "HTTP_ADDR"},
		{"the profiling address has a port", func(c *Config) { c.PprofAddr = "localhost" }, "PPROF_ADDR \"localhost\" must be host:port"},
		{"port 0 picks a free port", func(c *Config) { c.HTTPAddr = "127.0.0.1:0" }, ""},
		{"a flood limit of 0 is off", func(c *Config) { c.FloodGroupPerMin = 0 }, ""},
		{"a flood limit is not negative", func(c *Config) { c.FloodChatPerSec = -1 }, "FLOOD_GLOBAL_PER_SEC, FLOOD_CHAT_PER_SEC and FLOOD_GROUP_PER_MIN must not be negative"},
		{"a chat burst is at least one message", func(c *Config) { c.FloodChatBurst = 0 }, "FLOOD_CHAT_BURST 0 must be at least 1"},
		{"retries are bounded", func(c *Config) { c.BotAPIRetries = 11 }, "BOT_API_RETRIES 11 must be between 0 and 10"},
		{"a try needs time", func(c *Config) { c.BotAPITimeout = 0 }, "BOT_API_TIMEOUT must be positive"},
		{"admins are users", func(c *Config) { c.AdminIDs = []int64{42, -100123} }, "ADMIN_IDS: -100123 is not a user's Telegram id"},
		{"handled updates are kept past telegram's redelivery", func(c *Config) { c.UpdatesRetention = 24 * time.Hour }, "UPDATES_RETENTION 24h0m0s must be at least 25h"},
		{"the bot is open to anyone by default, 20 updates in 10 s each", func(c *Config) {
			if c.AccessMode != "open" || c.RateLimitUpdates != 20 || c.RateLimitWindow != 10*time.Second {
				c.AccessMode = "wrong default"
			}
		}, ""},
		{"an allowlist of users passes", func(c *Config) { c.AccessMode, c.AllowedIDs = "allowlist", []int64{42, 43} }, ""},
		{"an allowlist of admins alone passes", func(c *Config) { c.AccessMode, c.AdminIDs = "allowlist", []int64{42} }, ""},
		{"an empty allowlist lets in nobody", func(c *Config) { c.AccessMode = "allowlist" }, "ACCESS_MODE=allowlist lets in nobody"},
		{"allowed ids in an open bot mean nothing", func(c *Config) { c.AllowedIDs = []int64{42} }, "ALLOWED_IDS is set but ACCESS_MODE is open"},
		{"the access mode is open or allowlist", func(c *Config) { c.AccessMode = "private" }, `ACCESS_MODE "private" must be open or allowlist`},
		{"allowed ids are users", func(c *Config) { c.AccessMode, c.AllowedIDs = "allowlist", []int64{-5} }, "ALLOWED_IDS: -5 is not a user's Telegram id"},
		{"a rate limit of 0 is off", func(c *Config) { c.RateLimitUpdates, c.RateLimitWindow = 0, 0 }, ""},
		{"a rate limit is not negative", func(c *Config) { c.RateLimitUpdates = -1 }, "RATE_LIMIT_UPDATES must not be negative"},
		{"a rate limit has a window", func(c *Config) { c.RateLimitWindow = 0 }, "RATE_LIMIT_WINDOW must be positive"},
		{"redis is optional", func(c *Config) { c.RedisURL = "" }, ""},
		{"a redis url", func(c *Config) { c.RedisURL, c.Instances = "redis://:pw@10.0.0.5:6379/2", 3 }, ""},
		{"a redis url has a redis scheme", func(c *Config) { c.RedisURL = "http://:hunter2@cache:6379" }, "REDIS_URL is not a Redis URL"},
		{"there is at least one instance", func(c *Config) { c.Instances = 0 }, "INSTANCES 0 must be at least 1"},
		{"getMe needs time to answer", func(c *Config) { c.BotAPIStartupTimeout = 0 }, "BOT_API_STARTUP_TIMEOUT must be positive"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := base()
			tc.change(&c)
			err := c.Validate()
			if tc.problem == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalid)
			assert.Contains(t, err.Error(), tc.problem)
		})
	}
}

func webhook(url, secret string) func(*Config) {
	return func(c *Config) { c.WebhookURL, c.WebhookSecret = url, secret }
}

func TestWebhookPath(t *testing.T) {
	cases := []struct{ url, want string }{
		{"", ""},
		{"https://bot.example.com", "/"},
		{"https://bot.example.com/", "/"},
		{"https://bot.example.com:8443/telegram/hook", "/telegram/hook"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, Config{WebhookURL: tc.url}.WebhookPath(), tc.url)
	}
}

func TestWebhookAndHTTPDefaults(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "absent.env"))
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:8081", c.HTTPAddr)
	assert.Equal(t, 40, c.WebhookMaxConnections)
	assert.Empty(t, c.WebhookURL, "long polling unless WEBHOOK_URL is set")
}

func TestLoadReadsDotenvButEnvironmentWins(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	require.NoError(t, os.WriteFile(path, []byte("BOT_TOKEN="+goodToken+"\nLOG_LEVEL=debug\nWORKERS=3\n"), 0o600))
	t.Setenv("LOG_LEVEL", "warn")
	c, err := Load(path)
	require.NoError(t, err)
	t.Cleanup(func() { os.Unsetenv("BOT_TOKEN"); os.Unsetenv("WORKERS") })
	assert.Equal(t, goodToken, c.BotToken)
	assert.Equal(t, "warn", c.LogLevel)
	assert.Equal(t, 3, c.Workers)
	assert.Equal(t, "https://api.telegram.org", c.APIURL())
	assert.True(t, c.MigrateOnStart)
}

func TestLoadRefusesMalformedNumbers(t *testing.T) {
	t.Setenv("WORKERS", "many")
	_, err := Load(filepath.Join(t.TempDir(), "absent.env"))
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestFloodDefaultsAreTelegramsLimits(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "absent.env"))
	require.NoError(t, err)
	assert.Equal(t, 30.0, c.FloodGlobalPerSec)
	assert.Equal(t, 1.0, c.FloodChatPerSec)
	assert.Equal(t, 3, c.FloodChatBurst)
	assert.Equal(t, 20.0, c.FloodGroupPerMin)
	assert.Equal(t, 3, c.BotAPIRetries)
	assert.Equal(t, 10*time.Second, c.BotAPITimeout)
	assert.Empty(t, c.AdminIDs, "nobody is an admin unless ADMIN_IDS says so")
	assert.Empty(t, c.RedisURL, "the limits are the process's own unless REDIS_URL is set")
	assert.Equal(t, "filekeeper:", c.RedisPrefix)
	assert.Equal(t, 1, c.Instances)
}

func TestAdminIDsAreCommaSeparated(t *testing.T) {
	t.Setenv("ADMIN_IDS", "1001,2002")
	c, err := Load(filepath.Join(t.TempDir(), "absent.env"))
	require.NoError(t, err)
	assert.Equal(t, []int64{1001, 2002}, c.AdminIDs)

	t.Setenv("ADMIN_IDS", "1001,alice")
	_, err = Load(filepath.Join(t.TempDir(), "absent.env"))
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestRootNeedsADatabaseURL(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "absent.env"))
	require.NoError(t, err)
	c.BotToken = goodToken
	t.Run("root without DATABASE_URL is refused before anything starts", func(t *testing.T) {
		asUser(t, 0)
		for _, err := range []error{c.Validate(), c.ValidateDatabase()} {
			require.ErrorIs(t, err, ErrInvalid)
			assert.Contains(t, err.Error(), "cannot run as root")
			assert.Contains(t, err.Error(), "set DATABASE_URL")
		}
	})
	t.Run("root with DATABASE_URL passes", func(t *testing.T) {
		asUser(t, 0)
		c := c
		c.DatabaseURL = "postgres://postgres@127.0.0.1:5432/postgres"
		assert.NoError(t, c.Validate())
	})
	t.Run("a normal user may use the embedded PostgreSQL", func(t *testing.T) {
		asUser(t, 1000)
		assert.NoError(t, c.Validate())
		assert.NoError(t, c.ValidateDatabase())
	})
}

func TestStartupDefaults(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "absent.env"))
	require.NoError(t, err)
	assert.Equal(t, time.Minute, c.BotAPIStartupTimeout)
	assert.Zero(t, c.EmbeddedPGPort, "the default port, or a free one")
	t.Setenv("EMBEDDED_PG_PORT", "70000")
	_, err = Load(filepath.Join(t.TempDir(), "absent.env"))
	assert.ErrorIs(t, err, ErrInvalid, "a port is at most 65535")
}

func TestStorageSettings(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "absent.env"))
	require.NoError(t, err)
	assert.Zero(t, c.StorageChatID, "no storage chat unless set")
	assert.False(t, c.StorageKeepDeleted)
	t.Setenv("STORAGE_CHAT_ID", "-1001234567890")
	t.Setenv("STORAGE_KEEP_DELETED", "true")
	c, err = Load(filepath.Join(t.TempDir(), "absent.env"))
	require.NoError(t, err)
	assert.Equal(t, int64(-1001234567890), c.StorageChatID)
	assert.True(t, c.StorageKeepDeleted)
	t.Setenv("STORAGE_CHAT_ID", "@mychannel")
	_, err = Load(filepath.Join(t.TempDir(), "absent.env"))
	assert.ErrorIs(t, err, ErrInvalid, "a username is no chat id")
}

func TestBotIDIsTheTokensPrefix(t *testing.T) {
	assert.Equal(t, int64(123456789), Config{BotToken: "123456789:AAtest"}.BotID())
	assert.Zero(t, Config{BotToken: "nope"}.BotID())
	assert.Zero(t, Config{}.BotID())
}
