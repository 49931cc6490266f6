package updates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/go-telegram/bot/models"
)

// While an update is under way, every getUpdates answers it again (the offset cannot pass it),
// with all those after it: under load most of a batch is updates already held. Decoding an
// update is most of the poller's cost (a callback query carries the whole message its button
// is on, decoded twice by the bot library), so a batch is read as raw updates, each one's id
// read off its first bytes, and only the updates not held yet are decoded.

// getUpdatesResponse is getUpdates' answer, its updates left undecoded.
type getUpdatesResponse struct {
	OK          bool              `json:"ok"`
	Result      []json.RawMessage `json:"result"`
	ErrorCode   int               `json:"error_code"`
	Description string            `json:"description"`
}

// updateID is the update_id of a raw update: read off its start, where Telegram puts it, or
// else by decoding just that field.
func updateID(raw json.RawMessage) (int64, error) {
	if id, ok := peekUpdateID(raw); ok {
		return id, nil
	}
	var u struct {
		ID int64 `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &u); err != nil {
		return 0, fmt.Errorf("decode an update's id: %w", err)
	}
	return u.ID, nil
}

// peekUpdateID reads `{"update_id":<digits>` at the start of raw; false when it starts
// otherwise (then the caller decodes).
func peekUpdateID(raw []byte) (int64, bool) {
	s := bytes.TrimLeft(raw, " \t\r\n")
	s, ok := bytes.CutPrefix(s, []byte("{"))
	if !ok {
		return 0, false
	}
	if s, ok = bytes.CutPrefix(bytes.TrimLeft(s, " \t\r\n"), []byte(`"update_id"`)); !ok {
		return 0, false
	}
	if s, ok = bytes.CutPrefix(bytes.TrimLeft(s, " \t\r\n"), []byte(":")); !ok {
		return 0, false
	}
	s = bytes.TrimLeft(s, " \t\r\n")
	n := 0
	for n < len(s) && n < 19 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n == len(s) || !bytes.ContainsRune([]byte(",} \t\r\n"), rune(s[n])) {
		return 0, false // no digits, a sign, a fraction, an exponent, or too many digits
	}
	id, err := strconv.ParseInt(string(s[:n]), 10, 64)
	return id, err == nil
}

// decodeUpdate decodes one raw update in full.
func decodeUpdate(raw json.RawMessage) (*models.Update, error) {
	u := new(models.Update)
	if err := json.Unmarshal(raw, u); err != nil {
		return nil, fmt.Errorf("decode update: %w", err)
	}
	return u, nil
}
