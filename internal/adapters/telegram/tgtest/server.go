// Package tgtest is a stand-in for the Telegram Bot API: an HTTP server that speaks the Bot API's
// protocol closely enough for the real go-telegram/bot client, so adapter and end-to-end tests can
// play the users (SendText, SendDocument, PressButton …) and assert on what the bot did (Calls,
// Messages). It keeps the state Telegram would keep — the update queue with its offset, the chats
// and the bot's messages in them, the files users sent — and answers with Telegram's own errors
// where a real bot must cope with them (message is not modified, BUTTON_DATA_INVALID, 429 …).
package tgtest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Token is a well-formed bot token the stand-in accepts; any other token gets 401.
const Token = "123456789:AAtest-token-for-the-bot-api-stand-in"

// BotID is the bot's user id, the part of Token before the colon.
const BotID int64 = 123456789

// Server is the Bot API stand-in. Its methods are safe for concurrent use.
type Server struct {
	http *httptest.Server
	now  func() time.Time

	mu       sync.Mutex
	bot      models.User
	updates  updateQueue
	chats    map[int64]*chat
	files    map[string]*file // by file_id
	queries  map[string]bool  // callback query id -> answered
	calls    []Call
	faults   map[string][]APIError
	commands map[string][]models.BotCommand // by scope and language
	webhook  webhook
	seq      int64 // source of unique ids (files, callback queries)

	callsChanged chan struct{} // closed and replaced whenever a call is recorded
}

// NewServer starts a stand-in on a local port. Close it when done.
func NewServer() *Server {
	s := &Server{
		now: time.Now,
		bot: models.User{
			ID:        BotID,
			IsBot:     true,
			FirstName: "File Keeper",
			Username:  "filekeeper_test_bot",
		},
		updates:      newUpdateQueue(),
		chats:        map[int64]*chat{},
		files:        map[string]*file{},
		queries:      map[string]bool{},
		faults:       map[string][]APIError{},
		commands:     map[string][]models.BotCommand{},
		callsChanged: make(chan struct{}),
	}
	s.http = httptest.NewServer(s)
	return s
}

// URL is the server's base URL, for bot.WithServerURL.
func (s *Server) URL() string { return s.http.URL }

// Close shuts the server down; long polls in flight end first.
func (s *Server) Close() {
	s.updates.close()
	s.http.Close()
}

// Bot is the bot's own user, as getMe returns it.
func (s *Server) Bot() models.User { return s.bot }

// ServeHTTP answers Bot API requests: POST (or GET) <url>/bot<token>/<method>.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	token, method, ok := splitPath(r.URL.Path)
	if !ok {
		writeError(w, errNotFound)
		return
	}
	if token != Token {
		writeError(w, errUnauthorized)
		return
	}
	p, err := parseParams(r)
	if err != nil {
		writeError(w, *badRequest(err.Error()))
		return
	}
	name, h := lookup(method)
	if name == "getUpdates" {
		s.serveGetUpdates(w, r, p)
		return
	}
	result, apiErr := s.call(name, p, h)
	if apiErr != nil {
		writeError(w, *apiErr)
		return
	}
	writeResult(w, result)
}

// call runs one method under the lock and records it, with its error if it failed.
func (s *Server) call(name string, p params, h handler) (any, *APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var result any
	apiErr := s.takeFault(name)
	if apiErr == nil {
		if h == nil {
			apiErr = &errNotFound
		} else {
			result, apiErr = h(s, p)
		}
	}
	s.record(name, p, apiErr)
	return result, apiErr
}

// splitPath splits "/bot<token>/<method>" (also "/bot<token>/test/<method>").
func splitPath(path string) (token, method string, ok bool) {
	rest, found := strings.CutPrefix(path, "/bot")
	if !found {
		return "", "", false
	}
	token, method, found = strings.Cut(rest, "/")
	method = strings.TrimPrefix(method, "test/")
	if !found || method == "" || strings.Contains(method, "/") {
		return "", "", false
	}
	return token, method, true
}

func (s *Server) date() int { return int(s.now().Unix()) }

// nextSeq is a fresh number for ids that must be unique across the server.
func (s *Server) nextSeq() int64 {
	s.seq++
	return s.seq
}
