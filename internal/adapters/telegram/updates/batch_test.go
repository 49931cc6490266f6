package updates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnUpdatesIDIsReadOffItsStartOrDecoded(t *testing.T) {
	for _, tc := range []struct {
		name, raw string
		id        int64
		peeked    bool
	}{
		{"as Telegram writes it", `{"update_id":123456789,"message":{"message_id":1}}`, 123456789, true},
		{"with spaces", " {\n  \"update_id\" : 42 ,\"message\":{}}", 42, true},
		{"alone", `{"update_id":7}`, 7, true},
		{"after another field", `{"message":{"message_id":1},"update_id":9}`, 9, false},
		{"as a float", `{"update_id":9.0e0}`, 0, false},
		{"too long for int64", `{"update_id":99999999999999999999}`, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, ok := peekUpdateID([]byte(tc.raw))
			assert.Equal(t, tc.peeked, ok)
			if ok {
				assert.Equal(t, tc.id, id)
			}
		})
	}
	id, err := updateID(json.RawMessage(`{"message":{"message_id":1},"update_id":9}`))
	require.NoError(t, err)
	assert.Equal(t, int64(9), id, "decoded when not first")
	_, err = updateID(json.RawMessage(`{"update_id":"nine"}`))
	assert.Error(t, err)
}

// FuzzPeekUpdateID: whenever the id is read off the start of an update, it is the id that
// decoding the update gives.
func FuzzPeekUpdateID(f *testing.F) {
	for _, s := range []string{`{"update_id":1,"message":{}}`, `{"update_id":-1}`, `{"update_id":01}`, `{ "update_id" :12 }`, `{"update_id":1e3}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		id, ok := peekUpdateID(raw)
		if !ok {
			return
		}
		var u struct {
			ID int64 `json:"update_id"`
		}
		if err := json.Unmarshal(raw, &u); err != nil {
			return // not JSON at all past its start: its decoding fails, as the batch's would
		}
		if bytes.Count(bytes.ToLower(raw), []byte("update_id")) > 1 || bytes.ContainsRune(raw, '\\') {
			return // the key twice (perhaps in another case, or escaped): decoding keeps the last
		}
		if u.ID != id {
			t.Fatalf("peeked %d, decoded %d from %q", id, u.ID, raw)
		}
	})
}

// callbackBatch is a getUpdates answer of n button presses, each carrying the message its
// button is on (a list of 8 files with its keyboard), as the bench's page presses do.
func callbackBatch(b *testing.B, n int) []byte {
	var kb [][]models.InlineKeyboardButton
	for i := range 8 {
		kb = append(kb, []models.InlineKeyboardButton{{Text: fmt.Sprintf("📄 report-%d.pdf · 120 KB", i), CallbackData: fmt.Sprintf("1c%d.l0", i)}})
	}
	var ups []models.Update
	for i := range n {
		msg := models.Message{ID: 1000 + i, Date: 1764700000, Chat: models.Chat{ID: int64(500 + i), Type: models.ChatTypePrivate},
			From: &models.User{ID: 1, IsBot: true, FirstName: "File Keeper"}, Text: strings.Repeat("📄 a file name.pdf — 120 KB\n", 8),
			ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: kb}}
		ups = append(ups, models.Update{ID: int64(100 + i), CallbackQuery: &models.CallbackQuery{ID: fmt.Sprint(i), Data: "1ln",
			From:    models.User{ID: int64(500 + i), FirstName: "U", LanguageCode: "en"},
			Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &msg}}})
	}
	body, err := json.Marshal(map[string]any{"ok": true, "result": ups})
	require.NoError(b, err)
	return body
}

// BenchmarkBatchOf100With90Held reads a getUpdates answer of 100 button presses of which 90 are
// held (under way or done above one that is not), as under load: "every update decoded" is
// what the poller did before it skipped the held ones undecoded.
func BenchmarkBatchOf100With90Held(b *testing.B) {
	body := callbackBatch(b, 100)
	held := func() *pollWindow {
		w := newPollWindow()
		for id := int64(100); id < 190; id++ {
			w.held[id] = id%2 == 0
		}
		return w
	}
	b.Run("every update decoded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var r struct {
				Result []*models.Update `json:"result"`
			}
			require.NoError(b, json.NewDecoder(bytes.NewReader(body)).Decode(&r))
		}
	})
	b.Run("held ones skipped", func(b *testing.B) {
		b.ReportAllocs()
		w := held()
		for b.Loop() {
			var r getUpdatesResponse
			require.NoError(b, json.NewDecoder(bytes.NewReader(body)).Decode(&r))
			fresh, err := w.admit(r.Result)
			require.NoError(b, err)
			require.Len(b, fresh, 10)
			b.StopTimer()
			for _, u := range fresh {
				delete(w.held, u.ID)
			}
			b.StartTimer()
		}
	})
}
