package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/config"
)

// unsendablePage is how many files one read of `filekeeper unsendable` takes.
const unsendablePage = 500

// listUnsendable runs `filekeeper unsendable [-o FILE]`: the files the bot of BOT_TOKEN cannot
// send (kept by another bot, with no copy in the storage chat), one a line, tab-separated:
// owner's Telegram id, file id, name, kind, the bot whose file id it is. It needs the database
// and the token only: no Bot API call.
func listUnsendable(cfg config.Config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("unsendable", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outPath := fs.String("o", "", "write the list to `FILE` instead of standard output")
	if fs.Parse(args) != nil || fs.NArg() != 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	botID := cfg.BotID()
	if err := cfg.ValidateDatabase(); err != nil || botID == 0 {
		fmt.Fprintln(stderr, "filekeeper: unsendable: set BOT_TOKEN (the bot that would send the files) and the database:", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db := postgres.NewDatabase(postgresConfig(cfg), zap.NewNop())
	if err := db.Start(ctx); err != nil {
		fmt.Fprintf(stderr, "filekeeper: unsendable: %v\n", err)
		return exitFailed
	}
	defer func() { _ = db.Stop(context.Background()) }()
	out, closeOut, err := createOutput(*outPath, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "filekeeper: unsendable: %v\n", err)
		return exitFailed
	}
	n, err := writeUnsendable(ctx, app.NewStorage(postgres.NewUnitOfWork(db.Pool(), zap.NewNop())), botID, out)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "filekeeper: unsendable: %v (%d listed so far)\n", err, n)
		return exitFailed
	}
	fmt.Fprintf(stderr, "%d files kept by another bot have no copy in the storage chat: bot %d cannot send them\n", n, botID)
	return exitOK
}

// writeUnsendable writes every file bot botID cannot send to out, a line each, and counts them.
func writeUnsendable(ctx context.Context, s app.Storage, botID int64, out io.Writer) (int, error) {
	n := 0
	for after := int64(0); ; {
		page, err := s.Unsendable(ctx, botID, after, unsendablePage)
		if err != nil {
			return n, err
		}
		for _, u := range page {
			f := u.File
			if _, err := fmt.Fprintf(out, "%d\t%d\t%s\t%s\t%d\n", u.OwnerTelegramID, f.ID, oneLine(f.Name), f.Kind, f.BotID); err != nil {
				return n, err
			}
			n++
		}
		if len(page) < unsendablePage {
			return n, nil
		}
		after = page[len(page)-1].File.ID
	}
}

// oneLine is a name as one field of a line: no tab or line break splits it.
func oneLine(name string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(name)
}
