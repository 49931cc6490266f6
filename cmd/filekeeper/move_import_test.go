package main

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
)

// TestALibraryMovedToAnotherDatabaseStillMovesToANewBot keeps a library of every kind with its
// copies (bot A), moves it to a fresh database with `filekeeper export` and `import`, and runs
// bot B on that database: the archive carried each file's bot and copy, so `rebind` takes every
// file id from the copies and every file comes back.
func TestALibraryMovedToAnotherDatabaseStillMovesToANewBot(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	api.Channel(storageChat, "File Keeper storage")
	h := &harness{t: t, api: api, dbURL: pgtest.NewDatabase(t)}
	cfg := h.config()
	cfg.StorageChatID = storageChat
	h.startAs(cfg)
	kinds := libraryOfEveryKind(t, h)
	waitCopies(t, h, len(kinds))
	h.stop()

	exported := archiveOf(t, h.dbURL)
	for _, line := range exported {
		if strings.Contains(line, `"type":"file"`) {
			assert.Contains(t, line, `"bot_id":`+strconv.FormatInt(tgtest.BotID, 10), "a file line names its bot")
			assert.Contains(t, line, `"storage_message_id":`, "and its copy")
		}
	}
	archivePath := filepath.Join(t.TempDir(), "move.jsonl")
	var out bytes.Buffer
	require.Equal(t, exitOK, run([]string{"export", "-o", archivePath}, &out), out.String())
	fresh := pgtest.NewEmptyDatabase(t)
	t.Setenv("DATABASE_URL", fresh)
	out.Reset()
	require.Equal(t, exitOK, run([]string{"import", archivePath}, &out), out.String())
	assert.Equal(t, exported, archiveOf(t, fresh), "the fresh database holds the library as exported, bots and copies too")

	_, err := api.ChangeBot(botapi.OtherToken)
	require.NoError(t, err)
	api.SetBotStatus(alice, storageChat, models.ChatMemberTypeAdministrator)
	cfg.BotToken, cfg.DatabaseURL, h.dbURL = botapi.OtherToken, fresh, fresh
	h.startAs(cfg)
	out.Reset()
	require.Equal(t, exitOK, rebind(cfg, &out), out.String())
	assert.Contains(t, out.String(), "rebound 7 files to this bot")
	h.say(alice, "/files")
	h.waitMessage(alice.ID, "Your files: 7 in all")
	h.press(alice, "🗂 All")
	h.waitEdit(alice.ID, "7 on this page")
	for label, method := range kinds {
		sent := getBack(t, h, label, len(kinds))
		assert.Equal(t, method, sent.Method, label)
		assert.Nil(t, sent.Err, "%s: %v", label, sent.Err)
	}
	assert.Len(t, api.Messages(storageChat), len(kinds), "no copy made again: one per file")
}
