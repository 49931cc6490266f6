package botapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// params are a request's fields as raw strings: form values as sent, and in a JSON body strings
// unquoted and everything else (numbers, objects, arrays) as its JSON text — the same shape a
// multipart request from go-telegram/bot has.
type params map[string]string

// maxBody bounds a request body; uploads of a test are small.
const maxBody = 64 << 20

// parseParams reads the query string and then the body: multipart/form-data,
// application/x-www-form-urlencoded or application/json.
func parseParams(r *http.Request) (params, error) {
	p := params{}
	for k, v := range r.URL.Query() {
		p[k] = v[0]
	}
	if r.Body == nil {
		return p, nil
	}
	// go-telegram/bot sends a method without parameters (getMe) as an empty body that claims to
	// be multipart: read the body first and treat an empty one as no fields.
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return p, nil
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return nil, fmt.Errorf("bad Content-Type: %w", err)
	}
	switch mediaType {
	case "multipart/form-data":
		return p, parseMultipart(r, p)
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, v := range r.PostForm {
			p[k] = v[0]
		}
		return p, nil
	case "application/json":
		return p, parseJSON(body, p)
	}
	return p, nil // a body of another type carries no fields Telegram would read
}

func parseMultipart(r *http.Request, p params) error {
	if err := r.ParseMultipartForm(maxBody); err != nil {
		return err
	}
	for k, v := range r.MultipartForm.Value {
		p[k] = v[0]
	}
	for k, fhs := range r.MultipartForm.File {
		data, err := readPart(fhs[0].Open)
		if err != nil {
			return err
		}
		p[k] = attachPrefix + fhs[0].Filename
		p[uploadKey(k)] = string(data)
	}
	return nil
}

func readPart[F io.ReadCloser](open func() (F, error)) ([]byte, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// An uploaded file's field holds "attach://<file name>", the way Telegram refers to attachments,
// and its content is kept under uploadKey(field), which no Bot API field can collide with.
const attachPrefix = "attach://"

func uploadKey(field string) string { return "\x00upload:" + field }

func parseJSON(data []byte, p params) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return errors.New("can't parse JSON object")
	}
	for k, raw := range fields {
		var s string
		switch {
		case string(raw) == "null":
			continue
		case json.Unmarshal(raw, &s) == nil:
			p[k] = s
		default:
			p[k] = string(raw)
		}
	}
	return nil
}

// int64 reads an integer field; a missing field is 0.
func (p params) int64(name string) (int64, error) {
	v, ok := p[name]
	if !ok || v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("field %q must be an integer", name)
	}
	return n, nil
}

// bool reads a boolean field the way Telegram does: "true" or "1".
func (p params) bool(name string) bool {
	v := strings.ToLower(p[name])
	return v == "true" || v == "1"
}

// upload returns an uploaded file's name and content, if field carried one.
func (p params) upload(field string) (name string, data []byte, ok bool) {
	content, ok := p[uploadKey(field)]
	if !ok {
		return "", nil, false
	}
	return strings.TrimPrefix(p[field], attachPrefix), []byte(content), true
}

// public drops the internal upload keys, for Call.Params.
func (p params) public() map[string]string {
	out := make(map[string]string, len(p))
	for k, v := range p {
		if !strings.HasPrefix(k, "\x00") {
			out[k] = v
		}
	}
	return out
}
