package flood

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// chatIDOf finds the chat_id of a Bot API request, whichever way its parameters were sent: a
// multipart form (what go-telegram/bot sends), a URL-encoded form, JSON, or the query string.
// "" if it has none.
func chatIDOf(req *http.Request, body []byte) string {
	if id := req.URL.Query().Get("chat_id"); id != "" {
		return id
	}
	mediaType, params, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	switch mediaType {
	case "multipart/form-data":
		return multipartField(body, params["boundary"], "chat_id")
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return ""
		}
		return form.Get("chat_id")
	case "application/json":
		var p struct {
			ChatID json.RawMessage `json:"chat_id"`
		}
		if json.Unmarshal(body, &p) != nil {
			return ""
		}
		var name string
		if json.Unmarshal(p.ChatID, &name) == nil {
			return name // "@channel", or a number sent as a string
		}
		return string(p.ChatID)
	}
	return ""
}

// multipartField is the value of one small field of a multipart body, "" if absent.
func multipartField(body []byte, boundary, name string) string {
	if boundary == "" || !bytes.Contains(body, []byte(name)) {
		return "" // no part can have the name
	}
	// The part as mime/multipart writes a form field (go-telegram/bot's every field), found by
	// its boundary (random, so no part's content can fake it) without parsing the whole body.
	marker := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
	if i := bytes.Index(body, []byte(marker)); i >= 0 {
		rest := body[i+len(marker):]
		if j := bytes.Index(rest, []byte("\r\n--"+boundary)); j >= 0 && j <= 256 {
			return strings.TrimSpace(string(rest[:j]))
		}
	}
	r := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := r.NextPart()
		if err != nil {
			return ""
		}
		if part.FormName() == name {
			value, err := io.ReadAll(io.LimitReader(part, 256))
			if err != nil {
				return ""
			}
			return strings.TrimSpace(string(value))
		}
	}
}

// Method is the Bot API method of a request path, …/bot<token>/<method> (BOT_API_URL may
// have a path of its own): the token never becomes a label, and anything but a method name —
// a file download, …/file/bot<token>/<file_path> — is "other".
func Method(path string) string {
	i := strings.LastIndexByte(path, '/')
	if i < 0 || !strings.Contains(path[:i], "/bot") || strings.Contains(path, "/file/bot") {
		return "other"
	}
	method := path[i+1:]
	if method == "" || strings.IndexFunc(method, func(r rune) bool { return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') }) >= 0 {
		return "other"
	}
	return method
}

// RetryAfter reads parameters.retry_after of a 429 answer, putting the body back for the client.
func RetryAfter(resp *http.Response) int {
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return 0
	}
	var answer struct {
		Parameters struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if json.Unmarshal(body, &answer) == nil && answer.Parameters.RetryAfter > 0 {
		return answer.Parameters.RetryAfter
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
		return s
	}
	return 0
}
