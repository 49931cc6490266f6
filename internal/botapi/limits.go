package botapi

import (
	"github.com/go-telegram/bot/models"
)

// Limits Telegram enforces beyond the length of a text, a caption and callback data (markup.go):
// how many buttons a keyboard holds (what an inline result may carry: package inline).
const maxButtons = 100

// checkButtonCount refuses a keyboard of more buttons than Telegram takes.
func checkButtonCount(kb models.InlineKeyboardMarkup) *APIError {
	n := 0
	for _, row := range kb.InlineKeyboard {
		n += len(row)
	}
	if n > maxButtons {
		return badRequest("reply markup is too long")
	}
	return nil
}
