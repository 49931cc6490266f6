package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"go.uber.org/zap"
	"golang.org/x/term"

	"github.com/filekeeper/filekeeper/internal/adapters/archive"
	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/app/backup"
	"github.com/filekeeper/filekeeper/internal/config"
)

// exportArchive runs `filekeeper export [-o FILE]`: every user's library as JSON lines, to FILE
// or to standard output.
func exportArchive(cfg config.Config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outPath := fs.String("o", "", "write the archive to `FILE` instead of standard output")
	if fs.Parse(args) != nil || fs.NArg() != 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	return withArchive(cfg, stderr, "export", func(ctx context.Context, a backup.Archive) (backup.ArchiveCounts, error) {
		out, closeOut, err := createOutput(*outPath, stdout)
		if err != nil {
			return backup.ArchiveCounts{}, err
		}
		w, err := archive.NewWriter(out, time.Now())
		if err != nil {
			return backup.ArchiveCounts{}, err
		}
		bar := newBar(stderr, -1, "exporting")
		n, err := a.Export(ctx, func(rec backup.ArchiveRecord) error {
			_ = bar.Add(1)
			return w.Write(rec)
		})
		_ = bar.Finish()
		if cerr := closeOut(); err == nil {
			err = cerr
		}
		return n, err
	})
}

// importArchive runs `filekeeper import [FILE]`: an archive from FILE or standard input into
// the database, which is migrated first.
func importArchive(cfg config.Config, args []string, stdin io.Reader, stderr io.Writer) int {
	if len(args) > 1 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	return withArchive(cfg, stderr, "import", func(ctx context.Context, a backup.Archive) (backup.ArchiveCounts, error) {
		in, size := stdin, int64(-1)
		if len(args) == 1 && args[0] != "-" {
			f, err := os.Open(args[0])
			if err != nil {
				return backup.ArchiveCounts{}, err
			}
			defer func() { _ = f.Close() }()
			if st, err := f.Stat(); err == nil {
				size = st.Size()
			}
			in = f
		}
		bar := newBar(stderr, size, "importing")
		defer func() { _ = bar.Finish() }()
		r, err := archive.NewReader(io.TeeReader(in, bar))
		if err != nil {
			return backup.ArchiveCounts{}, err
		}
		return a.Import(ctx, r.Next)
	})
}

// withArchive opens the database of cfg (the embedded one when DATABASE_URL is unset), runs fn
// with the archive use cases over it, and says what it did on stderr.
func withArchive(cfg config.Config, stderr io.Writer, what string, fn func(context.Context, backup.Archive) (backup.ArchiveCounts, error)) int {
	if err := cfg.ValidateDatabase(); err != nil {
		fmt.Fprintln(stderr, "filekeeper:", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db := postgres.NewDatabase(postgresConfig(cfg), zap.NewNop())
	if err := db.Start(ctx); err != nil {
		fmt.Fprintf(stderr, "filekeeper: %s: %v\n", what, err)
		return exitFailed
	}
	defer func() { _ = db.Stop(context.Background()) }()
	n, err := fn(ctx, backup.NewArchive(postgres.NewUnitOfWork(db.Pool(), zap.NewNop())))
	if err != nil {
		fmt.Fprintf(stderr, "filekeeper: %s: %v (%s so far)\n", what, err, counted(n))
		return exitFailed
	}
	fmt.Fprintf(stderr, "%sed %s\n", what, counted(n))
	return exitOK
}

func counted(n backup.ArchiveCounts) string {
	return fmt.Sprintf("%d users, %d categories, %d files, %d links, %d banned", n.Users, n.Categories, n.Files, n.Shares, n.Bans)
}

// createOutput is the file at path (stdout when empty), and what closes it; a file is written to
// a temporary name first and renamed on success, so a failed export leaves no half archive.
func createOutput(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return stdout, func() error { return nil }, nil
	}
	tmp := path + ".partial"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, nil, err
	}
	return f, func() error {
		if err := f.Close(); err != nil {
			return err
		}
		return os.Rename(tmp, path)
	}, nil
}

// newBar is a progress bar on stderr when it is a terminal, and nothing otherwise (a log, a pipe).
func newBar(stderr io.Writer, size int64, what string) *progressbar.ProgressBar {
	f, ok := stderr.(*os.File)
	visible := ok && term.IsTerminal(int(f.Fd()))
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription(what),
		progressbar.OptionSetVisibility(visible), progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100 * time.Millisecond),
	}
	if size >= 0 {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionSpinnerType(14))
	}
	return progressbar.NewOptions64(size, opts...)
}
