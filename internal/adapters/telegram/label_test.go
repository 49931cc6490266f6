package telegram

import (
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
)

func TestTheLogLabelNamesTheHandlingInABoundedSet(t *testing.T) {
	msg := func(m models.Message) *models.Update { return &models.Update{ID: 1, Message: &m} }
	cases := []struct {
		name string
		upd  *models.Update
		want string
	}{
		{"a known command", msg(models.Message{Text: "/start"}), "/start"},
		{"a command with arguments and the bot's name", msg(models.Message{Text: "/Search@filekeeper_bot report"}), "/search"},
		{"an unknown command", msg(models.Message{Text: "/whatever-the-user-typed"}), "/other"},
		{"a text", msg(models.Message{Text: "hello"}), "text"},
		{"a document", msg(models.Message{Document: &models.Document{FileID: "f", FileUniqueID: "u"}}), "document"},
		{"a sticker", msg(models.Message{Sticker: &models.Sticker{}}), "message"},
		{"a button", &models.Update{ID: 1, CallbackQuery: &models.CallbackQuery{}}, "button"},
		{"an inline query", &models.Update{ID: 1, InlineQuery: &models.InlineQuery{}}, "inline_query"},
		{"anything else", &models.Update{ID: 1}, "other"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, (&Router{}).Label(tc.upd)) })
	}
}
