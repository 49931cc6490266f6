// Package embedded runs a PostgreSQL server inside this process for users who set no
// DATABASE_URL, its cluster kept under a data directory between runs.
package embedded

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	embeddedpostgres "github.com/fergusstrange/embedded-postgres"
	"go.uber.org/zap"
	"go.uber.org/zap/zapio"
)

// ErrAsRoot is returned when the embedded PostgreSQL would run as root, which PostgreSQL
// refuses.
var ErrAsRoot = errors.New("the embedded PostgreSQL cannot run as root: set DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres)")

// localBinariesGlob finds the PostgreSQL server binaries of Debian-like systems.
const localBinariesGlob = "/usr/lib/postgresql/*/bin/postgres"

// Server is a PostgreSQL server run by this process, its cluster kept under a data directory
// between runs.
type Server struct {
	dir  string
	port uint32
	// anyPort lets Start pick a free port when port is taken (port is only the preferred one).
	anyPort bool
	log     *zap.Logger
	server  *embeddedpostgres.EmbeddedPostgres
}

// New describes an embedded server keeping its files under dir and listening on port; nothing
// runs until Start. A port that is taken is an error at Start, unless anyPort: then Start
// picks a free one (port is only the preferred one).
func New(dir string, port uint32, anyPort bool, log *zap.Logger) *Server {
	return &Server{dir: dir, port: port, anyPort: anyPort, log: log}
}

// Port is the server's port: the configured one, or once started the one it listens on.
func (e *Server) Port() uint32 { return e.port }

// Dir is where the server keeps its files.
func (e *Server) Dir() string { return e.dir }

// URL is the address of the embedded server's postgres database.
func (e *Server) URL() string {
	return fmt.Sprintf("postgres://postgres:postgres@127.0.0.1:%d/postgres?sslmode=disable", e.port)
}

// Start runs the server, creating the cluster on the first run and reusing it afterwards. It
// uses the newest PostgreSQL installed under /usr/lib/postgresql when there is one (no
// download), otherwise the library downloads its default version once into the data directory.
func (e *Server) Start() error {
	if os.Geteuid() == 0 {
		return ErrAsRoot
	}
	port, err := e.freePort()
	if err != nil {
		return err
	}
	e.port = port
	cfg := embeddedpostgres.DefaultConfig().
		Port(e.port).
		DataPath(filepath.Join(e.dir, "data")).
		// The library empties the runtime path on every start: never the data path.
		RuntimePath(filepath.Join(e.dir, "runtime")).
		CachePath(filepath.Join(e.dir, "cache")).
		Encoding("UTF8").
		// lower() and pg_trgm fold non-ASCII letters (Cyrillic search) only under a UTF-8 locale.
		Locale("C.UTF-8").
		StartTimeout(StartTimeout).
		// TCP only: no unix socket. Debian's binaries would put it, and its lock file, in
		// /var/run/postgresql, which only the postgres user may write.
		StartParameters(map[string]string{"unix_socket_directories": ""}).
		Logger(&zapio.Writer{Log: e.log.Named("embedded_postgres"), Level: zap.DebugLevel})
	if bin, major, ok := localBinaries(); ok {
		// Version must match the cluster's PG_VERSION for the data to be reused.
		cfg = cfg.BinariesPath(bin).Version(embeddedpostgres.PostgresVersion(major + ".0.0"))
		if err := checkClusterVersion(filepath.Join(e.dir, "data"), major); err != nil {
			return err
		}
		e.log.Info("starting embedded postgres", zap.String("binaries", bin), zap.String("data_dir", e.dir), zap.Uint32("port", e.port))
	} else {
		e.log.Info("starting embedded postgres with downloaded binaries", zap.String("data_dir", e.dir), zap.Uint32("port", e.port))
	}
	if err := os.MkdirAll(e.dir, 0o700); err != nil {
		return fmt.Errorf("start embedded postgres: %w", err)
	}
	server := embeddedpostgres.NewDatabase(cfg)
	if err := server.Start(); err != nil {
		// The library's error carries the whole command line and PostgreSQL's output: keep it for
		// LOG_LEVEL=debug, and tell the user the line that matters.
		e.log.Debug("embedded postgres failed to start", zap.Error(err))
		return &Error{Dir: e.dir, Cause: keyLine(err.Error())}
	}
	e.server = server
	return nil
}

// StartTimeout bounds the embedded server's start (a first start also runs initdb).
const StartTimeout = time.Minute

// Error is an embedded server that did not start, with the line of PostgreSQL's output that
// says why.
type Error struct {
	Dir   string
	Cause string
}

func (e *Error) Error() string {
	return fmt.Sprintf("the embedded PostgreSQL in %s did not start: %s. Set DATABASE_URL to use a PostgreSQL server instead (LOG_LEVEL=debug shows PostgreSQL's whole output)", e.Dir, e.Cause)
}

// keyLine picks from a tool's output the line that says what went wrong: PostgreSQL's first
// FATAL or PANIC line, else initdb's or pg_ctl's error line, else the first line.
func keyLine(out string) string {
	lines := strings.Split(out, "\n")
	for _, marker := range []string{"FATAL:", "PANIC:", "initdb: error:", "pg_ctl: "} {
		for _, line := range lines {
			if i := strings.Index(line, marker); i >= 0 {
				return clip(strings.Join(strings.Fields(line[i:]), " "))
			}
		}
	}
	return clip(strings.TrimSpace(lines[0]))
}

func clip(s string) string {
	const most = 300
	s = strings.TrimRight(s, ".:")
	if len(s) > most {
		return s[:most] + "…"
	}
	return s
}

// freePort is the port to listen on: e.port when it is free; when it is taken, a free one if
// any port will do, or an error saying what to change.
func (e *Server) freePort() (uint32, error) {
	if portFree(e.port) {
		return e.port, nil
	}
	if !e.anyPort {
		return 0, fmt.Errorf("the embedded PostgreSQL cannot listen on port %d: another program uses it; stop it, or set EMBEDDED_PG_PORT to a free port", e.port)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("the embedded PostgreSQL found no free port: %w", err)
	}
	port := uint32(ln.Addr().(*net.TCPAddr).Port)
	_ = ln.Close()
	e.log.Info("port taken by another program: the embedded postgres uses another", zap.Uint32("taken_port", e.port), zap.Uint32("port", port))
	return port, nil
}

// portFree tells whether nothing listens on port, on any of the addresses the server binds.
func portFree(port uint32) bool {
	for _, host := range []string{"127.0.0.1", "localhost"} {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(int(port))))
		if err != nil {
			return false
		}
		_ = ln.Close()
	}
	return true
}

// Stop stops a started server; stopping one that is not running does nothing.
func (e *Server) Stop() error {
	if e.server == nil {
		return nil
	}
	server := e.server
	e.server = nil
	if err := server.Stop(); err != nil {
		return fmt.Errorf("stop embedded postgres: %w", err)
	}
	return nil
}

// localBinaries returns the installation directory (holding bin/pg_ctl) and major version of
// the newest locally installed PostgreSQL server.
func localBinaries() (dir, major string, ok bool) {
	matches, _ := filepath.Glob(localBinariesGlob)
	best := -1
	for _, m := range matches {
		root := filepath.Dir(filepath.Dir(m))
		v, err := strconv.Atoi(filepath.Base(root))
		if err != nil || v <= best {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, "bin", "pg_ctl")); err != nil {
			continue
		}
		best, dir = v, root
	}
	if best < 0 {
		return "", "", false
	}
	return dir, strconv.Itoa(best), true
}

// checkClusterVersion refuses a cluster made by another major version: the library would wipe
// it to create a new one.
func checkClusterVersion(dataDir, major string) error {
	b, err := os.ReadFile(filepath.Join(dataDir, "PG_VERSION"))
	if err != nil {
		return nil // no cluster yet
	}
	if v := strings.TrimSpace(string(b)); v != major {
		return fmt.Errorf("start embedded postgres: the cluster in %s is PostgreSQL %s but the installed server is %s; upgrade it or set DATABASE_URL", dataDir, v, major)
	}
	return nil
}
