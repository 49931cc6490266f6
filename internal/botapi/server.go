// Package botapi is a local Telegram Bot API server: an http.Handler that speaks the Bot API's
// HTTP protocol closely enough for the real go-telegram/bot client, with no token from
// @BotFather and no network. The end-to-end tests (through tgtest) and `filekeeper sandbox` both
// run the bot against it, so what the tests prove is what a person sees in the sandbox.
//
// It keeps the state Telegram would keep — the update queue with its offsets, the chats and the
// messages in them, the channels and groups and which bot is in each, the files users and the
// bot sent (their bytes too, for getFile and the download path; their file_ids per bot), the
// webhook — and answers with Telegram's own errors where a real bot must cope with them (message
// is not modified, BUTTON_DATA_INVALID, a too-long text, 429 with retry_after under the optional
// flood limits, a file_id another bot received …). Users are played through Send, SendText,
// Upload and PressButton; what the bot did is read back through Calls and Messages, or watched
// live with Watch. ChangeBot plays moving to another bot.
package botapi

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/files"
	"github.com/filekeeper/filekeeper/internal/botapi/flood"
	"github.com/filekeeper/filekeeper/internal/botapi/queue"
)

// Token is the bot token the server accepts; any other token gets 401.
const Token = "123456789:AAtest-token-for-the-bot-api-stand-in"

// BotID is the bot's user id, the part of Token before the colon.
const BotID int64 = 123456789

// Options tune a Server; the zero value is a server for tests: no flood limits, the real clock.
type Options struct {
	// Now is the clock (dates of messages, flood windows); nil is time.Now.
	Now func() time.Time
	// Flood limits outgoing messages; zero limits are off.
	Flood FloodLimits
	// MaxStorage bounds the bytes of file content kept in memory; 0 is DefaultMaxStorage.
	MaxStorage int64
	// Webhook tunes the delivery of updates to a webhook set with setWebhook.
	Webhook WebhookOptions
	// KeepCalls is how many of the newest calls Calls remembers; 0 keeps every one (a test's
	// few), a long-running sandbox keeps a bounded number.
	KeepCalls int
	// KeepMessages is how many of the newest messages each chat keeps; older ones are forgotten,
	// as if deleted (no edit, reply or delete can reach them). 0 keeps every one; a load
	// generator keeps a bounded number so a long run does not fill the memory.
	KeepMessages int
	// FirstUpdateID is the update_id of the first update; 0 is 1. A bot records the ids it
	// handled, so a server that restarts in front of the same database must start above them.
	FirstUpdateID int64
	// Confirmed, when set, is told the id of each update as it leaves the queue handled: passed
	// by a getUpdates offset, or answered 2xx by the webhook. It runs under the queue's lock, so
	// it must be quick and must not call the server. Load generators time updates with it.
	Confirmed func(updateID int64)
}

// DefaultMaxStorage is the file content a server keeps unless told otherwise.
const DefaultMaxStorage = 512 << 20

// Server is the local Bot API. Its methods are safe for concurrent use.
type Server struct {
	now     func() time.Time
	flood   *flood.Control
	hookOpt WebhookOptions

	mu        sync.Mutex
	token     string      // the running bot's; ChangeBot replaces it
	bot       models.User // the running bot, getMe's answer
	updates   *queue.Queue
	chats     map[int64]*chat
	files     *files.Store      // every file, by file_id, and its content
	queries   map[string]*query // callback queries by id
	inline    map[string]*inlineQuery
	calls     []Call
	callCount int // calls ever recorded, the Seq of the newest
	keepCalls int
	keepMsgs  int
	faults    map[string][]APIError
	blocked   map[int64]bool                 // chats whose user blocked the bot (Block)
	commands  map[string][]models.BotCommand // by scope and language
	webhook   webhook
	watchers  map[int64][]*watcher // by chat id
	seq       int64                // source of unique ids (files, callback queries)
	closed    bool

	callsChanged chan struct{} // closed and replaced whenever a call is recorded
}

// New makes a Server. It serves nothing until mounted (ServeHTTP); Close it when done.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxStorage <= 0 {
		opts.MaxStorage = DefaultMaxStorage
	}
	return &Server{
		now:          opts.Now,
		flood:        flood.New(opts.Flood),
		hookOpt:      opts.Webhook.WithDefaults(),
		token:        Token,
		bot:          botUser(BotID, "filekeeper_test_bot"),
		updates:      queue.New(max(opts.FirstUpdateID, 1), opts.Confirmed),
		chats:        map[int64]*chat{},
		files:        files.NewStore(opts.MaxStorage),
		keepCalls:    opts.KeepCalls,
		keepMsgs:     opts.KeepMessages,
		queries:      map[string]*query{},
		inline:       map[string]*inlineQuery{},
		faults:       map[string][]APIError{},
		blocked:      map[int64]bool{},
		commands:     map[string][]models.BotCommand{},
		watchers:     map[int64][]*watcher{},
		callsChanged: make(chan struct{}),
	}
}

// Close ends every long poll, stops webhook delivery and ends every Watch.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.stopDelivery()
	for id, ws := range s.watchers {
		for _, w := range ws {
			w.end()
		}
		delete(s.watchers, id)
	}
	s.mu.Unlock()
	s.updates.Close()
}

// Bot is the bot's own user, as getMe returns it.
func (s *Server) Bot() models.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bot
}

// ServeHTTP answers Bot API requests — POST (or GET) /bot<token>/<method> — and file downloads,
// GET /file/bot<token>/<file_path>.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveDownload(w, rest)
		return
	}
	token, method, ok := splitPath(r.URL.Path)
	if !ok {
		writeError(w, errNotFound)
		return
	}
	if !s.accepts(token) {
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
	s.writeResultLocked(w, result)
}

// call runs one method under the lock and records it, with its error if it failed.
func (s *Server) call(name string, p params, h handler) (any, *APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var result any
	apiErr := s.takeFault(name)
	if apiErr == nil {
		apiErr = s.checkBlocked(name, p)
	}
	if apiErr == nil {
		apiErr = s.checkMember(name, p)
	}
	if apiErr == nil {
		apiErr = s.checkFlood(name, p)
	}
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
