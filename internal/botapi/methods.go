package botapi

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// handler answers one Bot API method; it runs under s.mu and returns the result or an error.
type handler func(s *Server, p params) (any, *APIError)

// methods are the Bot API methods the stand-in speaks, by lowercase name (Telegram ignores the
// case of method names). getUpdates is served apart, outside the lock, since it waits.
var methods = index(map[string]handler{
	"getUpdates":             nil,
	"getMe":                  getMe,
	"setMyCommands":          setMyCommands,
	"getMyCommands":          getMyCommands,
	"deleteMyCommands":       deleteMyCommands,
	"setWebhook":             setWebhook,
	"deleteWebhook":          deleteWebhook,
	"getWebhookInfo":         getWebhookInfo,
	"sendMessage":            sendMessage,
	"editMessageText":        editMessageText,
	"editMessageCaption":     editMessageCaption,
	"editMessageReplyMarkup": editMessageReplyMarkup,
	"deleteMessage":          deleteMessage,
	"answerCallbackQuery":    answerCallbackQuery,
	"answerInlineQuery":      answerInlineQuery,
	"sendDocument":           sendFile("document", "animation"),
	"sendPhoto":              sendFile("photo"),
	"sendVideo":              sendFile("video"),
	"sendAudio":              sendFile("audio"),
	"sendVoice":              sendFile("voice"),
	"sendAnimation":          sendFile("animation"),
	"sendVideoNote":          sendFile("video_note"),
	"sendMediaGroup":         sendMediaGroup,
	"sendSticker":            sendFile("sticker"),
	"getFile":                getFile,
	"copyMessage":            copyMessage,
	"forwardMessage":         forwardMessage,
	"getChat":                getChat,
	"getChatMember":          getChatMember,
})

type method struct {
	name string
	h    handler
}

func index(byName map[string]handler) map[string]method {
	out := make(map[string]method, len(byName))
	for name, h := range byName {
		out[strings.ToLower(name)] = method{name, h}
	}
	return out
}

// lookup returns a method's canonical name and handler; an unknown method keeps its name and
// has no handler (404).
func lookup(method string) (string, handler) {
	m, ok := methods[strings.ToLower(method)]
	if !ok {
		return method, nil
	}
	return m.name, m.h
}

func getMe(s *Server, _ params) (any, *APIError) { return s.bot, nil }

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func setMyCommands(s *Server, p params) (any, *APIError) {
	var cmds []models.BotCommand
	if json.Unmarshal([]byte(p["commands"]), &cmds) != nil {
		return nil, badRequest("can't parse commands JSON array")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands specified")
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(c.Description); n == 0 || n > 256 {
			return nil, badRequest("command description must be non-empty and at most 256 characters")
		}
	}
	s.commands[commandsKey(p)] = cmds
	return true, nil
}

func getMyCommands(s *Server, p params) (any, *APIError) {
	cmds := s.commands[commandsKey(p)]
	if cmds == nil {
		cmds = []models.BotCommand{}
	}
	return cmds, nil
}

func deleteMyCommands(s *Server, p params) (any, *APIError) {
	delete(s.commands, commandsKey(p))
	return true, nil
}

// commandsKey tells command lists apart by scope type and language.
func commandsKey(p params) string {
	var scope struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal([]byte(p["scope"]), &scope)
	if scope.Type == "" {
		scope.Type = "default"
	}
	return scope.Type + "/" + p["language_code"]
}

// Commands is the command list set for the default scope and language.
func (s *Server) Commands() []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]models.BotCommand(nil), s.commands["default/"]...)
}
