package telegram_test

import (
	"context"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/tgtest"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// posted is when the original message of a forward was posted.
var posted = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// keepSent has Ann send m to the bot and returns the file it kept.
func keepSent(t *testing.T, api *tgtest.Server, a app.Application, u domain.User, m models.Message) (domain.File, models.Update) {
	t.Helper()
	mark := api.LastSeq()
	upd := api.Send(ann, m)
	api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	page, err := a.Queries.ListFiles.Handle(context.Background(), app.ListFilesInput{OwnerID: u.ID})
	require.NoError(t, err)
	require.NotEmpty(t, page.Items)
	return page.Items[0], upd
}

// card shows the card of f to Ann and returns its text.
func card(t *testing.T, api *tgtest.Server, f domain.File) string {
	t.Helper()
	msg, ok := api.LastMessage(ann.ID)
	require.True(t, ok)
	mark := api.LastSeq()
	api.PressButton(ann, msg, views.EncodeCallback(views.Callback{Action: views.ActCard, FileID: f.ID}))
	return api.WaitForCall(t, wait, func(c tgtest.Call) bool {
		return c.Seq > mark && (c.Method == "editMessageText" || c.Method == "sendMessage")
	}).Params["text"]
}

func document(api *tgtest.Server, name string) *models.Document {
	id, unique := api.NewFileIDs()
	return &models.Document{FileID: id, FileUniqueID: unique, FileName: name, MimeType: "application/pdf", FileSize: 2048}
}

func TestAForwardedFileShowsWhereItCameFromAndIsFoundByIt(t *testing.T) {
	origins := []struct {
		name   string
		origin models.MessageOrigin
		want   string
	}{
		{"a channel post", models.MessageOrigin{Type: models.MessageOriginTypeChannel, MessageOriginChannel: &models.MessageOriginChannel{
			Date: int(posted.Unix()), Chat: models.Chat{ID: -1001, Type: models.ChatTypeChannel, Title: "Go News", Username: "gonews"}, MessageID: 7}},
			"↪ Forwarded from the channel “Go News (@gonews)”, posted 20 Nov 2026, 09:30 UTC"},
		{"a group's own message", models.MessageOrigin{Type: models.MessageOriginTypeChat, MessageOriginChat: &models.MessageOriginChat{
			Date: int(posted.Unix()), SenderChat: models.Chat{ID: -1002, Type: models.ChatTypeSupergroup, Title: "Book Club"}}},
			"↪ Forwarded from the group “Book Club”, posted 20 Nov 2026, 09:30 UTC"},
		{"a user", models.MessageOrigin{Type: models.MessageOriginTypeUser, MessageOriginUser: &models.MessageOriginUser{
			Date: int(posted.Unix()), SenderUser: models.User{ID: 5, FirstName: "Grace", LastName: "Hopper", Username: "grace"}}},
			"↪ Forwarded from Grace Hopper (@grace), sent 20 Nov 2026, 09:30 UTC"},
		{"a user who hides their account", models.MessageOrigin{Type: models.MessageOriginTypeHiddenUser, MessageOriginHiddenUser: &models.MessageOriginHiddenUser{
			Date: int(posted.Unix()), SenderUserName: "Anonymous Owl"}},
			"↪ Forwarded from Anonymous Owl (hidden account), sent 20 Nov 2026, 09:30 UTC"},
	}
	for _, tt := range origins {
		t.Run(tt.name, func(t *testing.T) {
			api := tgtest.NewServer()
			t.Cleanup(api.Close)
			a, u, _ := linksBotAt(t, api, app.Limits{}, 8)
			origin := tt.origin
			f, _ := keepSent(t, api, a, u, models.Message{Document: document(api, "slides.pdf"), ForwardOrigin: &origin})
			assert.Contains(t, card(t, api, f), "\n"+tt.want)
		})
	}

	t.Run("a search finds it by its origin's name", func(t *testing.T) {
		api := tgtest.NewServer()
		t.Cleanup(api.Close)
		a, u, _ := linksBotAt(t, api, app.Limits{}, 8)
		keepSent(t, api, a, u, models.Message{Document: document(api, "slides.pdf"), ForwardOrigin: &origins[0].origin})
		keepSent(t, api, a, u, models.Message{Document: document(api, "mine.pdf")})
		mark := api.LastSeq()
		api.SendText(ann, "/search gonews")
		found := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
		assert.Contains(t, found.Params["reply_markup"], "slides.pdf")
		assert.NotContains(t, found.Params["reply_markup"], "mine.pdf")
	})
	t.Run("a file sent by its owner says nothing of an origin", func(t *testing.T) {
		api := tgtest.NewServer()
		t.Cleanup(api.Close)
		a, u, _ := linksBotAt(t, api, app.Limits{}, 8)
		f, _ := keepSent(t, api, a, u, models.Message{Document: document(api, "mine.pdf")})
		assert.NotContains(t, card(t, api, f), "↪")
	})
}

func TestAnEditedCaptionChangesTheCardAndTheSearch(t *testing.T) {
	api := tgtest.NewServer()
	t.Cleanup(api.Close)
	a, u, _ := linksBotAt(t, api, app.Limits{}, 8)
	f, sent := keepSent(t, api, a, u, models.Message{Document: document(api, "q3.pdf"), Caption: "draft figures"})
	assert.Contains(t, card(t, api, f), "draft figures")

	mark := api.LastSeq()
	_, err := api.EditCaption(ann, sent.Message.ID, "final figures for the board")
	require.NoError(t, err)
	said := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.Equal(t, "✏ The caption of “q3.pdf” is updated.", said.Params["text"])

	text := card(t, api, f)
	assert.Contains(t, text, "final figures for the board")
	assert.NotContains(t, text, "draft")
	mark = api.LastSeq()
	api.SendText(ann, "/search board")
	found := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.Contains(t, found.Params["reply_markup"], "q3.pdf", "the new caption is searched")

	mark = api.LastSeq()
	_, err = api.EditCaption(ann, sent.Message.ID, "final figures for the board")
	require.NoError(t, err)
	api.SendText(ann, "/help") // a mark: once answered, the edit before it was handled
	next := api.WaitForCall(t, wait, func(c tgtest.Call) bool { return c.Seq > mark && c.Method == "sendMessage" })
	assert.NotContains(t, next.Params["text"], "is updated", "an edit that changes nothing says nothing")
}
