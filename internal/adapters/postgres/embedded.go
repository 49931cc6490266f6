package postgres

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	embeddedpostgres "github.com/fergusstrange/embedded-postgres"
	"go.uber.org/zap"
	"go.uber.org/zap/zapio"
)

// ErrEmbeddedAsRoot is returned when the embedded PostgreSQL would run as root, which
// PostgreSQL refuses.
var ErrEmbeddedAsRoot = errors.New("the embedded PostgreSQL cannot run as root: set DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres)")

// localBinariesGlob finds the PostgreSQL server binaries of Debian-like systems.
const localBinariesGlob = "/usr/lib/postgresql/*/bin/postgres"

// Embedded is a PostgreSQL server run by this process, its cluster kept under a data directory
// between runs.
type Embedded struct {
	dir    string
	port   uint32
	log    *zap.Logger
	server *embeddedpostgres.EmbeddedPostgres
}

// NewEmbedded describes an embedded server keeping its files under dir and listening on port;
// nothing runs until Start.
func NewEmbedded(dir string, port uint32, log *zap.Logger) *Embedded {
	return &Embedded{dir: dir, port: port, log: log}
}

// URL is the address of the embedded server's postgres database.
func (e *Embedded) URL() string {
	return fmt.Sprintf("postgres://postgres:postgres@127.0.0.1:%d/postgres?sslmode=disable", e.port)
}

// Start runs the server, creating the cluster on the first run and reusing it afterwards. It
// uses the newest PostgreSQL installed under /usr/lib/postgresql when there is one (no
// download), otherwise the library downloads its default version once into the data directory.
func (e *Embedded) Start() error {
	if os.Geteuid() == 0 {
		return ErrEmbeddedAsRoot
	}
	cfg := embeddedpostgres.DefaultConfig().
		Port(e.port).
		DataPath(filepath.Join(e.dir, "data")).
		// The library empties the runtime path on every start: never the data path.
		RuntimePath(filepath.Join(e.dir, "runtime")).
		CachePath(filepath.Join(e.dir, "cache")).
		Encoding("UTF8").
		// lower() and pg_trgm fold non-ASCII letters (Cyrillic search) only under a UTF-8 locale.
		Locale("C.UTF-8").
		StartTimeout(time.Minute).
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
		return fmt.Errorf("start embedded postgres in %s: %w", e.dir, err)
	}
	e.server = server
	return nil
}

// Stop stops a started server; stopping one that is not running does nothing.
func (e *Embedded) Stop() error {
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
