// Package profiling serves Go's runtime profiles (net/http/pprof: /debug/pprof/profile for CPU,
// /debug/pprof/allocs, heap, goroutine, trace …) on an address of their own, only when one is
// configured (PPROF_ADDR): off by default, and never on the public HTTP server, since a profile
// tells much about the process and costs CPU while it is taken.
package profiling

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"go.uber.org/zap"
)

// Config says where to serve the profiles; an empty Addr serves nothing.
type Config struct {
	Addr string // host:port; port 0 picks a free one (see Server.Addr)
}

// Server serves net/http/pprof's handlers. Nothing listens until Start.
type Server struct {
	addr string
	log  *zap.Logger
	srv  *http.Server
	ln   net.Listener
	done chan struct{}
}

// New makes a Server for addr.
func New(addr string, log *zap.Logger) *Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	// A CPU profile or a trace runs for its ?seconds=: no write timeout.
	return &Server{addr: addr, log: log, srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}, done: make(chan struct{})}
}

// Start listens and serves in the background.
func (s *Server) Start(context.Context) error {
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("PPROF_ADDR %s: %w", s.addr, err)
	}
	s.ln = ln
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("profiling server stopped", zap.Error(err))
		}
	}()
	s.log.Warn("serving Go's runtime profiles (PPROF_ADDR): keep this address private", zap.String("addr", ln.Addr().String()))
	return nil
}

// Addr is where the server listens, once started.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Stop closes the listener and any profile under way: a profile is no reason to wait.
func (s *Server) Stop(context.Context) error {
	err := s.srv.Close()
	<-s.done
	return err
}
