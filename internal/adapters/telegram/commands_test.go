package telegram

import (
	"encoding/json"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

// TestCommandsAreRegisteredInEveryLanguage: the command menu is set by default (English) and for
// each language the bot speaks, in that language, with the same commands.
func TestCommandsAreRegisteredInEveryLanguage(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	b, err := NewClient(Config{Token: tgtest.Token, APIURL: api.URL()}, zaptest.NewLogger(t))
	require.NoError(t, err)
	require.NoError(t, setCommands(t.Context(), b))

	byLanguage := map[string][]models.BotCommand{}
	for _, c := range api.CallsTo("setMyCommands") {
		var cmds []models.BotCommand
		require.NoError(t, json.Unmarshal([]byte(c.Params["commands"]), &cmds))
		byLanguage[c.Params["language_code"]] = cmds
	}
	assert.Equal(t, map[string][]models.BotCommand{"": english.Commands, "en": english.Commands, "ru": russian.Commands}, byLanguage)
	assert.Equal(t, english.Commands, api.Commands(), "the stand-in keeps the default list")
	require.Len(t, russian.Commands, len(english.Commands))
	for i, c := range english.Commands {
		assert.Equal(t, c.Command, russian.Commands[i].Command, "the same commands in every language")
		assert.NotEqual(t, c.Description, russian.Commands[i].Description, "/%s is described in Russian", c.Command)
		assert.Contains(t, english.Help, "/"+c.Command, "/help names /%s", c.Command)
		assert.Contains(t, russian.Help, "/"+c.Command, "the Russian /help names /%s", c.Command)
	}
}

// TestHelpSaysEverythingTheBotDoes: /help names search, sharing and links, the profile, the
// settings, /done and inline mode, in every language.
func TestHelpSaysEverythingTheBotDoes(t *testing.T) {
	want := map[*Texts][]string{
		english: {"🔎 Search", "🔗 Share", "/links", "/profile", "/settings", "/done", "Inline mode", "empty the trash"},
		russian: {"🔎 Поиск", "🔗 Поделиться", "/links", "/profile", "/settings", "/done", "Встроенный режим", "очистить"},
	}
	for texts, words := range want {
		for _, w := range words {
			assert.Contains(t, texts.Help, w)
		}
	}
}
