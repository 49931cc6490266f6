package telegram

import (
	"encoding/json"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
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
	assert.Equal(t, map[string][]models.BotCommand{"": views.English.Commands, "en": views.English.Commands, "ru": views.Russian.Commands}, byLanguage)
	assert.Equal(t, views.English.Commands, api.Commands(), "the stand-in keeps the default list")
	require.Len(t, views.Russian.Commands, len(views.English.Commands))
	for i, c := range views.English.Commands {
		assert.Equal(t, c.Command, views.Russian.Commands[i].Command, "the same commands in every language")
		assert.NotEqual(t, c.Description, views.Russian.Commands[i].Description, "/%s is described in Russian", c.Command)
		assert.Contains(t, views.English.Help, "/"+c.Command, "/help names /%s", c.Command)
		assert.Contains(t, views.Russian.Help, "/"+c.Command, "the Russian /help names /%s", c.Command)
	}
}

// TestHelpSaysEverythingTheBotDoes: /help names search, sharing and links, the profile, the
// settings, /done and inline mode, in every language.
func TestHelpSaysEverythingTheBotDoes(t *testing.T) {
	want := map[*views.Texts][]string{
		views.English: {"🔎 Search", "🔗 Share", "/links", "/profile", "/settings", "/done", "Inline mode", "empty the trash"},
		views.Russian: {"🔎 Поиск", "🔗 Поделиться", "/links", "/profile", "/settings", "/done", "Встроенный режим", "очистить"},
	}
	for texts, words := range want {
		for _, w := range words {
			assert.Contains(t, texts.Help, w)
		}
	}
}
