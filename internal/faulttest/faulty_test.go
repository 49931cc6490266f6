package faulttest

import (
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// faultyAPI stands in front of the Bot API stand-in and misbehaves as a network or Telegram's
// front servers do: 502 Bad Gateway, a connection reset, a request that hangs, a slow answer.
// The request it fails never reaches the stand-in, so trying it again is safe and nothing the
// bot sees twice is the stand-in's doing.
type faultyAPI struct {
	next http.Handler

	mu      sync.Mutex
	queued  map[string][]fault       // by method, consumed in order
	delay   map[string]time.Duration // added to every call of a method
	applied []appliedFault
	stop    chan struct{}
}

type fault int

const (
	badGateway fault = iota + 1 // 502 with an HTML body, as a proxy answers
	reset                       // the TCP connection reset mid-request
	hang                        // no answer until the client gives up
)

func (f fault) String() string {
	return map[fault]string{badGateway: "502", reset: "reset", hang: "hang"}[f]
}

// appliedFault is a fault as it happened.
type appliedFault struct {
	method string
	fault  fault
	at     time.Time
	ended  time.Time // when the hung request was given up; zero for the others
}

func newFaultyAPI(next http.Handler) *faultyAPI {
	return &faultyAPI{next: next, queued: map[string][]fault{}, delay: map[string]time.Duration{}, stop: make(chan struct{})}
}

// failNext makes the next n calls of method fail with f.
func (a *faultyAPI) failNext(method string, f fault, n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for range n {
		a.queued[method] = append(a.queued[method], f)
	}
}

// slow delays every call of method by d (0: no more).
func (a *faultyAPI) slow(method string, d time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.delay[method] = d
}

// pending is the number of faults not applied yet.
func (a *faultyAPI) pending() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, q := range a.queued {
		n += len(q)
	}
	return n
}

// hangsEnded tells whether every hung request applied so far was given up by its client.
func (a *faultyAPI) hangsEnded() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, f := range a.applied {
		if f.fault == hang && f.ended.IsZero() {
			return false
		}
	}
	return true
}

// history is the faults applied so far.
func (a *faultyAPI) history() []appliedFault {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]appliedFault(nil), a.applied...)
}

func (a *faultyAPI) close() {
	a.mu.Lock()
	defer a.mu.Unlock()
	select {
	case <-a.stop:
	default:
		close(a.stop)
	}
}

func (a *faultyAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := methodOf(r.URL.Path)
	a.mu.Lock()
	var f fault
	if q := a.queued[method]; len(q) > 0 {
		f, a.queued[method] = q[0], q[1:]
	}
	delay := a.delay[method]
	i := len(a.applied)
	if f != 0 {
		a.applied = append(a.applied, appliedFault{method: method, fault: f, at: time.Now()})
	}
	a.mu.Unlock()

	switch f {
	case badGateway:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>\n"))
		return
	case reset:
		resetConn(w)
		return
	case hang:
		// With the body read, the server notices the client going away (it watches the
		// connection only once the body is consumed).
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-a.stop:
		}
		a.mu.Lock()
		a.applied[i].ended = time.Now()
		a.mu.Unlock()
		return
	}
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-a.stop:
		}
	}
	a.next.ServeHTTP(w, r)
}

// resetConn takes the connection over and closes it with a TCP RST (SO_LINGER 0).
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("faultyAPI: the server cannot hijack connections")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// methodOf is the Bot API method of a request path, /bot<token>/<method>.
func methodOf(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[i+1:]
	}
	return path
}
