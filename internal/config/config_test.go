package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const goodToken = "123456789:AAE1k-abcdefghijklmnopqrstuvwxyz_0123"

func TestValidate(t *testing.T) {
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
