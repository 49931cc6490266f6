package botapi

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// Limits Telegram enforces beyond the length of a text, a caption and callback data (markup.go):
// how many buttons a keyboard holds, and what an inline result may carry.
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

// checkInlineResult refuses an inline result Telegram refuses: a caption over 1,024 characters,
// a message text over 4,096, or a keyboard Telegram would refuse under a message.
func checkInlineResult(r map[string]json.RawMessage) *APIError {
	var caption string
	if raw, ok := r["caption"]; ok && json.Unmarshal(raw, &caption) == nil && utf8.RuneCountInString(caption) > maxCaptionLen {
		return badRequest("MEDIA_CAPTION_TOO_LONG")
	}
	var content struct {
		MessageText string `json:"message_text"`
	}
	if raw, ok := r["input_message_content"]; ok && json.Unmarshal(raw, &content) == nil && utf8.RuneCountInString(content.MessageText) > maxTextLen {
		return badRequest("MESSAGE_TOO_LONG")
	}
	if raw, ok := r["reply_markup"]; ok {
		if _, apiErr := parseMarkup(string(raw)); apiErr != nil {
			return apiErr
		}
	}
	return nil
}
