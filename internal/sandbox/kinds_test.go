package sandbox_test

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

func oggOpus(seconds int) []byte {
	data := append([]byte("OggS\x00\x02"), make([]byte, 22)...)
	data = append(data, []byte("OpusHead\x01\x01")...)
	data = append(data, make([]byte, 64)...)
	data = append(data, []byte("OggS\x00\x04")...)
	return append(binary.LittleEndian.AppendUint64(data, uint64(seconds*48000)), make([]byte, 16)...)
}

func TestThePageSendsVoiceNotesVideoNotesAndStickers(t *testing.T) {
	e := newEnv(t)
	mp4 := append([]byte("\x00\x00\x00\x18ftypisom"), make([]byte, 64)...)
	webp := append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 32)...)
	for _, c := range []struct {
		name, as string
		data     []byte
		kind     func(m *models.Message) bool
	}{
		{"memo.ogg", "voice", oggOpus(2), func(m *models.Message) bool { return m.Voice != nil && m.Voice.Duration == 2 }},
		{"memo.opus", "voice", oggOpus(1), func(m *models.Message) bool { return m.Voice != nil }},
		{"round.mp4", "video_note", mp4, func(m *models.Message) bool { return m.VideoNote != nil }},
		{"cat.webp", "sticker", webp, func(m *models.Message) bool { return m.Sticker != nil }},
	} {
		status, out := e.upload(t, e.user, c.name, c.data, map[string]string{"as": c.as})
		require.Equal(t, http.StatusOK, status, out)
		ups := e.pendingUpdates(t)
		m := ups[len(ups)-1].Message
		assert.True(t, c.kind(m), "%s as %s: %+v", c.name, c.as, m)
		assert.Nil(t, m.Document, c.name)
	}

	for name, c := range map[string]struct {
		file, as, caption string
		data              []byte
		want              string
	}{
		"a text as a voice note":      {"a.txt", "voice", "", []byte("hello"), "A voice note is an .ogg or .opus recording"},
		"a picture as a video note":   {"a.png", "video_note", "", pngBytes(t), "A video note is an .mp4 video"},
		"a text as a sticker":         {"a.txt", "sticker", "", []byte("hello"), "A sticker is a .webp picture"},
		"a sticker with a caption":    {"cat.webp", "sticker", "meow", webp, "carry no caption"},
		"a kind the page cannot make": {"a.txt", "poll", "", []byte("hello"), "can be sent as a file, a voice note"},
	} {
		t.Run(name, func(t *testing.T) {
			pending := len(e.pendingUpdates(t))
			status, out := e.upload(t, e.user, c.file, c.data, map[string]string{"as": c.as, "caption": c.caption})
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Contains(t, out["error"], c.want)
			assert.Len(t, e.pendingUpdates(t), pending, "nothing reached the bot")
		})
	}
}

func TestThePageTriesInlineMode(t *testing.T) {
	e := newEnv(t)
	s := e.follow(t, e.user)
	s.next(t) // the history
	up, err := e.api.Upload(e.user, botapi.Upload{Name: "contract.pdf", Data: []byte("%PDF-1.4 contract")})
	require.NoError(t, err)
	s.next(t) // the upload in the chat

	status, out := e.post(t, fmt.Sprintf("/api/chats/%d/inline", e.user.ID), "application/json", strings.NewReader(`{"query":"contr"}`))
	require.Equal(t, http.StatusOK, status, out)
	queryID, _ := out["query_id"].(string)
	require.NotEmpty(t, queryID)
	ups := e.pendingUpdates(t)
	q := ups[len(ups)-1].InlineQuery
	require.NotNil(t, q, "the bot gets an inline query")
	assert.Equal(t, "contr", q.Query)
	assert.Equal(t, e.user.ID, q.From.ID)

	_, err = e.bot.AnswerInlineQuery(ctx(t), &bot.AnswerInlineQueryParams{InlineQueryID: queryID, Results: []models.InlineQueryResult{
		&models.InlineQueryResultCachedDocument{ID: "7", Title: "contract.pdf", DocumentFileID: up.Message.Document.FileID},
	}})
	require.NoError(t, err)
	_, data := s.next(t)
	var ev botapi.Event
	require.NoError(t, json.Unmarshal([]byte(data), &ev))
	require.Equal(t, botapi.EventInline, ev.Type, data)
	assert.Equal(t, queryID, ev.Inline.QueryID)
	require.Len(t, ev.Inline.Results, 1)
	assert.Equal(t, "contract.pdf", ev.Inline.Results[0].Title)

	body := fmt.Sprintf(`{"query_id":%q,"result_id":"7"}`, queryID)
	status, out = e.post(t, fmt.Sprintf("/api/chats/%d/inline/choose", e.user.ID), "application/json", strings.NewReader(body))
	require.Equal(t, http.StatusOK, status, out)
	_, data = s.next(t)
	require.NoError(t, json.Unmarshal([]byte(data), &ev))
	require.Equal(t, botapi.EventMessage, ev.Type)
	require.NotNil(t, ev.Message.ViaBot, "sent via the bot")
	require.NotNil(t, ev.Message.Document)
	assert.Equal(t, up.Message.Document.FileUniqueID, ev.Message.Document.FileUniqueID)

	t.Run("Bob cannot pick from Alice's results", func(t *testing.T) {
		status, out := e.post(t, "/api/chats/2002/inline/choose", "application/json", strings.NewReader(body))
		assert.Equal(t, http.StatusNotFound, status)
		assert.Contains(t, out["error"], "no longer offered")
	})
	t.Run("a query longer than Telegram sends is refused", func(t *testing.T) {
		long, _ := json.Marshal(map[string]string{"query": strings.Repeat("й", botapi.MaxInlineQuery+1)})
		status, out := e.post(t, "/api/chats/1001/inline", "application/json", strings.NewReader(string(long)))
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, out["error"], "at most 256")
	})
	t.Run("a choice that is not JSON", func(t *testing.T) {
		status, out := e.post(t, "/api/chats/1001/inline/choose", "application/json", strings.NewReader(`{`))
		assert.Equal(t, http.StatusBadRequest, status)
		assert.NotEmpty(t, out["error"])
	})
}
