package telegram

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

// requestExport asks for the user's library export (/export, or 📦 Export on the profile): a
// job builds and sends it; the user is told it is on its way.
func (r *Router) requestExport(q *exchange) error {
	if err := r.app.Commands.RequestExport.Handle(q.ctx, q.user.ID); err != nil {
		return err
	}
	q.reply.Send(q.chat, views.View{Text: q.t.ExportPreparing}, 0)
	return nil
}

// Exporter is the worker of app.ExportLibraryJob: it reads the user's library and sends it to
// their private chat as two documents. A job that fails is tried again by the job engine; a
// repeat after a send that did go through sends the documents again, which is harmless.
type Exporter struct {
	app app.Application
	bot *bot.Bot
	log *zap.Logger
}

// NewExporter builds the worker over the bot's client (its calls pass the flood limits).
func NewExporter(a app.Application, b *bot.Bot, log *zap.Logger) *Exporter {
	return &Exporter{app: a, bot: b, log: log.Named("export")}
}

// Handle builds and sends one user's export.
func (e *Exporter) Handle(ctx context.Context, job app.ExportLibraryJob) error {
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
			if userBlockedBot(err) {
				e.log.Info("the export's user blocked the bot", zap.Int64("user_id", lib.Owner.ID))
				return fmt.Errorf("send the export of user %d: %w: %w", lib.Owner.ID, app.ErrPermanent, err)
			}
			return fmt.Errorf("send the export of user %d: %w", lib.Owner.ID, err)
		}
	}
	e.log.Info("library exported", zap.Int64("user_id", lib.Owner.ID), zap.Int("files", len(lib.Files)))
	return nil
}
