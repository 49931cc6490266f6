package telegram

import (
	"errors"
	"strconv"
	"strings"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Callback data is a tiny versioned codec: "<version>|<action>[|arg...]", at most 64 bytes as
// Telegram requires. Ids are base 36. A button that does not decode (an old version, a forged
// payload) is answered politely, never trusted: every id it carries is checked by the use cases.
const (
	callbackVersion = "1"
	maxCallbackLen  = 64
)

// Action is what a button asks for.
type Action string

// The actions of the buttons.
const (
	ActMenu   Action = "m" // main menu
	ActUpload Action = "u" // how to upload
	ActHelp   Action = "h" // help
	ActKinds  Action = "k" // the kinds menu of My files
	ActList   Action = "l" // a page of a list: kind, cursor
	ActFile   Action = "f" // send a file back: file id
)

// Callback is a decoded button payload.
type Callback struct {
	Action Action
	Kind   domain.Kind   // ActList: "" for all kinds
	Cursor domain.Cursor // ActList
	FileID int64         // ActFile
}

var errBadCallback = errors.New("malformed callback data")

var kindCodes = map[domain.Kind]string{
	"": "a", domain.KindDocument: "d", domain.KindPhoto: "p", domain.KindVideo: "v",
	domain.KindAudio: "s", domain.KindVoice: "o", domain.KindAnimation: "g", domain.KindVideoNote: "n",
}

var kindsByCode = func() map[string]domain.Kind {
	m := make(map[string]domain.Kind, len(kindCodes))
	for k, c := range kindCodes {
		m[c] = k
	}
	return m
}()

// EncodeCallback renders c as callback data.
func EncodeCallback(c Callback) string {
	parts := []string{callbackVersion, string(c.Action)}
	switch c.Action {
	case ActList:
		dir := "n"
		if c.Cursor.Backward {
			dir = "p"
		}
		parts = append(parts, kindCodes[c.Kind], dir, strconv.FormatInt(c.Cursor.ID, 36))
	case ActFile:
		parts = append(parts, strconv.FormatInt(c.FileID, 36))
	}
	return strings.Join(parts, "|")
}

// DecodeCallback parses callback data made by EncodeCallback.
func DecodeCallback(data string) (Callback, error) {
	if len(data) > maxCallbackLen {
		return Callback{}, errBadCallback
	}
	parts := strings.Split(data, "|")
	if len(parts) < 2 || parts[0] != callbackVersion {
		return Callback{}, errBadCallback
	}
	c := Callback{Action: Action(parts[1])}
	args := parts[2:]
	switch c.Action {
	case ActMenu, ActUpload, ActHelp, ActKinds:
		if len(args) != 0 {
			return Callback{}, errBadCallback
		}
	case ActList:
		return decodeList(c, args)
	case ActFile:
		if len(args) != 1 {
			return Callback{}, errBadCallback
		}
		id, err := parseID(args[0])
		if err != nil || id == 0 {
			return Callback{}, errBadCallback
		}
		c.FileID = id
	default:
		return Callback{}, errBadCallback
	}
	return c, nil
}

func decodeList(c Callback, args []string) (Callback, error) {
	if len(args) != 3 {
		return Callback{}, errBadCallback
	}
	kind, ok := kindsByCode[args[0]]
	if !ok || (args[1] != "n" && args[1] != "p") {
		return Callback{}, errBadCallback
	}
	id, err := parseID(args[2])
	if err != nil {
		return Callback{}, errBadCallback
	}
	c.Kind = kind
	c.Cursor = domain.Cursor{ID: id, Backward: args[1] == "p"}
	return c, nil
}

// parseID accepts only the canonical base-36 form, so every payload has one encoding.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 36, 64)
	if err != nil || id < 0 || strconv.FormatInt(id, 36) != s {
		return 0, errBadCallback
	}
	return id, nil
}
