package main

import (
	"context"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
)

const storageChat int64 = -1005550001

func TestTheStartSaysPlainlyWhyTheStorageChatCannotBeUsed(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	h := &harness{t: t, api: api, dbURL: pgtest.NewDatabase(t)}
	api.Channel(-1005550002, "Left")
	api.RemoveBot(alice, -1005550002)
	api.Group(-4001, "Team")
	api.SetBotStatus(alice, -4001, models.ChatMemberTypeMember)
	api.Channel(storageChat, "Storage")
	cases := []struct {
		name   string
		chatID int64
		says   string
	}{
		{"a chat the bot never saw", -1009999999, "STORAGE_CHAT_ID -1009999999: the bot is not a member of this chat, or there is no such chat: add @filekeeper_test_bot to it as an administrator"},
		{"a channel the bot left", -1005550002, "STORAGE_CHAT_ID -1005550002: the bot is not a member of this chat"},
		{"a group where the bot is no administrator", -4001, `STORAGE_CHAT_ID -4001: the bot is a member of "Team" but not an administrator: make @filekeeper_test_bot an administrator allowed to post and delete messages`},
		{"a channel where the bot is an administrator", storageChat, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := h.config()
			cfg.StorageChatID = c.chatID
			a := fx.New(Options(cfg, zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))))
			require.NoError(t, a.Err())
			err := a.Start(context.Background())
			defer func() { _ = a.Stop(context.Background()) }()
			if c.says == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.says)
		})
	}
}
