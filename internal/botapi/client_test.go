package botapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// These tests drive the stand-in through the real go-telegram/bot client, the way the bot does.

var alice = models.User{ID: 1001, FirstName: "Alice", Username: "alice", LanguageCode: "en"}

func newClient(t *testing.T) (*testServer, *bot.Bot) {
	t.Helper()
	return newClientOf(t, newServer(t))
}

// newClientOf is a go-telegram/bot client of s.
func newClientOf(t *testing.T, s *testServer) (*testServer, *bot.Bot) {
	t.Helper()
	b, err := bot.New(botapi.Token, bot.WithServerURL(s.URL()), bot.WithSkipGetMe())
	require.NoError(t, err)
	return s, b
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func keyboard(rows ...[]models.InlineKeyboardButton) *models.InlineKeyboardMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

func TestGetMeIsTheBot(t *testing.T) {
	s, b := newClient(t)
	me, err := b.GetMe(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, s.Bot(), *me)
	assert.Equal(t, int64(123456789), me.ID)
	assert.True(t, me.IsBot)
	assert.Equal(t, "File Keeper", me.FirstName)
	assert.Equal(t, "filekeeper_test_bot", me.Username)
}

func TestAWrongTokenIsUnauthorized(t *testing.T) {
	s, _ := newClient(t)
	b, err := bot.New("987654321:AAother-token", bot.WithServerURL(s.URL()), bot.WithSkipGetMe())
	require.NoError(t, err)
	_, err = b.GetMe(ctx(t))
	assert.ErrorIs(t, err, bot.ErrorUnauthorized)
}

func TestSendMessageShowsTheTextAndKeyboardInTheChat(t *testing.T) {
	s, b := newClient(t)
	kb := keyboard([]models.InlineKeyboardButton{{Text: "📂 My files", CallbackData: "1|m"}, {Text: "Site", URL: "https://example.com"}})

	sent, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "Hi, Alice!", ReplyMarkup: kb})
	require.NoError(t, err)

	assert.Equal(t, 1, sent.ID)
	assert.NotZero(t, sent.Date)
	assert.Equal(t, alice.ID, sent.Chat.ID)
	assert.Equal(t, models.ChatTypePrivate, sent.Chat.Type)
	assert.Equal(t, botapi.BotID, sent.From.ID)
	assert.Equal(t, "Hi, Alice!", sent.Text)

	msgs := s.Messages(alice.ID)
	require.Len(t, msgs, 1)
	require.NotNil(t, msgs[0].ReplyMarkup)
	assert.Equal(t, "1|m", msgs[0].ReplyMarkup.InlineKeyboard[0][0].CallbackData)
	assert.Equal(t, "https://example.com", msgs[0].ReplyMarkup.InlineKeyboard[0][1].URL)

	call := s.CallsTo("sendMessage")[0]
	assert.Equal(t, "1001", call.Params["chat_id"])
	assert.Equal(t, "Hi, Alice!", call.Params["text"])
	assert.Contains(t, call.Params["reply_markup"], `"callback_data":"1|m"`)
	assert.Nil(t, call.Err)
}

func TestMessageIDsGrowPerChatAcrossTheUserAndTheBot(t *testing.T) {
	s, b := newClient(t)
	first := s.SendText(alice, "hello")
	reply, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "I keep files.",
		ReplyParameters: &models.ReplyParameters{MessageID: first.Message.ID}})
	require.NoError(t, err)
	assert.Equal(t, first.Message.ID+1, reply.ID)
	require.NotNil(t, reply.ReplyToMessage)
	assert.Equal(t, "hello", reply.ReplyToMessage.Text)

	_, err = b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyParameters: &models.ReplyParameters{MessageID: 99}})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "quoting a message that does not exist")
}

func TestEditMessageTextChangesTheMessageInPlace(t *testing.T) {
	s, b := newClient(t)
	sent, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "Your files",
		ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Next ▶", CallbackData: "1|l|2"}})})
	require.NoError(t, err)
	edit := &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Page 2",
		ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "◀ Prev", CallbackData: "1|l|1"}})}

	edited, err := b.EditMessageText(ctx(t), edit)
	require.NoError(t, err)
	assert.Equal(t, sent.ID, edited.ID)
	assert.NotZero(t, edited.EditDate)

	last, ok := s.LastMessage(alice.ID)
	require.True(t, ok)
	assert.Equal(t, "Page 2", last.Text)
	assert.Equal(t, "◀ Prev", last.ReplyMarkup.InlineKeyboard[0][0].Text)
	assert.Len(t, s.Messages(alice.ID), 1)

	t.Run("the same edit again is not modified", func(t *testing.T) {
		_, err := b.EditMessageText(ctx(t), edit)
		require.ErrorIs(t, err, bot.ErrorBadRequest)
		assert.Contains(t, err.Error(), "message is not modified")
	})
	t.Run("an edit without a keyboard removes it", func(t *testing.T) {
		_, err := b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Page 2"})
		require.NoError(t, err)
		last, _ := s.LastMessage(alice.ID)
		assert.Nil(t, last.ReplyMarkup)
	})
	t.Run("a message that does not exist is not found", func(t *testing.T) {
		_, err := b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: 42, Text: "x"})
		require.ErrorIs(t, err, bot.ErrorBadRequest)
		assert.Contains(t, err.Error(), "message to edit not found")
	})
	t.Run("the user's message can't be edited", func(t *testing.T) {
		upd := s.SendText(alice, "mine")
		_, err := b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: upd.Message.ID, Text: "x"})
		require.ErrorIs(t, err, bot.ErrorBadRequest)
		assert.Contains(t, err.Error(), "message can't be edited")
	})
}

func TestEditMessageReplyMarkupReplacesOnlyTheKeyboard(t *testing.T) {
	s, b := newClient(t)
	kb := keyboard([]models.InlineKeyboardButton{{Text: "A", CallbackData: "a"}})
	sent, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "menu", ReplyMarkup: kb})
	require.NoError(t, err)

	_, err = b.EditMessageReplyMarkup(ctx(t), &bot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: sent.ID, ReplyMarkup: kb})
	require.ErrorIs(t, err, bot.ErrorBadRequest)
	assert.Contains(t, err.Error(), "message is not modified")

	_, err = b.EditMessageReplyMarkup(ctx(t), &bot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: sent.ID,
		ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "B", CallbackData: "b"}})})
	require.NoError(t, err)
	last, _ := s.LastMessage(alice.ID)
	assert.Equal(t, "menu", last.Text)
	assert.Equal(t, "b", last.ReplyMarkup.InlineKeyboard[0][0].CallbackData)
}

func TestDeleteMessageRemovesItFromTheChat(t *testing.T) {
	s, b := newClient(t)
	first, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "one"})
	require.NoError(t, err)
	_, err = b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "two"})
	require.NoError(t, err)

	ok, err := b.DeleteMessage(ctx(t), &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: first.ID})
	require.NoError(t, err)
	assert.True(t, ok)
	msgs := s.Messages(alice.ID)
	require.Len(t, msgs, 1)
	assert.Equal(t, "two", msgs[0].Text)

	_, err = b.DeleteMessage(ctx(t), &bot.DeleteMessageParams{ChatID: alice.ID, MessageID: first.ID})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "deleting twice")
}

func TestSendDocumentByFileIDSendsTheUsersFileBack(t *testing.T) {
	s, b := newClient(t)
	fileID, uniqueID := s.NewFileIDs()
	s.SendDocument(alice, models.Document{FileID: fileID, FileUniqueID: uniqueID, FileName: "report.pdf", MimeType: "application/pdf", FileSize: 2048}, "Q3")

	sent, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: fileID}, Caption: "report.pdf"})
	require.NoError(t, err)
	require.NotNil(t, sent.Document)
	assert.Equal(t, fileID, sent.Document.FileID)
	assert.Equal(t, uniqueID, sent.Document.FileUniqueID)
	assert.Equal(t, "report.pdf", sent.Document.FileName)
	assert.Equal(t, "report.pdf", sent.Caption)
	assert.Equal(t, fileID, s.CallsTo("sendDocument")[0].Params["document"])
	last, _ := s.LastMessage(alice.ID)
	assert.Equal(t, fileID, last.Document.FileID)

	file, err := b.GetFile(ctx(t), &bot.GetFileParams{FileID: fileID})
	require.NoError(t, err)
	assert.Equal(t, uniqueID, file.FileUniqueID)
	assert.True(t, strings.HasPrefix(file.FilePath, "documents/") && strings.HasSuffix(file.FilePath, ".pdf"), file.FilePath)
}

func TestSendingFilesBackChecksTheFileID(t *testing.T) {
	s, b := newClient(t)
	photoID, photoUnique := s.NewFileIDs()
	s.SendPhoto(alice, []models.PhotoSize{{FileID: photoID, FileUniqueID: photoUnique, Width: 90, Height: 90}}, "")
	voiceID, voiceUnique := s.NewFileIDs()
	s.SendVoice(alice, models.Voice{FileID: voiceID, FileUniqueID: voiceUnique, MimeType: "audio/ogg"})

	sent, err := b.SendPhoto(ctx(t), &bot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: photoID}, Caption: "photo_1"})
	require.NoError(t, err)
	require.NotEmpty(t, sent.Photo)
	assert.Equal(t, photoID, sent.Photo[0].FileID)
	_, err = b.SendVoice(ctx(t), &bot.SendVoiceParams{ChatID: alice.ID, Voice: &models.InputFileString{Data: voiceID}})
	require.NoError(t, err)

	cases := []struct {
		name, want string
		send       func() error
	}{
		{"an unknown file id", "wrong file identifier", func() error {
			_, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: "nope"}})
			return err
		}},
		{"a photo sent as a document", "type of file mismatch", func() error {
			_, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: photoID}})
			return err
		}},
		{"a file_unique_id instead of the file_id", "wrong file identifier", func() error {
			_, err := b.SendPhoto(ctx(t), &bot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: photoUnique}})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.send()
			require.ErrorIs(t, err, bot.ErrorBadRequest)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestAnswerCallbackQueryAnswersAPressOnce(t *testing.T) {
	s, b := newClient(t)
	menu, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "menu",
		ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Help", CallbackData: "1|h"}})})
	require.NoError(t, err)

	press := s.PressButton(alice, *menu, "1|h")
	q := press.CallbackQuery
	require.NotNil(t, q)
	assert.NotEmpty(t, q.ID)
	assert.NotEmpty(t, q.ChatInstance)
	assert.Equal(t, alice, q.From)
	assert.Equal(t, "1|h", q.Data)
	require.NotNil(t, q.Message.Message)
	assert.Equal(t, menu.ID, q.Message.Message.ID)
	assert.NotZero(t, q.Message.Message.Date)

	ok, err := b.AnswerCallbackQuery(ctx(t), &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: "Sending…"})
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "Sending…", s.CallsTo("answerCallbackQuery")[0].Params["text"])

	_, err = b.AnswerCallbackQuery(ctx(t), &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "a second answer")
}

func TestTelegramRejectsWhatItWouldReject(t *testing.T) {
	_, b := newClient(t)
	button := func(data string) models.ReplyMarkup {
		return keyboard([]models.InlineKeyboardButton{{Text: "b", CallbackData: data}})
	}
	cases := []struct {
		name string
		p    bot.SendMessageParams
		want string
	}{
		{"an empty text", bot.SendMessageParams{ChatID: alice.ID, Text: ""}, "Bad Request: message text is empty"},
		{"a text over 4096 characters", bot.SendMessageParams{ChatID: alice.ID, Text: strings.Repeat("ж", 4097)}, "Bad Request: message is too long"},
		{"callback data over 64 bytes", bot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyMarkup: button(strings.Repeat("d", 65))}, "Bad Request: BUTTON_DATA_INVALID"},
		{"empty callback data", bot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyMarkup: button("")}, "Bad Request: BUTTON_DATA_INVALID"},
		{"chat 0", bot.SendMessageParams{ChatID: 0, Text: "x"}, "Bad Request: chat not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.SendMessage(ctx(t), &tc.p)
			require.ErrorIs(t, err, bot.ErrorBadRequest)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("4096 characters and 64 bytes of data are fine", func(t *testing.T) {
		_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: strings.Repeat("ж", 4096), ReplyMarkup: button(strings.Repeat("d", 64))})
		assert.NoError(t, err)
	})
}

func TestFailNextInjectsFloodControl(t *testing.T) {
	s, b := newClient(t)
	s.FailNext("sendMessage", 2, 429, "", 7)

	for range 2 {
		_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "hi"})
		var flood *bot.TooManyRequestsError
		require.ErrorAs(t, err, &flood)
		assert.Equal(t, 7, flood.RetryAfter)
		assert.Contains(t, flood.Message, "retry after 7")
	}
	_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "hi"})
	require.NoError(t, err)

	calls := s.CallsTo("sendMessage")
	require.Len(t, calls, 3, "failed calls are recorded too")
	assert.Equal(t, 429, calls[0].Err.Code)
	assert.Nil(t, calls[2].Err)
	assert.Len(t, s.Messages(alice.ID), 1, "a failed call changes nothing")
}

func TestFailNextInjectsABlockedUser(t *testing.T) {
	s, b := newClient(t)
	s.FailNext("sendMessage", 1, 403, "", 0)
	_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "hi"})
	require.ErrorIs(t, err, bot.ErrorForbidden)
	assert.Contains(t, err.Error(), "bot was blocked by the user")
}

func TestSetMyCommandsKeepsValidCommands(t *testing.T) {
	s, b := newClient(t)
	cmds := []models.BotCommand{{Command: "start", Description: "Start"}, {Command: "files", Description: "Your files"}}
	ok, err := b.SetMyCommands(ctx(t), &bot.SetMyCommandsParams{Commands: cmds})
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, cmds, s.Commands())
	got, err := b.GetMyCommands(ctx(t), &bot.GetMyCommandsParams{})
	require.NoError(t, err)
	assert.Equal(t, cmds, got)

	_, err = b.SetMyCommands(ctx(t), &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "Bad Command", Description: "x"}}})
	assert.ErrorIs(t, err, bot.ErrorBadRequest)
}

func TestWebhooksAreKept(t *testing.T) {
	s, b := newClient(t)
	_, err := b.SetWebhook(ctx(t), &bot.SetWebhookParams{URL: "https://bot.example/hook", SecretToken: "s3cret"})
	require.NoError(t, err)
	url, secret := s.Webhook()
	assert.Equal(t, "https://bot.example/hook", url)
	assert.Equal(t, "s3cret", secret)
	info, err := b.GetWebhookInfo(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, "https://bot.example/hook", info.URL)

	_, err = b.DeleteWebhook(ctx(t), &bot.DeleteWebhookParams{})
	require.NoError(t, err)
	url, _ = s.Webhook()
	assert.Empty(t, url)
}

func TestAnUnknownMethodIsNotFound(t *testing.T) {
	s, b := newClient(t)
	_, err := b.SendPoll(ctx(t), &bot.SendPollParams{ChatID: alice.ID, Question: "?"})
	require.ErrorIs(t, err, bot.ErrorNotFound)
	assert.Equal(t, "sendPoll", s.Calls()[0].Method)
}

func TestAnInlineQueryIsAnsweredOnce(t *testing.T) {
	s, b := newClient(t)
	me, err := b.GetMe(ctx(t))
	require.NoError(t, err)
	assert.True(t, me.SupportInlineQueries)

	upd := s.SendInlineQuery(alice, "contr", "")
	q := upd.InlineQuery
	require.NotNil(t, q)
	assert.Equal(t, alice, *q.From)
	assert.Equal(t, "contr", q.Query)
	a, _ := post(t, ctx(t), s, "getUpdates", "application/json", strings.NewReader(`{"allowed_updates":["inline_query"]}`))
	assert.Contains(t, string(a.Result), `"inline_query":{"id":"`+q.ID+`"`, "inline queries come through getUpdates")

	result := func(id string) models.InlineQueryResult {
		return &models.InlineQueryResultCachedDocument{ID: id, Title: "contract.pdf", DocumentFileID: "BQAC"}
	}
	for name, tc := range map[string]struct {
		results []models.InlineQueryResult
		want    string
	}{
		"two results with one id": {[]models.InlineQueryResult{result("1"), result("1")}, "RESULT_ID_DUPLICATE"},
		"an empty result id":      {[]models.InlineQueryResult{result("")}, "RESULT_ID_INVALID"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := b.AnswerInlineQuery(ctx(t), &bot.AnswerInlineQueryParams{InlineQueryID: q.ID, Results: tc.results})
			require.ErrorIs(t, err, bot.ErrorBadRequest)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	ok, err := b.AnswerInlineQuery(ctx(t), &bot.AnswerInlineQueryParams{InlineQueryID: q.ID, Results: []models.InlineQueryResult{result("1")}, IsPersonal: true})
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "true", s.CallsTo("answerInlineQuery")[2].Params["is_personal"])
	_, err = b.AnswerInlineQuery(ctx(t), &bot.AnswerInlineQueryParams{InlineQueryID: q.ID, Results: []models.InlineQueryResult{}})
	assert.ErrorIs(t, err, bot.ErrorBadRequest, "a second answer")
}
