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
			r, err := readAnswer(body)
			require.NoError(b, err)
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

func TestAnAnswerIsWalkedAsEncodingJSONReadsIt(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		walked     bool
	}{
		{"updates", `{"ok":true,"result":[{"update_id":1,"message":{"text":"a \"]}\" b"}}, {"update_id":2}]}`, true},
		{"none", ` {"ok" : true, "result" : [ ] } `, true},
		{"an error answer", `{"ok":false,"error_code":409,"description":"Conflict"}`, false},
		{"not JSON", `<html>`, false},
		{"a trailing comma", `{"ok":true,"result":[{"update_id":1},]}`, false},
		{"cut short", `{"ok":true,"result":[{"update_id":1}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			walked, err := splitAnswer([]byte(tc.body))
			require.Equal(t, tc.walked, err == nil, "walked: %v", err)
			var want getUpdatesResponse
			jsonErr := json.Unmarshal([]byte(tc.body), &want)
			if tc.walked {
				require.NoError(t, jsonErr)
				assert.Equal(t, want, walked)
			}
			got, err := readAnswer([]byte(tc.body))
			assert.Equal(t, jsonErr == nil, err == nil, "read as encoding/json reads it")
			if err == nil {
				assert.Equal(t, want, got)
			}
		})
	}
}

// FuzzSplitAnswer: whenever an answer is walked and encoding/json reads it too, both read the
// same updates, byte for byte.
func FuzzSplitAnswer(f *testing.F) {
	for _, s := range []string{`{"ok":true,"result":[{"update_id":1,"message":{"text":"a\\\"}"}}]}`, `{"ok":true,"result":[]}`,
		`{"ok":false,"description":"x"}`, `{"result":[{"a":[1,{"b":"]"}]}],"ok":true}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		walked, err := splitAnswer(body)
		if err != nil {
			return
		}
		var want getUpdatesResponse
		if json.Unmarshal(body, &want) != nil {
			return // not JSON: the updates' own decoding fails, as encoding/json's would
		}
		if want.OK != walked.OK || len(want.Result) != len(walked.Result) {
			t.Fatalf("walked %+v, encoding/json read %+v from %q", walked, want, body)
		}
		for i := range want.Result {
			if !bytes.Equal(want.Result[i], walked.Result[i]) {
				t.Fatalf("update %d: walked %q, encoding/json read %q", i, walked.Result[i], want.Result[i])
			}
		}
	})
}
