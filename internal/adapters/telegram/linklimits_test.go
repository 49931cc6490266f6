package telegram_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

var (
	ben = models.User{ID: 86, FirstName: "Ben", LanguageCode: "en"}
	cid = models.User{ID: 99, FirstName: "Cid", LanguageCode: "en"}
)

// limitedLink has Ann send report.pdf to the bot, move it to the category Work and share the file
// (or the category) with opt; it returns the link's token.
func limitedLink(t *testing.T, api *tgtest.Server, a app.Application, u domain.User, category bool, opt app.LinkOptions) string {
	t.Helper()
	ctx := context.Background()
	id, unique := api.NewFileIDs()
	mark := api.LastSeq()
	api.SendDocument(ann, models.Document{FileID: id, FileUniqueID: unique, FileName: "report.pdf", MimeType: "application/pdf", FileSize: 10}, "")
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	page, err := a.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: u.ID})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	cat, err := a.Commands.Categories.Create(ctx, u.ID, "Work")
	require.NoError(t, err)
	_, err = a.Commands.ManageFiles.Move(ctx, u.ID, page.Items[0].ID, cat.ID)
	require.NoError(t, err)
	fileID, catID := page.Items[0].ID, int64(0)
	if category {
		fileID, catID = 0, cat.ID
	}
	link, err := a.Commands.Shares.CreateLimited(ctx, u.ID, fileID, catID, opt)
	require.NoError(t, err)
	return link.Share.Token
}

// opens has who open the link and returns the bot's first message in answer to it. Only a
// sendMessage counts: the file a previous opening sends after its message may still be on its way.
func opens(t *testing.T, api *tgtest.Server, who models.User, token string) tgtest.Call {
	t.Helper()
	mark := api.LastSeq()
	api.SendText(who, "/start "+token)
	return api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Seq > mark && c.Params["chat_id"] == strconv.FormatInt(who.ID, 10) && c.Method == "sendMessage"
	})
}

func TestAnExpiredLinkSaysSoAndItsButtonsGiveNothing(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u, clock := linksBotAt(t, api, app.Limits{}, 8)
	token := limitedLink(t, api, a, u, true, app.LinkOptions{Expiry: 24 * time.Hour})

	list := opens(t, api, ben, token)
	require.Contains(t, list.Params["text"], "The category “Work” was shared with you")
	msg, ok := api.LastMessage(ben.ID)
	require.True(t, ok)

	clock.Advance(24 * time.Hour)
	expired := opens(t, api, ben, token)
	assert.Equal(t, "⌛ This link has expired.", expired.Params["text"], "one short sentence")

	mark := api.LastSeq()
	api.PressButton(ben, msg, buttonData(t, list, "📄 report.pdf · 10 B"))
	answer := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "answerCallbackQuery" })
	assert.Equal(t, "⌛ This link has expired.", answer.Params["text"])
	assert.Empty(t, api.CallsTo("sendDocument"), "the button of an expired link gives no file")
}

func TestAUsedUpLinkSaysSoToSomeoneNew(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u, _ := linksBotAt(t, api, app.Limits{}, 8)
	token := limitedLink(t, api, a, u, false, app.LinkOptions{MaxViewers: 1})

	opens(t, api, ann, token) // its owner takes no place
	first := opens(t, api, ben, token)
	assert.Equal(t, "📥 “report.pdf” was shared with you.", first.Params["text"])
	used := opens(t, api, cid, token)
	assert.Equal(t, "👥 This link was already opened by as many people as it allows.", used.Params["text"])
	again := opens(t, api, ben, token)
	assert.Equal(t, "📥 “report.pdf” was shared with you.", again.Params["text"], "who was let in still is")

	mark := api.LastSeq()
	api.SendText(ann, "/links")
	links := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.Contains(t, links.Params["text"], "👥 used up (1/1)")
}

func TestAProtectedLinkGivesProtectedFilesAndNoCopy(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u, _ := linksBotAt(t, api, app.Limits{}, 8)
	protected := limitedLink(t, api, a, u, false, app.LinkOptions{Protect: true})

	opens(t, api, ben, protected)
	sent := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendDocument" })
	assert.Equal(t, "true", sent.Params["protect_content"])
	assert.Empty(t, sent.Params["reply_markup"], "no 📥 Save a copy under a protected file")
	var got models.Message
	require.Eventually(t, func() bool {
		got, _ = api.LastMessage(ben.ID)
		return got.Document != nil
	}, wait, time.Millisecond, "the file is in Ben's chat")
	assert.True(t, got.HasProtectedContent, "Ben's Telegram won't forward or save it")
}

func TestAnOpenLinkGivesFilesUnprotected(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u, _ := linksBotAt(t, api, app.Limits{}, 8)
	opens(t, api, ben, limitedLink(t, api, a, u, false, app.LinkOptions{}))
	sent := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendDocument" })
	assert.Empty(t, sent.Params["protect_content"])
	assert.Contains(t, sent.Params["reply_markup"], "Save")
}

func TestLinkLimitsAreChosenBeforeTheLinkIsMadeAndChangedFromLinks(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u, _ := linksBotAt(t, api, app.Limits{}, 8)
	res, err := a.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: u.ID, File: domain.IncomingFile{
		TelegramFileID: "tg-plan", UniqueID: "plan", Name: "plan.pdf", MIMEType: "application/pdf", Size: 10, Carrier: domain.KindDocument,
	}})
	require.NoError(t, err)

	api.SendText(ann, "/search plan")
	screen := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Method == "sendMessage" })
	for _, label := range []string{"📄 plan.pdf · 10 B", "🔗 Share", "⏳ 7 days", "👥 5", "🔓 Protect content: off"} {
		screen = press(t, api, ann, screen, label)
	}
	assert.Equal(t, "🔗 A link to “plan.pdf”. Choose its limits, then make it:\n⏳ Expires: 7 days\n👥 People: 0 of 5 opened it\n"+
		"🔒 Content protected: it can't be forwarded or saved.", screen.Params["text"])
	made := press(t, api, ann, screen, "🔗 Make the link")
	assert.Contains(t, made.Params["text"], "Anyone with this link gets “plan.pdf”")
	assert.Contains(t, made.Params["text"], "⏳ Expires: 30 Nov 2026, 14:05 UTC\n👥 People: 0 of 5 opened it\n🔒 Content protected")

	list, err := a.Queries.Links.List(context.Background(), u.ID, domain.Cursor{}, 8)
	require.NoError(t, err)
	require.Len(t, list.Page.Items, 1)
	assert.Equal(t, res.File.ID, list.Page.Items[0].FileID)

	mark := api.LastSeq()
	api.SendText(ann, "/links")
	links := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.Contains(t, links.Params["text"], "• plan.pdf — never used\n  https://t.me/")
	assert.Contains(t, links.Params["text"], "\n  ⏳ until 30 Nov 2026, 14:05 UTC · 👥 0/5 · 🔒")
	settings := press(t, api, ann, links, "⚙")
	assert.Contains(t, settings.Params["text"], "⚙ The limits of the link to “plan.pdf”:")
	changed := press(t, api, ann, settings, "⏳ Never")
	assert.Contains(t, changed.Params["text"], "⏳ Expires: never\n👥 People: 0 of 5 opened it")
	changed = press(t, api, ann, changed, "🔒 Protect content: on")
	assert.Contains(t, changed.Params["text"], "🔓 Content not protected.")
	back := press(t, api, ann, changed, "◀ Back")
	assert.Contains(t, back.Params["text"], "• plan.pdf — never used\n  https://t.me/")
	assert.Contains(t, back.Params["text"], "\n  👥 0/5")
}

// press has who press the button labelled label on the message call sent or edited, and returns
// what the bot shows next (a new message or an edit).
func press(t *testing.T, api *tgtest.Server, who models.User, call tgtest.Call, label string) tgtest.Call {
	t.Helper()
	msg, ok := api.LastMessage(who.ID)
	require.True(t, ok)
	mark := api.LastSeq()
	api.PressButton(who, msg, buttonData(t, call, label))
	return api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Seq > mark && (c.Method == "editMessageText" || c.Method == "sendMessage")
	})
}
