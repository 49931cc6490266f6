package sandbox_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// crossSite are the ways a browser marks a request that a page of another site made.
var crossSite = map[string]http.Header{
	"Sec-Fetch-Site cross-site":            {"Sec-Fetch-Site": {"cross-site"}},
	"Sec-Fetch-Site same-site":             {"Sec-Fetch-Site": {"same-site"}},
	"an old browser's Origin of elsewhere": {"Origin": {"http://evil.example"}},
	"Origin null (a sandboxed frame)":      {"Origin": {"null"}},
}

func (e *env) do(t *testing.T, method, path string, header http.Header, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(data)
}

func TestAnotherSiteCannotCallTheBotAPI(t *testing.T) {
	e := newEnv(t)
	up, err := e.api.Upload(e.user, botapi.Upload{Name: "a.txt", Data: []byte("secret")})
	require.NoError(t, err)
	f, err := e.bot.GetFile(ctx(t), &bot.GetFileParams{FileID: up.Message.Document.FileID})
	require.NoError(t, err)
	calls := len(e.api.Calls())

	requests := []struct{ method, path, body string }{
		{http.MethodGet, "/bot" + botapi.Token + "/sendMessage?chat_id=1001&text=" + url.QueryEscape("from evil.example"), ""},
		{http.MethodPost, "/bot" + botapi.Token + "/sendMessage", `{"chat_id":1001,"text":"from evil.example"}`},
		{http.MethodPost, "/bot" + botapi.Token + "/setWebhook", `{"url":"https://evil.example/hook"}`},
		{http.MethodGet, "/bot" + botapi.Token + "/getUpdates?offset=999999999999999", ""},
		{http.MethodGet, "/file/bot" + botapi.Token + "/" + f.FilePath, ""},
	}
	for how, header := range crossSite {
		for _, r := range requests {
			t.Run(how+" "+r.method+" "+strings.TrimPrefix(r.path, "/bot"+botapi.Token), func(t *testing.T) {
				resp, body := e.do(t, r.method, r.path, header, r.body)
				assert.Equal(t, http.StatusForbidden, resp.StatusCode)
				assert.Contains(t, body, "only from its own page")
				assert.NotContains(t, body, "secret")
			})
		}
	}
	assert.Len(t, e.api.Calls(), calls, "no request from another site reached the Bot API")
	assert.Empty(t, e.api.Messages(e.user.ID), "the bot sent nothing into Alice's chat")
	assert.Len(t, e.pendingUpdates(t), 1, "the upload's update is still there: the forged offset confirmed nothing")

	t.Run("the bot itself, and the page's own origin, still get through", func(t *testing.T) {
		_, err := e.bot.GetMe(ctx(t))
		require.NoError(t, err)
		for _, header := range []http.Header{{"Sec-Fetch-Site": {"same-origin"}}, {"Origin": {e.url}}, {"Sec-Fetch-Site": {"none"}}} {
			resp, _ := e.do(t, http.MethodGet, "/bot"+botapi.Token+"/getMe", header, "")
			assert.Equal(t, http.StatusOK, resp.StatusCode, header)
		}
	})
}

func TestAnotherSiteCannotActInTheChats(t *testing.T) {
	e := newEnv(t)
	actions := map[string]string{
		"/api/chats/1001/messages":      `{"text":"/start"}`,
		"/api/chats/1001/press":         `{"message_id":1,"data":"1|h"}`,
		"/api/chats/1001/files":         ``,
		"/api/chats/1001/inline":        `{"query":"report"}`,
		"/api/chats/1001/inline/choose": `{"query_id":"1","result_id":"1"}`,
	}
	for how, header := range crossSite {
		for path, body := range actions {
			t.Run(how+" "+path, func(t *testing.T) {
				resp, text := e.do(t, http.MethodPost, path, header, body)
				assert.Equal(t, http.StatusForbidden, resp.StatusCode)
				var problem map[string]string
				require.NoError(t, json.Unmarshal([]byte(text), &problem), "the refusal is the page's JSON problem")
				assert.Contains(t, problem["error"], "only from its own page")
			})
		}
	}
	assert.Empty(t, e.pendingUpdates(t))
}

func TestAnotherHostNameIsRefused(t *testing.T) {
	e := newEnv(t)
	// DNS rebinding: another site's name, pointed at 127.0.0.1, would make its pages same-origin.
	for _, path := range []string{"/", "/api/users", "/bot" + botapi.Token + "/getMe"} {
		req, err := http.NewRequest(http.MethodGet, e.url+path, nil)
		require.NoError(t, err)
		req.Host = "evil.example:80"
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusMisdirectedRequest, resp.StatusCode, path)
	}
	for _, host := range []string{"localhost", "127.0.0.1", "[::1]:8080", "192.168.1.20:8080"} {
		req, err := http.NewRequest(http.MethodGet, e.url+"/api/users", nil)
		require.NoError(t, err)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, host)
	}
}

func TestFilesSomeoneSentNeverRunOnThePagesOrigin(t *testing.T) {
	e := newEnv(t)
	picture := pngBytes(t)
	for _, c := range []struct {
		name, mimeType string
		data           []byte
		wantType       string
		inline         bool
	}{
		{"evil.html", "text/html", []byte("<script>fetch('/api/chats/1001/messages')</script>"), "application/octet-stream", false},
		{"evil.htm", "", []byte("<html><script>alert(1)</script>"), "application/octet-stream", false},
		{"evil.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "application/octet-stream", false},
		{"evil.xhtml", "", []byte(`<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`), "application/octet-stream", false},
		{"evil.js", "", []byte("alert(1)"), "application/octet-stream", false},
		{"no-extension", "", []byte("<!DOCTYPE html><script>alert(1)</script>"), "application/octet-stream", false},
		{"notes.txt", "", []byte("plain"), "application/octet-stream", false},
		{"pic.png", "", picture, "image/png", true},
		{"voice.ogg", "audio/ogg", []byte("OggS\x00fake"), "audio/ogg", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			up, err := e.api.Upload(e.user, botapi.Upload{Name: c.name, MIMEType: c.mimeType, Data: c.data, AsFile: true})
			require.NoError(t, err)
			fileID := up.Message.Document.FileID
			f, err := e.bot.GetFile(ctx(t), &bot.GetFileParams{FileID: fileID})
			require.NoError(t, err)

			for via, path := range map[string]string{
				"the page's file link":   "/api/files/" + fileID,
				"the Bot API's download": "/file/bot" + botapi.Token + "/" + f.FilePath,
			} {
				resp, body := e.do(t, http.MethodGet, path, nil, "")
				require.Equal(t, http.StatusOK, resp.StatusCode, via)
				assert.Equal(t, string(c.data), body, via)
				assert.Equal(t, c.wantType, resp.Header.Get("Content-Type"), via)
				assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), via)
				disposition := resp.Header.Get("Content-Disposition")
				if c.inline && via == "the page's file link" {
					assert.True(t, strings.HasPrefix(disposition, "inline"), "%s: a picture is shown: %s", via, disposition)
				} else {
					assert.True(t, strings.HasPrefix(disposition, "attachment"), "%s: %s", via, disposition)
				}
				assert.NotContains(t, resp.Header.Get("Content-Type"), "html", via)
			}
		})
	}
	t.Run("every type but pictures, sound and video is served as bytes", func(t *testing.T) {
		for _, typ := range []string{"text/html", "text/html; charset=utf-8", "TEXT/HTML", "image/svg+xml", "application/xhtml+xml",
			"text/xml", "application/xml", "text/javascript", "application/pdf", "text/plain", "multipart/x-mixed-replace", "", "bogus"} {
			assert.Equal(t, "application/octet-stream", botapi.SafeContentType(typ), typ)
		}
		for _, typ := range []string{"image/jpeg", "image/png", "image/gif", "image/webp", "audio/ogg", "audio/mpeg", "video/mp4", "video/webm"} {
			assert.Equal(t, typ, botapi.SafeContentType(typ), typ)
		}
	})
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 4, 4))))
	return buf.Bytes()
}
