// Package sandbox is File Keeper without Telegram: a web page where a person chats with the bot
// as a Telegram app would show it, served together with the local Bot API (package botapi) the
// bot talks to. `filekeeper sandbox` runs it beside the real, unchanged bot, so nobody needs a
// token, a phone or the internet to see File Keeper work.
//
// One HTTP server answers both: the Bot API's own paths (/bot<token>/<method>,
// /file/bot<token>/<path>) for the bot, and the page with its small JSON API and live stream
// (server-sent events) for the browser.
package sandbox

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/botapi"
	"github.com/filekeeper/filekeeper/internal/datadir"
)

// DefaultAddr is where the sandbox listens unless told otherwise (SANDBOX_ADDR).
const DefaultAddr = "127.0.0.1:8080"

// Config is what the sandbox needs to know.
type Config struct {
	Addr string // host:port of the page and the local Bot API
	// FilesDir keeps the files users and the bot send, so their file_ids, which the bot keeps
	// in its database, still work after a restart; empty keeps them in memory only.
	FilesDir string
}

// DefaultFilesDir is $XDG_DATA_HOME/filekeeper/sandbox, or ~/.local/share/filekeeper/sandbox
// when XDG_DATA_HOME is unset: beside the embedded PostgreSQL's data.
func DefaultFilesDir() string { return datadir.Path("sandbox") }

// CheckAddr tells whether addr is a host:port the sandbox can listen on. The port must be fixed:
// the bot is told where its Bot API is before the server starts.
func CheckAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" || port == "0" {
		return fmt.Errorf("SANDBOX_ADDR %q is not a host:port with a fixed port, such as %s", addr, DefaultAddr)
	}
	return nil
}

// URL is where a browser, and the bot, reach the sandbox: a wildcard host becomes 127.0.0.1.
func (c Config) URL() string {
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return "http://" + c.Addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Users are the people a visitor of the page can be; each has a private chat with the bot.
var Users = []models.User{
	{ID: 1001, FirstName: "Alice", LastName: "Archer", Username: "alice", LanguageCode: "en"},
	{ID: 2002, FirstName: "Bob", LastName: "Baker", Username: "bob", LanguageCode: "en"},
	{ID: 3003, FirstName: "Carol", LastName: "Cooper", Username: "carol", LanguageCode: "en"},
}

func userByID(id string) (models.User, bool) {
	for _, u := range Users {
		if fmt.Sprint(u.ID) == id {
			return u, true
		}
	}
	return models.User{}, false
}

//go:embed static
var static embed.FS

// Server serves the page and the local Bot API.
type Server struct {
	cfg  Config
	api  *botapi.Server
	log  *zap.Logger
	http *http.Server

	addr     string // where it listens, once started
	stopOnce sync.Once
	done     chan struct{} // closed at Stop: ends the live streams, which never end by themselves
}

// NewAPI is the local Bot API of a sandbox: no flood limits, the newest calls kept. Its update
// ids start at the current Unix time in milliseconds: the bot records the ids it handled in its
// database, which outlives the sandbox, so a restarted sandbox must start above the last run's
// ids (unless that run made more than a thousand updates a second).
func NewAPI() *botapi.Server {
	return botapi.New(botapi.Options{KeepCalls: 1000, FirstUpdateID: time.Now().UnixMilli()})
}

// New builds a Server in front of api. It listens only once started.
func New(cfg Config, api *botapi.Server, log *zap.Logger) *Server {
	s := &Server{cfg: cfg, api: api, log: log, done: make(chan struct{})}
	s.http = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ErrorLog: zap.NewStdLog(log)}
	return s
}

// Handler answers the Bot API's paths with the local Bot API and everything else with the page,
// behind guard: another site open in the same browser can neither call the Bot API nor post into
// the sandbox's chats.
func (s *Server) Handler() http.Handler {
	return s.guard(s.api, s.pageMux())
}

func (s *Server) pageMux() *http.ServeMux {
	files, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded folder is part of the binary: it cannot be missing
	}
	mux := http.NewServeMux()
	mux.Handle("GET /", noCache(http.FileServerFS(files)))
	mux.HandleFunc("GET /api/users", s.users)
	mux.HandleFunc("GET /api/commands", s.commands)
	mux.HandleFunc("GET /api/chats/{user}/events", s.events)
	mux.HandleFunc("POST /api/chats/{user}/messages", s.sendText)
	mux.HandleFunc("POST /api/chats/{user}/files", s.sendFile)
	mux.HandleFunc("POST /api/chats/{user}/albums", s.sendAlbum)
	mux.HandleFunc("POST /api/chats/{user}/press", s.press)
	mux.HandleFunc("POST /api/chats/{user}/inline", s.inlineQuery)
	mux.HandleFunc("POST /api/chats/{user}/inline/choose", s.chooseInline)
	mux.HandleFunc("GET /api/files/{id}", s.file)
	return mux
}

// noCache makes browsers check the page's files on every load, so a rebuilt binary shows at once.
func noCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

// Start loads the files kept by earlier runs, listens on the configured address and serves in
// the background.
func (s *Server) Start(context.Context) error {
	if s.cfg.FilesDir != "" {
		if err := s.api.KeepFilesIn(s.cfg.FilesDir); err != nil {
			return fmt.Errorf("sandbox: %w (set SANDBOX_FILES_DIR to a writable folder)", err)
		}
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen on %s (set SANDBOX_ADDR to a free host:port): %w", s.cfg.Addr, err)
	}
	s.addr = ln.Addr().String()
	go func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("sandbox server stopped", zap.Error(err))
		}
	}()
	s.log.Debug("sandbox page listening; the bot is not up yet", zap.String("url", s.URL()))
	return nil
}

// URL is where the page is: the configured address, or once started the address it listens on
// (a port 0 in the configuration is a free port chosen at start).
func (s *Server) URL() string {
	if s.addr != "" {
		return Config{Addr: s.addr}.URL()
	}
	return s.cfg.URL()
}

// Stop ends the live streams and the long polls, then waits for the requests under way.
func (s *Server) Stop(ctx context.Context) error {
	s.stopOnce.Do(func() { close(s.done) })
	s.api.Close()
	if err := s.http.Shutdown(ctx); err != nil {
		return fmt.Errorf("sandbox: shut down: %w", err)
	}
	return nil
}
