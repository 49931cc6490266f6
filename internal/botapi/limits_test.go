package botapi_test

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTelegramsLimitsAreEnforced: what Telegram refuses, the stand-in refuses with Telegram's
// words — texts, captions, callback data and keyboards in every method that carries them — and
// what is just within a limit passes.
func TestTelegramsLimitsAreEnforced(t *testing.T) {
	s, b := newClient(t)
	fileID, uniqueID := s.NewFileIDs()
	s.SendDocument(alice, models.Document{FileID: fileID, FileUniqueID: uniqueID, FileName: "a.pdf", MimeType: "application/pdf", FileSize: 10}, "")
	doc := &models.InputFileString{Data: fileID}
	text, caption := func(n int) string { return strings.Repeat("я", n) }, func(n int) string { return strings.Repeat("ё", n) }
	buttons := func(n int, data string) *models.InlineKeyboardMarkup {
		kb := &models.InlineKeyboardMarkup{}
		for i := range n {
			if i%8 == 0 {
				kb.InlineKeyboard = append(kb.InlineKeyboard, nil)
			}
			r := len(kb.InlineKeyboard) - 1
			kb.InlineKeyboard[r] = append(kb.InlineKeyboard[r], models.InlineKeyboardButton{Text: "b", CallbackData: data})
		}
		return kb
	}
	msg, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "menu"})
	require.NoError(t, err)
	withCaption, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: doc, Caption: "c"})
	require.NoError(t, err)

	tests := []struct {
		name string
		call func() error
		want string // "" for accepted
	}{
		{"a text of 4,096 characters is sent", func() error {
			_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: text(4096)})
			return err
		}, ""},
		{"a text of 4,097 characters is refused", func() error {
			_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: text(4097)})
			return err
		}, "Bad Request: message is too long"},
		{"an edit to 4,097 characters is refused", func() error {
			_, err := b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: msg.ID, Text: text(4097)})
			return err
		}, "Bad Request: MESSAGE_TOO_LONG"},
		{"a caption of 1,024 characters is sent", func() error {
			_, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: doc, Caption: caption(1024)})
			return err
		}, ""},
		{"a caption of 1,025 characters is refused", func() error {
			_, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: doc, Caption: caption(1025)})
			return err
		}, "Bad Request: message caption is too long"},
		{"a caption edited to 1,025 characters is refused", func() error {
			_, err := b.EditMessageCaption(ctx(t), &bot.EditMessageCaptionParams{ChatID: alice.ID, MessageID: withCaption.ID, Caption: caption(1025)})
			return err
		}, "Bad Request: message caption is too long"},
		{"callback data of 64 bytes is sent", func() error {
			_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyMarkup: buttons(1, strings.Repeat("d", 64))})
			return err
		}, ""},
		{"callback data of 65 bytes is refused", func() error {
			_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyMarkup: buttons(1, strings.Repeat("d", 65))})
			return err
		}, "Bad Request: BUTTON_DATA_INVALID"},
		{"callback data of 65 bytes under a file is refused", func() error {
			_, err := b.SendDocument(ctx(t), &bot.SendDocumentParams{ChatID: alice.ID, Document: doc, ReplyMarkup: buttons(1, strings.Repeat("d", 65))})
			return err
		}, "Bad Request: BUTTON_DATA_INVALID"},
		{"a keyboard of 100 buttons is sent", func() error {
			_, err := b.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyMarkup: buttons(100, "d")})
			return err
		}, ""},
		{"a keyboard of 101 buttons is refused", func() error {
			_, err := b.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: alice.ID, MessageID: msg.ID, Text: "y", ReplyMarkup: buttons(101, "d")})
			return err
		}, "Bad Request: reply markup is too long"},
	}
	inline := func(r models.InlineQueryResult) func() error {
		return func() error {
			q := s.SendInlineQuery(alice, "a", "").InlineQuery
			_, err := b.AnswerInlineQuery(ctx(t), &bot.AnswerInlineQueryParams{InlineQueryID: q.ID, Results: []models.InlineQueryResult{r}})
			return err
		}
	}
	tests = append(tests, []struct {
		name string
		call func() error
		want string
	}{
		{"an inline result with a caption of 1,024 characters is accepted", inline(&models.InlineQueryResultCachedDocument{ID: "1", Title: "a", DocumentFileID: fileID, Caption: caption(1024)}), ""},
		{"an inline result with a caption of 1,025 characters is refused", inline(&models.InlineQueryResultCachedDocument{ID: "1", Title: "a", DocumentFileID: fileID, Caption: caption(1025)}), "Bad Request: MEDIA_CAPTION_TOO_LONG"},
		{"an inline result with a button of 65 bytes is refused", inline(&models.InlineQueryResultCachedDocument{ID: "1", Title: "a", DocumentFileID: fileID, ReplyMarkup: buttons(1, strings.Repeat("d", 65))}), "Bad Request: BUTTON_DATA_INVALID"},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, bot.ErrorBadRequest)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
