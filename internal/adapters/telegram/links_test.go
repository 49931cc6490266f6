package telegram_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/memory"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/updates"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// linksBot runs the bot over a memory store with limits, and returns the application to seed it
// with and Ann as stored, her page size set to pageSize.
func linksBot(t *testing.T, api *tgtest.Server, limits app.Limits, pageSize int) (app.Application, domain.User) {
	t.Helper()
	a, u, _ := linksBotAt(t, api, limits, pageSize)
	return a, u
}

// linksBotAt is linksBot that also gives its clock, to move time on.
func linksBotAt(t *testing.T, api *tgtest.Server, limits app.Limits, pageSize int) (app.Application, domain.User, *memory.Clock) {
	t.Helper()
	store := memory.NewStore()
	clock := memory.NewClock(time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC))
	a := app.New(store.UnitOfWork(), clock, app.RandomTokens{}, limits)
	log := zaptest.NewLogger(t)
	cfg := telegram.Config{Token: tgtest.Token, APIURL: api.URL(), PollTimeout: time.Second, Concurrency: 4, UpdateTimeout: wait}
	client, err := telegram.NewClient(cfg, log)
	require.NoError(t, err)
	router := telegram.NewRouter(a, limits, telegram.NewSender(client, log), nil, log)
	poller := updates.NewPoller(cfg.Polling(), updates.NewDispatcher(router, log, cfg.Concurrency, cfg.UpdateTimeout, nil), log)
	poller.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, poller.Stop(ctx))
	})
	ctx := context.Background()
	u, err := a.Commands.RegisterUser.Handle(ctx, domain.Profile{TelegramID: ann.ID, FirstName: ann.FirstName, LanguageCode: "en"})
	require.NoError(t, err)
	u, err = a.Commands.Settings.Update(ctx, u, domain.Settings{PageSize: pageSize})
	require.NoError(t, err)
	return a, u, clock
}

// shareN has Ann keep n files and share each; it returns the links, newest first.
func shareN(t *testing.T, a app.Application, u domain.User, n int) []domain.Share {
	t.Helper()
	ctx := context.Background()
	var links []domain.Share
	for i := range n {
		id := "f" + strconv.Itoa(i)
		res, err := a.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: u.ID, File: domain.IncomingFile{
			TelegramFileID: "tg-" + id, UniqueID: id, Name: id + ".pdf", MIMEType: "application/pdf", Size: 10, Carrier: domain.KindDocument,
		}})
		require.NoError(t, err)
		sh, err := a.Commands.Shares.Create(ctx, u.ID, res.File.ID, 0)
		require.NoError(t, err)
		links = append([]domain.Share{sh.Share}, links...)
	}
	return links
}

func TestLinksArePagedAndRevokingStaysOnThePage(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u := linksBot(t, api, app.Limits{}, 5)
	shareN(t, a, u, 7) // f6 … f0, newest first

	api.SendText(ann, "/links")
	first := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })
	assert.True(t, strings.HasPrefix(first.Params["text"], "🔗 Your active links (7):\n• f6.pdf"), first.Params["text"])
	assert.Equal(t, 5, strings.Count(first.Params["text"], "• "), "a page of the user's size")
	assert.NotContains(t, first.Params["reply_markup"], "◀")

	msg, ok := api.LastMessage(ann.ID)
	require.True(t, ok)
	mark := api.LastSeq()
	api.PressButton(ann, msg, buttonData(t, first, "Next ▶"))
	second := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "editMessageText" })
	assert.True(t, strings.HasPrefix(second.Params["text"], "🔗 Your active links (7):\n• f1.pdf — never used\n"), second.Params["text"])
	assert.Equal(t, 2, strings.Count(second.Params["text"], "• "), "the 2 oldest")
	assert.Contains(t, second.Params["text"], "• f0.pdf")
	assert.Contains(t, second.Params["reply_markup"], "◀ Prev")
	assert.NotContains(t, second.Params["reply_markup"], "Next ▶")

	msg, _ = api.LastMessage(ann.ID)
	mark = api.LastSeq()
	api.PressButton(ann, msg, buttonData(t, second, "✖ Revoke · f1.pdf"))
	api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Seq > mark && c.Method == "answerCallbackQuery" && c.Params["text"] == "🔗 Link revoked."
	})
	after := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "editMessageText" })
	assert.True(t, strings.HasPrefix(after.Params["text"], "🔗 Your active links (6):\n• f0.pdf"), "still the second page: %s", after.Params["text"])
}

func TestALinkPastTheLimitIsRefusedWithTheLimit(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u := linksBot(t, api, app.Limits{MaxLinks: 2}, 8)
	links := shareN(t, a, u, 2)

	api.SendText(ann, "/start")
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })
	msg, _ := api.LastMessage(ann.ID)
	mark := api.LastSeq()
	api.PressButton(ann, msg, views.EncodeCallback(views.Callback{Action: views.ActMakeFileLink, FileID: links[0].FileID, Opts: views.NewLinkOpts}))
	refused := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "editMessageText" })
	assert.Equal(t, "🔗 You have 2 active links, the most you can have. Revoke one you no longer need in 🔗 My links, then share again.", refused.Params["text"])
	assert.Contains(t, refused.Params["reply_markup"], `"callback_data":"1|ln"`)
	list, err := a.Queries.Links.List(context.Background(), u.ID, domain.Cursor{}, 0)
	require.NoError(t, err)
	assert.Equal(t, 2, list.Total, "no link was made")
}

// buttonData is the callback data of the button labelled label in the markup of call.
func buttonData(t *testing.T, call tgtest.Call, label string) string {
	t.Helper()
	markup := call.Params["reply_markup"]
	at := strings.Index(markup, `"text":"`+label+`"`)
	require.GreaterOrEqual(t, at, 0, "no button %q in %s", label, markup)
	rest := markup[at:]
	const key = `"callback_data":"`
	from := strings.Index(rest, key) + len(key)
	return rest[from : from+strings.Index(rest[from:], `"`)]
}
