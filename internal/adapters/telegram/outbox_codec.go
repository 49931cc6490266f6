package telegram

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// A reply is recorded in the outbox as this JSON, versioned: it holds what each action sends, as
// data. What an action does once sent (record a prompt's message, a renamed file's new file id, a
// file id got from the storage copy) is a closure over the router, bound again from that data
// when a sweep decodes the reply (Router.bind).

// outboxVersion is the format of a recorded reply; a reply of another format is not sent again.
const outboxVersion = 1

type wireReply struct {
	V       int          `json:"v"`
	Actions []wireAction `json:"actions"`
}

// wireAction is one action; Op says which, and only its fields are set.
type wireAction struct {
	Op       string                       `json:"op"` // send, edit, drop, answer, file, album, none
	Chat     int64                        `json:"chat,omitempty"`
	Msg      int                          `json:"msg,omitempty"`
	ReplyTo  int                          `json:"reply_to,omitempty"`
	Text     string                       `json:"text,omitempty"`
	Keyboard *models.InlineKeyboardMarkup `json:"kb,omitempty"`
	After    *afterSend                   `json:"after,omitempty"`
	Callback string                       `json:"callback,omitempty"`
	Alert    bool                         `json:"alert,omitempty"`
	Files    []wireFile                   `json:"files,omitempty"`
	Protect  bool                         `json:"protect,omitempty"`
	Lost     string                       `json:"lost,omitempty"` // what is said if the file cannot be sent at all
}

// wireFile is what sending a file needs of it.
type wireFile struct {
	ID             int64       `json:"id"`
	OwnerID        int64       `json:"owner"`
	TelegramFileID string      `json:"tg_id"`
	UniqueID       string      `json:"unique,omitempty"`
	Name           string      `json:"name,omitempty"`
	MIMEType       string      `json:"mime,omitempty"`
	Size           int64       `json:"size,omitempty"`
	Kind           domain.Kind `json:"kind,omitempty"`
	Carrier        domain.Kind `json:"carrier"`
	Caption        string      `json:"caption,omitempty"`
	RenamePending  bool        `json:"rename,omitempty"`
	BotID          int64       `json:"bot,omitempty"`
	CopyChat       int64       `json:"copy_chat,omitempty"`
	CopyMessage    int64       `json:"copy_msg,omitempty"`
}

func toWireFile(f domain.File) wireFile {
	return wireFile{ID: f.ID, OwnerID: f.OwnerID, TelegramFileID: f.TelegramFileID, UniqueID: f.UniqueID, Name: f.Name,
		MIMEType: f.MIMEType, Size: f.Size, Kind: f.Kind, Carrier: f.Carrier, Caption: f.Caption, RenamePending: f.RenamePending,
		BotID: f.BotID, CopyChat: f.Copy.ChatID, CopyMessage: f.Copy.MessageID}
}

func (w wireFile) file() domain.File {
	return domain.File{ID: w.ID, OwnerID: w.OwnerID, TelegramFileID: w.TelegramFileID, UniqueID: w.UniqueID, Name: w.Name,
		MIMEType: w.MIMEType, Size: w.Size, Kind: w.Kind, Carrier: w.Carrier, Caption: w.Caption, RenamePending: w.RenamePending,
		BotID: w.BotID, Copy: domain.StorageCopy{ChatID: w.CopyChat, MessageID: w.CopyMessage}}
}

// durable reports whether a reply has anything a sweep could still send: an inline query's answer
// alone has not (Telegram takes it only within seconds of the query, well inside the lease).
func (r Reply) durable() bool {
	for _, a := range r.actions {
		if _, inline := a.(answerInline); !inline {
			return true
		}
	}
	return false
}

// encodeReply is r as the outbox keeps it. An inline answer is kept as "none" (done by a sweep:
// see durable), so the actions keep their places.
func encodeReply(r Reply) ([]byte, error) {
	w := wireReply{V: outboxVersion, Actions: make([]wireAction, len(r.actions))}
	for i, a := range r.actions {
		wa, err := encodeAction(a)
		if err != nil {
			return nil, fmt.Errorf("encode the reply's action %d (%s): %w", i, a.name(), err)
		}
		w.Actions[i] = wa
	}
	return json.Marshal(w)
}

func encodeAction(a action) (wireAction, error) {
	switch a := a.(type) {
	case sendText:
		return wireAction{Op: "send", Chat: a.chatID, ReplyTo: a.replyTo, Text: a.view.Text, Keyboard: a.view.Keyboard, After: a.after}, nil
	case editText:
		return wireAction{Op: "edit", Chat: a.chatID, Msg: a.msgID, Text: a.view.Text, Keyboard: a.view.Keyboard}, nil
	case dropKeyboard:
		return wireAction{Op: "drop", Chat: a.chatID, Msg: a.msgID}, nil
	case answerCallback:
		return wireAction{Op: "answer", Callback: a.id, Text: a.text, Alert: a.alert}, nil
	case answerInline, nothing:
		return wireAction{Op: "none"}, nil
	case sendFile:
		w := wireAction{Op: "file", Chat: a.chatID, Keyboard: a.keyboard, Protect: a.protect, Files: []wireFile{toWireFile(a.file)}}
		if a.storage != nil {
			w.Lost = a.storage.lost.Text
		}
		return w, nil
	case sendAlbum:
		w := wireAction{Op: "album", Chat: a.chatID, Protect: a.protect, Files: make([]wireFile, len(a.files))}
		for i, f := range a.files {
			w.Files[i] = toWireFile(f)
		}
		return w, nil
	}
	return wireAction{}, fmt.Errorf("an action of type %T has no encoding", a)
}

var errUnknownFormat = errors.New("a reply of an unknown format")

// decodeReply is the reply recorded as payload, its closures not bound yet (Router.bind).
func decodeReply(payload []byte) (Reply, error) {
	var w wireReply
	if err := json.Unmarshal(payload, &w); err != nil {
		return Reply{}, fmt.Errorf("decode a recorded reply: %w", err)
	}
	if w.V != outboxVersion {
		return Reply{}, fmt.Errorf("decode a recorded reply: version %d: %w", w.V, errUnknownFormat)
	}
	r := Reply{actions: make([]action, len(w.Actions))}
	for i, wa := range w.Actions {
		a, err := wa.action()
		if err != nil {
			return Reply{}, fmt.Errorf("decode a recorded reply: action %d: %w", i, err)
		}
		r.actions[i] = a
	}
	return r, nil
}

func (w wireAction) action() (action, error) {
	view := views.View{Text: w.Text, Keyboard: w.Keyboard}
	switch w.Op {
	case "send":
		return sendText{chatID: w.Chat, view: view, replyTo: w.ReplyTo, after: w.After}, nil
	case "edit":
		return editText{chatID: w.Chat, msgID: w.Msg, view: view}, nil
	case "drop":
		return dropKeyboard{chatID: w.Chat, msgID: w.Msg}, nil
	case "answer":
		return answerCallback{id: w.Callback, text: w.Text, alert: w.Alert}, nil
	case "none":
		return nothing{}, nil
	case "file":
		if len(w.Files) != 1 {
			return nil, fmt.Errorf("a file action with %d files: %w", len(w.Files), errUnknownFormat)
		}
		s := sendFile{chatID: w.Chat, file: w.Files[0].file(), keyboard: w.Keyboard, protect: w.Protect}
		if w.Lost != "" {
			s.storage = &fromStorage{lost: views.Plain(w.Lost)}
		}
		return s, nil
	case "album":
		files := make([]domain.File, len(w.Files))
		for i, f := range w.Files {
			files[i] = f.file()
		}
		return sendAlbum{chatID: w.Chat, files: files, protect: w.Protect}, nil
	}
	return nil, fmt.Errorf("an action %q: %w", w.Op, errUnknownFormat)
}
