// Package tcpproxy is a TCP proxy on 127.0.0.1 for fault tests and load generators: put it
// between a program and a server, then cut the line (every connection closed, new ones refused,
// as when the server restarts) and restore it, and count what went through it — connections,
// network round trips and, for PostgreSQL, statements and transactions read off the wire protocol.
package tcpproxy

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
)

// Options tune a Proxy.
type Options struct {
	// Postgres makes the proxy read PostgreSQL's wire protocol (version 3, without TLS: use
	// sslmode=disable) to count statements and transactions; without it only connections and
	// round trips are counted.
	Postgres bool
}

// Stats are what went through a proxy since it started.
type Stats struct {
	Connections int64 // connections accepted
	// RoundTrips counts the times a client sent something after the server had answered: each is
	// one network round trip the client waited for (its first request on a connection counts too).
	RoundTrips int64
	// Statements are the queries a PostgreSQL client ran: simple Query and extended Execute messages.
	Statements int64
	// Transactions are the transaction blocks that ended (a ReadyForQuery going from "in a
	// transaction" back to idle): commits and rollbacks.
	Transactions int64
}

// Sub is the difference s - o, for what happened between two readings.
func (s Stats) Sub(o Stats) Stats {
	return Stats{Connections: s.Connections - o.Connections, RoundTrips: s.RoundTrips - o.RoundTrips,
		Statements: s.Statements - o.Statements, Transactions: s.Transactions - o.Transactions}
}

// Proxy forwards connections made to Addr to the target. Its methods are safe for concurrent use.
type Proxy struct {
	target string
	opts   Options
	addr   string

	mu    sync.Mutex
	ln    net.Listener // nil while cut
	conns map[*link]struct{}
	wg    sync.WaitGroup
	done  bool

	connections, roundTrips, statements, transactions atomic.Int64
}

// New starts a proxy to target (host:port) listening on a free port of 127.0.0.1.
func New(target string, opts Options) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("tcpproxy: listen: %w", err)
	}
	p := &Proxy{target: target, opts: opts, addr: ln.Addr().String(), conns: map[*link]struct{}{}}
	p.serve(ln)
	return p, nil
}

// Addr is host:port to connect to instead of the target.
func (p *Proxy) Addr() string { return p.addr }

// Stats are the counts so far.
func (p *Proxy) Stats() Stats {
	return Stats{Connections: p.connections.Load(), RoundTrips: p.roundTrips.Load(),
		Statements: p.statements.Load(), Transactions: p.transactions.Load()}
}

// Cut closes every connection and stops listening: new connections are refused until Restore.
func (p *Proxy) Cut() {
	p.mu.Lock()
	ln := p.ln
	p.ln = nil
	conns := p.conns
	p.conns = map[*link]struct{}{}
	p.mu.Unlock()
	if ln != nil {
		_ = ln.Close()
	}
	for l := range conns {
		l.close()
	}
}

// Reset resets every open connection (TCP RST on both sides, as a middlebox that drops its
// state does); the proxy goes on accepting new ones.
func (p *Proxy) Reset() {
	p.mu.Lock()
	conns := p.conns
	p.conns = map[*link]struct{}{}
	p.mu.Unlock()
	for l := range conns {
		l.reset()
	}
}

// Restore listens again on the same address after a Cut.
func (p *Proxy) Restore() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil || p.done {
		return nil
	}
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		return fmt.Errorf("tcpproxy: listen again on %s: %w", p.addr, err)
	}
	p.serveLocked(ln)
	return nil
}

// Close stops the proxy and closes every connection.
func (p *Proxy) Close() {
	p.Cut()
	p.mu.Lock()
	p.done = true
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *Proxy) serve(ln net.Listener) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.serveLocked(ln)
}

func (p *Proxy) serveLocked(ln net.Listener) {
	p.ln = ln
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return // closed by Cut or Close
			}
			p.wg.Add(1)
			go func() {
				defer p.wg.Done()
				p.handle(c)
			}()
		}
	}()
}

// link is one proxied connection: the client's side and the server's.
type link struct {
	client, server net.Conn
	once           sync.Once
	// serverSpoke is 1 when the server sent something since the client last did.
	serverSpoke atomic.Bool
}

func (l *link) reset() {
	for _, c := range []net.Conn{l.client, l.server} {
		if tcp, ok := c.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0)
		}
	}
	l.close()
}

func (l *link) close() {
	l.once.Do(func() {
		_ = l.client.Close()
		if l.server != nil {
			_ = l.server.Close()
		}
	})
}

func (p *Proxy) handle(client net.Conn) {
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		_ = client.Close()
		return
	}
	l := &link{client: client, server: server}
	l.serverSpoke.Store(true)
	p.mu.Lock()
	if p.ln == nil {
		p.mu.Unlock()
		l.close()
		return
	}
	p.conns[l] = struct{}{}
	p.mu.Unlock()
	p.connections.Add(1)
	defer func() {
		p.mu.Lock()
		delete(p.conns, l)
		p.mu.Unlock()
		l.close()
	}()

	var up, down func([]byte)
	if p.opts.Postgres {
		frontend, backend := newFrontendReader(&p.statements), newBackendReader(&p.transactions)
		up, down = frontend.feed, backend.feed
	}
	done := make(chan struct{}, 2)
	go func() {
		p.pump(server, client, func(b []byte) {
			if l.serverSpoke.Swap(false) {
				p.roundTrips.Add(1)
			}
			if up != nil {
				up(b)
			}
		})
		done <- struct{}{}
	}()
	go func() {
		p.pump(client, server, func(b []byte) {
			l.serverSpoke.Store(true)
			if down != nil {
				down(b)
			}
		})
		done <- struct{}{}
	}()
	<-done // one side ended: end the other
	l.close()
	<-done
}

// pump copies from src to dst, showing each chunk to seen before it is forwarded.
func (p *Proxy) pump(dst, src net.Conn, seen func([]byte)) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			seen(buf[:n])
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return // EOF, or the link was closed
		}
	}
}
