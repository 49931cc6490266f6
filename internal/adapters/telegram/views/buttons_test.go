package views

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryRenderedButtonDecodesToItsAction: every button of every view, in every language,
// carries a payload that decodes to an action of the table and encodes back to itself; and
// every action's code is unique. (The telegram package presses each of them through the bot.)
func TestEveryRenderedButtonDecodesToItsAction(t *testing.T) {
	actions := Actions()
	seen := map[Action]bool{}
	for _, a := range actions {
		require.False(t, seen[a], "action code %q is used twice", a)
		seen[a] = true
	}
	for lang, texts := range languages {
		for name, v := range everyView(texts) {
			if v.Keyboard == nil {
				continue
			}
			for _, r := range v.Keyboard.InlineKeyboard {
				for _, b := range r {
					if b.URL != "" {
						continue
					}
					cb, err := DecodeCallback(b.CallbackData)
					require.NoError(t, err, "%s %s: %q does not decode", lang, name, b.Text)
					assert.True(t, slices.Contains(actions, cb.Action), "%s %s: %q is no action of the table", lang, name, b.Text)
					assert.Equal(t, b.CallbackData, EncodeCallback(cb), "%s %s: %q decodes to another payload", lang, name, b.Text)
				}
			}
		}
	}
}
