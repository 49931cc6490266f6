package botapi_test

import (
	"net/http/httptest"
	"testing"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// testServer is a Server on a local port, as tgtest runs it (tgtest's own tests cover that
// package; these stay within botapi).
type testServer struct {
	*botapi.Server
	http *httptest.Server
}

func newServer(t *testing.T) *testServer { return newServerWith(t, botapi.Options{}) }

func newServerWith(t *testing.T, opts botapi.Options) *testServer {
	t.Helper()
	s := &testServer{Server: botapi.New(opts)}
	s.http = httptest.NewServer(s.Server)
	t.Cleanup(func() {
		s.Server.Close()
		s.http.Close()
	})
	return s
}

func (s *testServer) URL() string { return s.http.URL }
