package sandbox_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/sandbox"
)

// These tests play the page: they call the sandbox's API as app.js does, follow the live
// stream, and play the bot with the go-telegram/bot client.

type env struct {
	api  *botapi.Server
	url  string
	bot  *bot.Bot
	user models.User
}

func newEnv(t *testing.T) *env {
	t.Helper()
	api := sandbox.NewAPI()
	s := sandbox.New(sandbox.Config{Addr: "127.0.0.1:0"}, api, zaptest.NewLogger(t))
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		require.NoError(t, s.Stop(context.Background()))
		srv.Close()
	})
	b, err := bot.New(botapi.Token, bot.WithServerURL(srv.URL), bot.WithSkipGetMe())
	require.NoError(t, err)
	return &env{api: api, url: srv.URL, bot: b, user: sandbox.Users[0]}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func (e *env) post(t *testing.T, path, contentType string, body io.Reader) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(e.url+path, contentType, body)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func (e *env) say(t *testing.T, user models.User, text string) (int, map[string]any) {
	t.Helper()
	body, err := json.Marshal(map[string]string{"text": text})
	require.NoError(t, err)
	return e.post(t, fmt.Sprintf("/api/chats/%d/messages", user.ID), "application/json", bytes.NewReader(body))
}

func (e *env) upload(t *testing.T, user models.User, name string, data []byte, fields map[string]string) (int, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		require.NoError(t, w.WriteField(k, v))
	}
	part, err := w.CreateFormFile("file", name)
	require.NoError(t, err)
	_, err = part.Write(data)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return e.post(t, fmt.Sprintf("/api/chats/%d/files", user.ID), w.FormDataContentType(), &body)
}

// pendingUpdates are the updates waiting for the bot, read as the bot would.
func (e *env) pendingUpdates(t *testing.T) []models.Update {
	t.Helper()
	resp, err := http.Post(e.url+"/bot"+botapi.Token+"/getUpdates", "application/json", strings.NewReader(`{"timeout":0}`))
	require.NoError(t, err)
	defer resp.Body.Close()
	var answer struct {
		Result []models.Update `json:"result"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&answer))
	return answer.Result
}

func TestThePageIsServed(t *testing.T) {
	e := newEnv(t)
	for path, want := range map[string]string{
		"/":          "<title>File Keeper — sandbox</title>",
		"/app.js":    "new EventSource(",
		"/style.css": ".keyboard",
		"/files.js":  "function renderFile(",
		"/links.js":  "function deepLink(",
		"/inline.js": "function typedInline(",
	} {
		resp, err := http.Get(e.url + path)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
		assert.Contains(t, string(body), want, path)
	}
}

func TestTheBotAPIAnswersOnTheSameAddress(t *testing.T) {
	e := newEnv(t)
	me, err := e.bot.GetMe(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, botapi.BotID, me.ID)
}

func TestThereAreThreeUsers(t *testing.T) {
	e := newEnv(t)
	resp, err := http.Get(e.url + "/api/users")
	require.NoError(t, err)
	defer resp.Body.Close()
	var users []models.User
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&users))
	require.Len(t, users, 3)
	assert.Equal(t, []string{"Alice", "Bob", "Carol"}, []string{users[0].FirstName, users[1].FirstName, users[2].FirstName})
}

func TestAnotherSiteCannotPostIntoAChat(t *testing.T) {
	e := newEnv(t)
	req, err := http.NewRequest(http.MethodPost, e.url+"/api/chats/1001/messages", strings.NewReader(`{"text":"/start"}`))
	require.NoError(t, err)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.Empty(t, e.pendingUpdates(t))
}

func TestATextFromThePageIsAMessageToTheBot(t *testing.T) {
	e := newEnv(t)
	status, out := e.say(t, e.user, "/start")
	require.Equal(t, http.StatusOK, status, out)

	ups := e.pendingUpdates(t)
	require.Len(t, ups, 1)
	m := ups[0].Message
	assert.Equal(t, "/start", m.Text)
	assert.Equal(t, e.user, *m.From)
	assert.Equal(t, models.MessageEntityTypeBotCommand, m.Entities[0].Type)

	for name, text := range map[string]string{"an empty text": "  ", "a text over 4096 characters": strings.Repeat("x", 4097)} {
		status, out := e.say(t, e.user, text)
		assert.Equal(t, http.StatusBadRequest, status, name)
		assert.NotEmpty(t, out["error"], name)
	}
	status, _ = e.say(t, models.User{ID: 42}, "hi")
	assert.Equal(t, http.StatusNotFound, status, "only the sandbox's users")
}

func TestAFileFromThePageIsKeptAndServed(t *testing.T) {
	e := newEnv(t)
	status, out := e.upload(t, e.user, "notes.txt", []byte("remember the milk"), map[string]string{"caption": "todo"})
	require.Equal(t, http.StatusOK, status, out)

	ups := e.pendingUpdates(t)
	require.Len(t, ups, 1)
	d := ups[0].Message.Document
	require.NotNil(t, d)
	assert.Equal(t, "notes.txt", d.FileName)
	assert.Equal(t, "text/plain", d.MimeType)
	assert.Equal(t, int64(17), d.FileSize)
	assert.Equal(t, "todo", ups[0].Message.Caption)

	resp, err := http.Get(e.url + "/api/files/" + d.FileID)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "remember the milk", string(body))
	assert.Contains(t, resp.Header.Get("Content-Disposition"), "attachment", "only pictures are shown in the page")
	assert.Equal(t, "sandbox", resp.Header.Get("Content-Security-Policy"))

	resp, err = http.Get(e.url + "/api/files/nope")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestUploadsOver20MBAreRefusedWithAMessage(t *testing.T) {
	e := newEnv(t)
	status, out := e.upload(t, e.user, "big.bin", make([]byte, botapi.MaxUploadSize+1), nil)
	assert.Equal(t, http.StatusRequestEntityTooLarge, status)
	assert.Equal(t, "The file is larger than 20 MB: the sandbox keeps files of up to 20 MB.", out["error"])

	status, out = e.upload(t, e.user, "empty.txt", nil, nil)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, out["error"], "empty")
	assert.Empty(t, e.pendingUpdates(t))
}

func TestAPictureCanBeSentAsAFile(t *testing.T) {
	e := newEnv(t)
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	status, out := e.upload(t, e.user, "pic.gif", gif, map[string]string{"as_file": "true"})
	require.Equal(t, http.StatusOK, status, out)
	ups := e.pendingUpdates(t)
	require.Len(t, ups, 1)
	assert.Nil(t, ups[0].Message.Animation)
	require.NotNil(t, ups[0].Message.Document)
	assert.Equal(t, "image/gif", ups[0].Message.Document.MimeType)
}

func TestPressingAButtonIsACallbackQuery(t *testing.T) {
	e := newEnv(t)
	menu, err := e.bot.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: e.user.ID, Text: "menu",
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Help", CallbackData: "1|h"}}}}})
	require.NoError(t, err)

	body := fmt.Sprintf(`{"message_id":%d,"data":"1|h"}`, menu.ID)
	status, out := e.post(t, fmt.Sprintf("/api/chats/%d/press", e.user.ID), "application/json", strings.NewReader(body))
	require.Equal(t, http.StatusOK, status, out)

	ups := e.pendingUpdates(t)
	require.Len(t, ups, 1)
	q := ups[0].CallbackQuery
	require.NotNil(t, q)
	assert.Equal(t, "1|h", q.Data)
	assert.Equal(t, e.user, q.From)
	assert.Equal(t, "menu", q.Message.Message.Text)
}

// stream follows the page's live stream of a chat.
type stream struct{ r *bufio.Reader }

func (e *env) follow(t *testing.T, user models.User) *stream {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx(t), http.MethodGet, fmt.Sprintf("%s/api/chats/%d/events", e.url, user.ID), nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	t.Cleanup(func() { resp.Body.Close() })
	return &stream{r: bufio.NewReader(resp.Body)}
}

// next reads the next event that is not a status, as name and data.
func (s *stream) next(t *testing.T) (string, string) {
	t.Helper()
	for {
		name, data := "", ""
		for {
			line, err := s.r.ReadString('\n')
			require.NoError(t, err)
			line = strings.TrimRight(line, "\n")
			if line == "" && data != "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "event: "); ok {
				name = v
			}
			if v, ok := strings.CutPrefix(line, "data: "); ok {
				data = v
			}
		}
		if name != "status" {
			return name, data
		}
	}
}

func TestThePageSeesTheChatLive(t *testing.T) {
	e := newEnv(t)
	e.say(t, e.user, "/start")
	s := e.follow(t, e.user)

	name, data := s.next(t)
	assert.Equal(t, "history", name)
	var history struct{ Messages []models.Message }
	require.NoError(t, json.Unmarshal([]byte(data), &history))
	require.Len(t, history.Messages, 1)
	assert.Equal(t, "/start", history.Messages[0].Text)

	greeting, err := e.bot.SendMessage(ctx(t), &bot.SendMessageParams{ChatID: e.user.ID, Text: "Hi, Alice!"})
	require.NoError(t, err)
	_, data = s.next(t)
	var ev botapi.Event
	require.NoError(t, json.Unmarshal([]byte(data), &ev))
	assert.Equal(t, botapi.EventMessage, ev.Type)
	assert.Equal(t, "Hi, Alice!", ev.Message.Text)
	assert.True(t, ev.Message.From.IsBot)

	_, err = e.bot.EditMessageText(ctx(t), &bot.EditMessageTextParams{ChatID: e.user.ID, MessageID: greeting.ID, Text: "Hello again"})
	require.NoError(t, err)
	_, data = s.next(t)
	require.NoError(t, json.Unmarshal([]byte(data), &ev))
	assert.Equal(t, botapi.EventEdit, ev.Type)
	assert.Equal(t, "Hello again", ev.Message.Text)

	e.say(t, sandbox.Users[1], "Bob's message is not in Alice's chat")
	e.say(t, e.user, "mine")
	_, data = s.next(t)
	require.NoError(t, json.Unmarshal([]byte(data), &ev))
	assert.Equal(t, "mine", ev.Message.Text)
}

func TestStopEndsTheLiveStreams(t *testing.T) {
	api := sandbox.NewAPI()
	s := sandbox.New(sandbox.Config{Addr: "127.0.0.1:0", FilesDir: t.TempDir()}, api, zaptest.NewLogger(t))
	require.NoError(t, s.Start(ctx(t)))
	resp, err := http.Get(s.URL() + "/api/chats/1001/events")
	require.NoError(t, err)
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	_, err = r.ReadString('\n')
	require.NoError(t, err, "the stream is open")

	require.NoError(t, s.Stop(ctx(t)))
	_, err = io.ReadAll(r)
	assert.NoError(t, err, "the stream ended cleanly")
}

func TestFilesAreKeptOnDiskAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	start := func() (*sandbox.Server, *botapi.Server) {
		api := sandbox.NewAPI()
		s := sandbox.New(sandbox.Config{Addr: "127.0.0.1:0", FilesDir: dir}, api, zaptest.NewLogger(t))
		require.NoError(t, s.Start(ctx(t)))
		return s, api
	}
	first, api := start()
	upd, err := api.Upload(sandbox.Users[0], botapi.Upload{Name: "a.txt", Data: []byte("kept")})
	require.NoError(t, err)
	require.NoError(t, first.Stop(ctx(t)))

	second, api := start()
	defer func() { assert.NoError(t, second.Stop(ctx(t))) }()
	f, ok := api.File(upd.Message.Document.FileID)
	require.True(t, ok)
	assert.Equal(t, "kept", string(f.Data))
	assert.Greater(t, api.SendText(sandbox.Users[0], "x").ID, int64(1_700_000_000_000), "update ids start above an earlier run's")
}

func TestDefaultFilesDirFollowsXDG(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/xdg")
	assert.Equal(t, "/xdg/filekeeper/sandbox", sandbox.DefaultFilesDir())
}

func TestConfigURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080",
		":9000":          "http://127.0.0.1:9000",
		"0.0.0.0:80":     "http://127.0.0.1:80",
		"[::1]:8080":     "http://[::1]:8080",
	} {
		assert.Equal(t, want, sandbox.Config{Addr: addr}.URL(), addr)
	}
	assert.NoError(t, sandbox.CheckAddr("127.0.0.1:8080"))
	assert.Error(t, sandbox.CheckAddr("8080"))
	assert.Error(t, sandbox.CheckAddr("127.0.0.1:0"), "the bot must know the port before the server starts")
}
