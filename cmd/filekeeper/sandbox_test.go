package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/pgtest"
	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/config"
	"github.com/filekeeper/filekeeper/internal/sandbox"
)

func TestSandboxWiringGraphIsComplete(t *testing.T) {
	cfg, err := config.Load("testdata/absent.env")
	require.NoError(t, err)
	sb := sandbox.Config{Addr: sandbox.DefaultAddr}
	require.NoError(t, fx.ValidateApp(SandboxOptions(sandboxConfig(cfg, sb, false), sb, zap.NewNop())))
}

func TestSandboxNeedsNoTokenAndSetsARealOneAside(t *testing.T) {
	cfg := config.Config{BotToken: "111111111:AAreal-token-that-must-not-be-used-here", BotAPIURL: "https://api.telegram.org", LogFormat: "json"}
	got := sandboxConfig(cfg, sandbox.Config{Addr: "0.0.0.0:9090"}, false)
	assert.Equal(t, botapi.Token, got.BotToken)
	assert.Equal(t, "http://127.0.0.1:9090", got.BotAPIURL)
	assert.Equal(t, "console", got.LogFormat)
	assert.Equal(t, "json", sandboxConfig(cfg, sandbox.Config{Addr: sandbox.DefaultAddr}, true).LogFormat, "LOG_FORMAT set wins")
}

func TestSandboxSubcommandChecksItsAddress(t *testing.T) {
	t.Setenv("SANDBOX_ADDR", "no-port")
	var stderr bytes.Buffer
	assert.Equal(t, exitUsage, run([]string{"sandbox"}, &stderr))
	assert.Contains(t, stderr.String(), "SANDBOX_ADDR")
	stderr.Reset()
	assert.Equal(t, exitUsage, run([]string{"sandbox", "extra"}, &stderr))
	assert.Contains(t, stderr.String(), "filekeeper sandbox")
}

// page plays the sandbox's web page against the whole application.
type page struct {
	t   *testing.T
	url string
	api *botapi.Server
}

func startSandbox(t *testing.T) *page {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	sb := sandbox.Config{Addr: ln.Addr().String(), FilesDir: t.TempDir()}
	require.NoError(t, ln.Close())
	cfg, err := config.Load("testdata/absent.env")
	require.NoError(t, err)
	cfg.DatabaseURL = pgtest.NewDatabase(t)
	cfg.PollTimeout = 1e9
	cfg = sandboxConfig(cfg, sb, false)
	require.NoError(t, cfg.Validate())

	p := &page{t: t, url: sb.URL()}
	application := fx.New(SandboxOptions(cfg, sb, zaptest.NewLogger(t)), fx.Populate(&p.api))
	require.NoError(t, application.Err())
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	require.NoError(t, application.Start(ctx))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		assert.NoError(t, application.Stop(ctx))
	})
	return p
}

func (p *page) post(path, contentType string, body io.Reader) {
	p.t.Helper()
	resp, err := http.Post(p.url+path, contentType, body)
	require.NoError(p.t, err)
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	require.Equal(p.t, http.StatusOK, resp.StatusCode, string(msg))
}

func (p *page) say(user models.User, text string) int {
	mark := p.api.LastSeq()
	body, _ := json.Marshal(map[string]string{"text": text})
	p.post(fmt.Sprintf("/api/chats/%d/messages", user.ID), "application/json", bytes.NewReader(body))
	return mark
}

func (p *page) upload(user models.User, name string, data []byte) int {
	mark := p.api.LastSeq()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", name)
	require.NoError(p.t, err)
	_, _ = part.Write(data)
	require.NoError(p.t, w.Close())
	p.post(fmt.Sprintf("/api/chats/%d/files", user.ID), w.FormDataContentType(), &body)
	return mark
}

// pressFirst presses, on the newest message of the user's chat that has a keyboard, the button
// whose text contains the first of labels found, as a person looking for it would.
func (p *page) pressFirst(user models.User, labels ...string) (int, string) {
	p.t.Helper()
	msgs := p.api.Messages(user.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].ReplyMarkup == nil {
			continue
		}
		for _, label := range labels {
			for _, row := range msgs[i].ReplyMarkup.InlineKeyboard {
				for _, b := range row {
					if strings.Contains(b.Text, label) {
						mark := p.api.LastSeq()
						body, _ := json.Marshal(map[string]any{"message_id": msgs[i].ID, "data": b.CallbackData})
						p.post(fmt.Sprintf("/api/chats/%d/press", user.ID), "application/json", bytes.NewReader(body))
						return mark, b.Text
					}
				}
			}
		}
		break
	}
	p.t.Fatalf("none of the buttons %q on the newest keyboard of chat %d", labels, user.ID)
	return 0, ""
}

// waitFor waits for a call to the user's chat after mark.
func (p *page) waitFor(mark int, user models.User, match func(botapi.Call) bool) botapi.Call {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	found, seen, err := p.api.AwaitCalls(ctx, 1, func(c botapi.Call) bool {
		return c.Seq > mark && c.Params["chat_id"] == fmt.Sprint(user.ID) && match(c)
	})
	require.NoError(p.t, err, "calls seen:\n%s", botapi.ListCalls(seen))
	return found[0]
}

func saying(text string) func(botapi.Call) bool {
	return func(c botapi.Call) bool {
		return (c.Method == "sendMessage" || c.Method == "editMessageText") && strings.Contains(c.Params["text"], text)
	}
}

// TestTheSandboxRunsTheRealBotBehindThePage walks the browser test's story through the page's
// API: the real bot, PostgreSQL and the sandbox in one application, no token.
func TestTheSandboxRunsTheRealBotBehindThePage(t *testing.T) {
	p := startSandbox(t)
	alice, bob := sandbox.Users[0], sandbox.Users[1]

	p.waitFor(p.say(alice, "/start"), alice, saying("Alice"))
	p.waitFor(p.upload(alice, "notes.txt", []byte("remember the milk")), alice, saying("notes.txt"))

	var sent botapi.Call
	for range 6 {
		mark, pressed := p.pressFirst(alice, "notes.txt", "Get", "All", "My files")
		sent = p.waitFor(mark, alice, func(c botapi.Call) bool {
			return c.Method == "sendDocument" || c.Method == "editMessageText" || c.Method == "sendMessage"
		})
		if sent.Method == "sendDocument" {
			break
		}
		t.Logf("pressed %q", pressed)
	}
	require.Equal(t, "sendDocument", sent.Method, "the file came back")
	resp, err := http.Get(p.url + "/api/files/" + sent.Params["document"])
	require.NoError(t, err)
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "remember the milk", string(data), "the page can show the file the bot sent")

	p.waitFor(p.say(bob, "/files"), bob, saying("empty"))
}
