package flood

import (
	"bytes"
	"mime/multipart"
	"net/textproto"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// form is a multipart body of fields, as mime/multipart (and so go-telegram/bot) writes it, or
// with each field's header written otherwise when plain is false.
func form(t *testing.T, plain bool, fields ...string) ([]byte, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for i := 0; i < len(fields); i += 2 {
		if plain {
			require.NoError(t, w.WriteField(fields[i], fields[i+1]))
			continue
		}
		part, err := w.CreatePart(textproto.MIMEHeader{"Content-Disposition": {`form-data; name=` + fields[i]}, "X-Other": {"1"}})
		require.NoError(t, err)
		_, err = part.Write([]byte(fields[i+1]))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return b.Bytes(), w.Boundary()
}

func TestTheChatOfAMultipartFormIsFoundHoweverItsPartIsWritten(t *testing.T) {
	for _, plain := range []bool{true, false} {
		body, boundary := form(t, plain, "text", "hello", "chat_id", "12345", "reply_markup", `{"inline_keyboard":[]}`)
		assert.Equal(t, "12345", multipartField(body, boundary, "chat_id"), "plain %v", plain)
	}
	// A caption that looks like the field, without the request's boundary, is only a caption.
	fake := "--x\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n666\r\n--x"
	body, boundary := form(t, true, "caption", fake, "chat_id", "42")
	assert.Equal(t, "42", multipartField(body, boundary, "chat_id"))
	body, boundary = form(t, true, "callback_query_id", "7", "text", "ok")
	assert.Empty(t, multipartField(body, boundary, "chat_id"), "none")
}
