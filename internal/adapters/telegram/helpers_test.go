package telegram_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// stripCopyText removes the empty copy_text go-telegram/bot adds to every button, so a keyboard
// can be compared with what a person would write.
func stripCopyText(t *testing.T, markup string) string {
	t.Helper()
	var kb map[string][][]map[string]any
	require.NoError(t, json.Unmarshal([]byte(markup), &kb))
	for _, row := range kb["inline_keyboard"] {
		for _, b := range row {
			delete(b, "copy_text")
		}
	}
	out, err := json.Marshal(kb)
	require.NoError(t, err)
	return string(out)
}
