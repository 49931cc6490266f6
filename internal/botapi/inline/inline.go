// Package inline is how Telegram reads a bot's answer to an inline query (answerInlineQuery):
// the results it accepts and refuses, and what the app lists of each.
package inline

import (
	"encoding/json"
	"unicode/utf8"
)

// Telegram's limits on an answer.
const (
	maxResults    = 50   // results one answer may carry
	maxResultID   = 64   // bytes of a result's id
	maxNextOffset = 64   // bytes of next_offset
	maxCaption    = 1024 // characters of a result's caption, as of any caption
	maxText       = 4096 // characters of the message text a result sends, as of any text
)

// Answer is an answer to an inline query, as a Telegram app shows it.
type Answer struct {
	QueryID    string   `json:"query_id"`
	Query      string   `json:"query"`
	Offset     string   `json:"offset"`
	NextOffset string   `json:"next_offset,omitempty"`
	Results    []Result `json:"results"`
}

// Result is one result of an answer: what the app lists, and the file it would send.
type Result struct {
	ID          string `json:"id"`
	Type        string `json:"type"` // photo, document, gif, mpeg4_gif, video, audio, voice, sticker, article
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	Caption     string `json:"caption,omitempty"`
	Text        string `json:"text,omitempty"`    // the message text an article (or input_message_content) sends
	FileID      string `json:"file_id,omitempty"` // the cached file a result sends
	FileName    string `json:"file_name,omitempty"`
}

// Raw is a result as the bot sent it, field by field.
type Raw = map[string]json.RawMessage

// Refusal is an answer Telegram refuses, in Telegram's words (the description after "Bad
// Request: ").
type Refusal string

func (r Refusal) Error() string { return string(r) }

// FileFields name the cached file of each result type, and the kind of file it must be.
var FileFields = map[string]struct{ Field, Kind string }{
	"photo": {"photo_file_id", "photo"}, "document": {"document_file_id", "document"},
	"gif": {"gif_file_id", "animation"}, "mpeg4_gif": {"mpeg4_file_id", "animation"},
	"video": {"video_file_id", "video"}, "audio": {"audio_file_id", "audio"},
	"voice": {"voice_file_id", "voice"}, "sticker": {"sticker_file_id", "sticker"},
}

// Parse reads the results (JSON) and next_offset of an answer to the query queryID, which asked
// query, as Telegram checks them: a Refusal, or the error checkMarkup gives a result's
// reply_markup. It returns the answer and its results as sent, by id.
func Parse(queryID, query, results, nextOffset string, checkMarkup func(raw string) error) (*Answer, map[string]Raw, error) {
	var sent []Raw
	if json.Unmarshal([]byte(results), &sent) != nil {
		return nil, nil, Refusal("can't parse inline query results JSON object")
	}
	if len(sent) > maxResults {
		return nil, nil, Refusal("RESULTS_TOO_MUCH")
	}
	answer := &Answer{QueryID: queryID, Query: query, Results: []Result{}}
	raw := map[string]Raw{}
	for _, r := range sent {
		res := Read(r)
		switch {
		case res.Type == "":
			return nil, nil, Refusal("can't parse inline query result: result type must be non-empty")
		case res.ID == "" || len(res.ID) > maxResultID:
			return nil, nil, Refusal("RESULT_ID_INVALID")
		case raw[res.ID] != nil:
			return nil, nil, Refusal("RESULT_ID_DUPLICATE")
		}
		if err := check(r, checkMarkup); err != nil {
			return nil, nil, err
		}
		raw[res.ID] = r
		answer.Results = append(answer.Results, res)
	}
	if len(nextOffset) > maxNextOffset {
		return nil, nil, Refusal("NEXT_OFFSET_INVALID")
	}
	answer.NextOffset = nextOffset
	return answer, raw, nil
}

// Read is what the app lists of a result, and the file or text it sends.
func Read(r Raw) Result {
	var res Result
	str := func(field string) string {
		var v string
		_ = json.Unmarshal(r[field], &v)
		return v
	}
	res.ID, res.Type = str("id"), str("type")
	res.Title, res.Description, res.Caption = str("title"), str("description"), str("caption")
	if f, ok := FileFields[res.Type]; ok {
		res.FileID = str(f.Field)
	}
	var content struct {
		MessageText string `json:"message_text"`
	}
	_ = json.Unmarshal(r["input_message_content"], &content)
	res.Text = content.MessageText
	return res
}

// check refuses a result Telegram refuses: a caption over 1,024 characters, a message text over
// 4,096, or a keyboard Telegram would refuse under a message.
func check(r Raw, checkMarkup func(raw string) error) error {
	var caption string
	if raw, ok := r["caption"]; ok && json.Unmarshal(raw, &caption) == nil && utf8.RuneCountInString(caption) > maxCaption {
		return Refusal("MEDIA_CAPTION_TOO_LONG")
	}
	var content struct {
		MessageText string `json:"message_text"`
	}
	if raw, ok := r["input_message_content"]; ok && json.Unmarshal(raw, &content) == nil && utf8.RuneCountInString(content.MessageText) > maxText {
		return Refusal("MESSAGE_TOO_LONG")
	}
	if raw, ok := r["reply_markup"]; ok {
		return checkMarkup(string(raw))
	}
	return nil
}
