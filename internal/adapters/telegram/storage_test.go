package telegram_test

import (
	"context"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/domain"
)

const storageChat int64 = -1005550001

// runBot polls api as the bot of token over store until the test ends (or stop is called).
func runBot(t *testing.T, api *tgtest.Server, store *memory.Store, token string) (stop func()) {
	t.Helper()
	log := zaptest.NewLogger(t)
	cfg := telegram.Config{Token: token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 4, UpdateTimeout: wait}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	a := app.New(store.UnitOfWork(), memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)), app.RandomTokens{}, app.Limits{MaxFileSize: 1 << 20})
	router := telegram.NewRouter(a, app.Limits{MaxFileSize: 1 << 20}, telegram.NewSender(client, log), nil, log)
	poller := updates.NewPoller(cfg.Polling(), updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), log)
	poller.Start()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, poller.Stop(ctx))
	}
	t.Cleanup(stop)
	return stop
}

// keep uploads a file as ann and waits until the bot kept it; it returns the file as stored.
func keep(t *testing.T, api *tgtest.Server, store *memory.Store, u botapi.Upload) domain.File {
	t.Helper()
	mark := api.LastSeq()
	_, err := api.Upload(ann, u)
	require.NoError(t, err)
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	var kept domain.File
	require.NoError(t, store.UnitOfWork().Do(context.Background(), func(ctx context.Context, r app.Repos) error {
		user, err := r.Users.ByTelegramID(ctx, ann.ID)
		if err != nil {
			return err
		}
		files, err := r.Files.List(ctx, app.FileQuery{OwnerID: user.ID, Limit: 1})
		kept = files[0]
		return err
	}))
	return kept
}

// copyToStorage posts f in the storage chat as the bot of tgtest.Token and records the copy.
func copyToStorage(t *testing.T, api *tgtest.Server, store *memory.Store, f domain.File) {
	t.Helper()
	b, err := bot.New(tgtest.Token, bot.WithServerURL(api.URL()), bot.WithSkipGetMe())
	require.NoError(t, err)
	m, err := b.SendDocument(context.Background(), &bot.SendDocumentParams{ChatID: storageChat, Caption: f.Name,
		Document: &models.InputFileString{Data: f.TelegramFileID}})
	require.NoError(t, err)
	set, err := app.NewStorage(store.UnitOfWork()).Copied(context.Background(), f.ID, domain.StorageCopy{ChatID: storageChat, MessageID: int64(m.ID)})
	require.NoError(t, err)
	require.True(t, set)
}

func TestAFileOfAnotherBotIsSentFromItsCopy(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	api.Channel(storageChat, "File Keeper storage")
	store := memory.NewStore()
	stopA := runBot(t, api, store, tgtest.Token)
	copied := keep(t, api, store, botapi.Upload{Name: "report.pdf", Data: []byte("%PDF the report")})
	lost := keep(t, api, store, botapi.Upload{Name: "notes.txt", Data: []byte("my notes")})
	assert.Equal(t, tgtest.BotID, copied.BotID, "each file records the bot that received it")
	copyToStorage(t, api, store, copied)
	stopA()

	_, err := api.ChangeBot(botapi.OtherToken)
	require.NoError(t, err)
	api.SetBotStatus(ann, storageChat, models.ChatMemberTypeAdministrator)
	runBot(t, api, store, botapi.OtherToken)

	t.Run("the first send takes a file id of the new bot from the copy and keeps it", func(t *testing.T) {
		mark := api.LastSeq()
		api.PressButton(ann, models.Message{}, views.EncodeCallback(views.Callback{Action: views.ActGet, FileID: copied.ID}))
		sent := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendDocument" })
		require.Nil(t, sent.Err)
		assert.Equal(t, "77", sent.Params["chat_id"])
		assert.NotEqual(t, copied.TelegramFileID, sent.Params["document"])
		var methods []string
		for _, c := range api.Calls() {
			if c.Seq > mark && c.Method != "answerCallbackQuery" {
				methods = append(methods, c.Method)
			}
		}
		assert.Equal(t, []string{"forwardMessage", "deleteMessage", "sendDocument"}, methods)
		assert.Len(t, api.Messages(storageChat), 1, "the forward is gone from the storage chat")
		content, ok := api.File(sent.Params["document"])
		require.True(t, ok)
		assert.Equal(t, "%PDF the report", string(content.Data))

		again, err := app.New(store.UnitOfWork(), memory.NewClock(time.Now()), app.RandomTokens{}, app.Limits{}).
			Queries.GetFile.Handle(context.Background(), app.GetFileInput{OwnerID: copied.OwnerID, FileID: copied.ID})
		require.NoError(t, err)
		assert.Equal(t, botapi.OtherBotID, again.File.BotID)
		assert.Equal(t, sent.Params["document"], again.File.TelegramFileID)

		mark = api.LastSeq()
		api.PressButton(ann, models.Message{}, views.EncodeCallback(views.Callback{Action: views.ActGet, FileID: copied.ID}))
		api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendDocument" })
		assert.Empty(t, api.CallsTo("forwardMessage")[1:], "sent again, it goes by its new file id")
	})
	t.Run("a file with no copy is answered in words", func(t *testing.T) {
		mark := api.LastSeq()
		api.PressButton(ann, models.Message{}, views.EncodeCallback(views.Callback{Action: views.ActGet, FileID: lost.ID}))
		said := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
		assert.Equal(t, views.English.KeptByAnotherBot, said.Params["text"])
		for _, c := range api.Calls() {
			assert.False(t, c.Seq > mark && c.Method == "sendDocument", "nothing is sent by a file id Telegram would refuse")
		}
	})
}

func TestAFileIDTelegramRefusesIsSentFromTheCopyOrToldInWords(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	api.Channel(storageChat, "File Keeper storage")
	store := memory.NewStore()
	stopA := runBot(t, api, store, tgtest.Token)
	copied := keep(t, api, store, botapi.Upload{Name: "a.pdf", Data: []byte("%PDF a")})
	lost := keep(t, api, store, botapi.Upload{Name: "b.txt", Data: []byte("b")})
	copyToStorage(t, api, store, copied)
	stopA()
	// Kept before bots were recorded: the files have no bot, as after the upgrade.
	require.NoError(t, store.UnitOfWork().Do(context.Background(), func(ctx context.Context, r app.Repos) error {
		for _, f := range []domain.File{copied, lost} {
			if _, err := r.Storage.Rebind(ctx, f.ID, f.TelegramFileID, f.TelegramFileID, 0); err != nil {
				return err
			}
		}
		return nil
	}))
	_, err := api.ChangeBot(botapi.OtherToken)
	require.NoError(t, err)
	api.SetBotStatus(ann, storageChat, models.ChatMemberTypeAdministrator)
	runBot(t, api, store, botapi.OtherToken)

	mark := api.LastSeq()
	api.PressButton(ann, models.Message{}, views.EncodeCallback(views.Callback{Action: views.ActGet, FileID: copied.ID}))
	sent := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendDocument" && c.Err == nil })
	content, ok := api.File(sent.Params["document"])
	require.True(t, ok)
	assert.Equal(t, "%PDF a", string(content.Data), "refused, the file id is taken from the copy")

	mark = api.LastSeq()
	api.PressButton(ann, models.Message{}, views.EncodeCallback(views.Callback{Action: views.ActGet, FileID: lost.ID}))
	said := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.Equal(t, views.English.KeptByAnotherBot, said.Params["text"])
	counts, err := app.NewStorage(store.UnitOfWork()).Counts(context.Background(), 0, botapi.OtherBotID)
	require.NoError(t, err)
	assert.Equal(t, 1, counts.Unreachable, "the refused file is counted as one the bot cannot send")
}
