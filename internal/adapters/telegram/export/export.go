// Package export sends a user their library export: the worker of app.ExportLibraryJob.
package export

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
)

// Sender is the worker of app.ExportLibraryJob: it reads the user's library and sends it to
// their private chat as two documents. A job that fails is tried again by the job engine; a
// repeat after a send that did go through sends the documents again, which is harmless.
type Sender struct {
	app     app.Application
	bot     *bot.Bot
	blocked func(error) bool // tells the Bot API's refusal of a user who blocked the bot
	log     *zap.Logger
}

// New builds the worker over the bot's client (its calls pass the flood limits); blocked tells
// an error that means the user blocked the bot, which no retry cures.
func New(a app.Application, b *bot.Bot, blocked func(error) bool, log *zap.Logger) *Sender {
	return &Sender{app: a, bot: b, blocked: blocked, log: log.Named("export")}
}

// Handle builds and sends one user's export.
func (e *Sender) Handle(ctx context.Context, job app.ExportLibraryJob) error {
	lib, err := e.app.Queries.Library.Export(ctx, job.OwnerID)
	if err != nil {
		return err
	}
	docs, err := views.ExportDocuments(lib, time.Now())
	if err != nil {
		return err
	}
	t := views.For(lib.Owner.Lang())
	for i, d := range docs {
		params := &bot.SendDocumentParams{ChatID: lib.Owner.TelegramID, Document: &models.InputFileUpload{Filename: d.Name, Data: bytes.NewReader(d.Data)}}
		if i == len(docs)-1 {
			params.Caption = t.ExportCaption(len(lib.Files))
		}
		if _, err := e.bot.SendDocument(ctx, params); err != nil {
			if e.blocked(err) {
				e.log.Info("the export's user blocked the bot", zap.Int64("user_id", lib.Owner.ID))
				return fmt.Errorf("send the export of user %d: %w: %w", lib.Owner.ID, app.ErrPermanent, err)
			}
			return fmt.Errorf("send the export of user %d: %w", lib.Owner.ID, err)
		}
	}
	e.log.Info("library exported", zap.Int64("user_id", lib.Owner.ID), zap.Int("files", len(lib.Files)))
	return nil
}
