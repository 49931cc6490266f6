package botapi

import (
	"encoding/json"
	"html"
	"regexp"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// Telegram's limits.
const (
	maxTextLen     = 4096 // characters of a message text, after entity parsing
	maxCaptionLen  = 1024
	maxCallbackLen = 64 // bytes of callback_data
)

// parseMarkup reads reply_markup. Only an inline keyboard stays on the message; a reply
// keyboard, its removal or force_reply are accepted and not kept, as in Telegram.
func parseMarkup(raw string) (*models.InlineKeyboardMarkup, *APIError) {
	if raw == "" {
		return nil, nil
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal([]byte(raw), &fields) != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	if _, ok := fields["inline_keyboard"]; !ok {
		return nil, nil
	}
	var kb models.InlineKeyboardMarkup
	if json.Unmarshal([]byte(raw), &kb) != nil {
		return nil, badRequest("can't parse inline keyboard button: field \"inline_keyboard\" must be an Array of Arrays")
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if apiErr := checkButton(b); apiErr != nil {
				return nil, apiErr
			}
		}
	}
	if apiErr := checkButtonCount(kb); apiErr != nil {
		return nil, apiErr
	}
	if len(kb.InlineKeyboard) == 0 {
		return nil, nil // an empty keyboard removes the keyboard
	}
	return &kb, nil
}

// checkButton rejects callback data Telegram rejects: empty (a button that does nothing) or
// longer than 64 bytes.
func checkButton(b models.InlineKeyboardButton) *APIError {
	if b.Text == "" {
		return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	}
	acts := b.URL != "" || b.WebApp != nil || b.LoginURL != nil || b.SwitchInlineQuery != "" ||
		b.SwitchInlineQueryCurrentChat != "" || b.SwitchInlineQueryChosenChat != nil ||
		b.CopyText.Text != "" || b.CallbackGame != nil || b.Pay
	if (b.CallbackData == "" && !acts) || len(b.CallbackData) > maxCallbackLen {
		return badRequest("BUTTON_DATA_INVALID")
	}
	return nil
}

// sameMarkup compares keyboards by content.
func sameMarkup(a, b *models.InlineKeyboardMarkup) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// formatted is a text or caption as sent (for "not modified") and as the user reads it.
type formatted struct {
	source  string
	visible string
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// format renders the text field under parse_mode. HTML is reduced to its visible text; other
// modes are kept as sent, which is close enough for tests.
func format(p params, field, entitiesField string) formatted {
	text, mode := p[field], p["parse_mode"]
	f := formatted{source: mode + "\x00" + text + "\x00" + p[entitiesField], visible: text}
	if models.ParseMode(mode) == models.ParseModeHTML {
		f.visible = html.UnescapeString(htmlTag.ReplaceAllString(text, ""))
	}
	return f
}

func (f formatted) length() int { return utf8.RuneCountInString(f.visible) }
