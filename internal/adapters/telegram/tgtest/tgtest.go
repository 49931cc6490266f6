// Package tgtest runs the local Bot API (package botapi) on a test HTTP server, for adapter and
// end-to-end tests: they play the users (SendText, SendDocument, Upload, PressButton …) and
// assert on what the bot did (Calls, Messages, WaitForCall). The server is the very one
// `filekeeper sandbox` runs, so what the tests prove is what a person sees there.
package tgtest

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// Token is the bot token the server accepts; any other token gets 401.
const Token = botapi.Token

// BotID is the bot's user id, the part of Token before the colon.
const BotID = botapi.BotID

type (
	// Call is one Bot API request the bot made (getUpdates aside).
	Call = botapi.Call
	// APIError is an error answer of the Bot API.
	APIError = botapi.APIError
)

// Server is the local Bot API listening on a local port. Every method of botapi.Server is
// available on it.
type Server struct {
	*botapi.Server
	http *httptest.Server
}

// NewServer starts a local Bot API with the options of tests: no flood limits. Close it when done.
func NewServer() *Server { return NewServerWith(botapi.Options{}) }

// NewServerWith starts a local Bot API with opts (flood limits, a clock, webhook retries).
func NewServerWith(opts botapi.Options) *Server {
	api := botapi.New(opts)
	return &Server{Server: api, http: httptest.NewServer(api)}
}

// URL is the server's base URL, for bot.WithServerURL and BOT_API_URL.
func (s *Server) URL() string { return s.http.URL }

// Close shuts the server down; long polls in flight end first.
func (s *Server) Close() {
	s.Server.Close()
	s.http.Close()
}

// WaitForCall waits until a call matches and returns the first that does; on timeout it fails
// the test listing the calls seen.
func (s *Server) WaitForCall(t testing.TB, timeout time.Duration, match func(Call) bool) Call {
	t.Helper()
	return s.WaitForCalls(t, timeout, 1, match)[0]
}

// WaitForCalls waits until n calls match and returns the first n that do.
func (s *Server) WaitForCalls(t testing.TB, timeout time.Duration, n int, match func(Call) bool) []Call {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	found, seen, err := s.AwaitCalls(ctx, n, match)
	if err != nil {
		t.Fatalf("tgtest: %d of %d matching calls after %v; calls seen:\n%s", len(found), n, timeout, botapi.ListCalls(seen))
		return nil
	}
	return found
}
