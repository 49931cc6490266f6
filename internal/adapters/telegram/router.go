package telegram

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Router turns an update into use-case calls and a Reply. It holds no business rule: the use
// cases decide, the router only translates and renders.
type Router struct {
	app    app.Application
	sender *Sender
	log    *zap.Logger
	// botUsername is learnt from getMe at start; commands addressed to other bots are ignored.
	botUsername string
}

// NewRouter builds a Router.
func NewRouter(a app.Application, sender *Sender, log *zap.Logger) *Router {
	return &Router{app: a, sender: sender, log: log}
}

// SetBotUsername tells the router the bot's own username.
func (r *Router) SetBotUsername(name string) { r.botUsername = name }

// Handle processes one update at most once in effect: its id is claimed in the same unit of work
// as its effects, and the reply is delivered after the commit. An error means nothing was
// committed and the update must be retried.
func (r *Router) Handle(ctx context.Context, upd *models.Update) error {
	log := r.log.With(zap.Int64("update_id", upd.ID))
	var reply Reply
	first, err := r.app.Updates.Once(ctx, upd.ID, func(ctx context.Context) error {
		var err error
		reply, err = r.route(ctx, upd)
		return err
	})
	if err != nil {
		return err
	}
	if !first {
		log.Info("update already handled: skipped")
		return nil
	}
	r.sender.Deliver(ctx, reply, log)
	return nil
}

// Apologize tells the sender of an update that could not be handled that something went wrong.
func (r *Router) Apologize(ctx context.Context, upd *models.Update) {
	var reply Reply
	switch {
	case upd.Message != nil:
		reply.Send(upd.Message.Chat.ID, Hint(txtInternal), 0)
	case upd.CallbackQuery != nil:
		reply.Answer(upd.CallbackQuery.ID, txtInternal, true)
	}
	r.sender.Deliver(ctx, reply, r.log.With(zap.Int64("update_id", upd.ID)))
}

func (r *Router) route(ctx context.Context, upd *models.Update) (Reply, error) {
	switch {
	case upd.Message != nil && upd.Message.From != nil:
		return r.onMessage(ctx, upd.Message)
	case upd.CallbackQuery != nil:
		return r.onButtonPressed(ctx, upd.CallbackQuery)
	}
	return Reply{}, nil // other update types are not for this bot
}

func (r *Router) onMessage(ctx context.Context, m *models.Message) (Reply, error) {
	user, err := r.app.Commands.RegisterUser.Handle(ctx, profileOf(m.From))
	if err != nil {
		return Reply{}, err
	}
	if in, ok := incomingFile(m); ok {
		return r.onFile(ctx, user, m, in)
	}
	var reply Reply
	chat := m.Chat.ID
	if name, _, ok := command(m.Text, r.botUsername); ok {
		switch name {
		case "start":
			reply.Send(chat, MainMenu(user), 0)
		case "help":
			reply.Send(chat, Help(), 0)
		case "files":
			counts, err := r.app.Queries.FileCounts.Handle(ctx, user.ID)
			if err != nil {
				return Reply{}, err
			}
			reply.Send(chat, KindsMenu(counts), 0)
		default:
			reply.Send(chat, Hint(txtUnknownCommand("/"+name)), 0)
		}
		return reply, nil
	}
	switch {
	case m.Sticker != nil:
		reply.Send(chat, Hint(txtStickerRefuse), m.ID)
	case m.Text != "":
		reply.Send(chat, Hint(txtOnlyFiles), 0)
	default:
		reply.Send(chat, Hint(txtUnsupported), m.ID)
	}
	return reply, nil
}

func (r *Router) onFile(ctx context.Context, user domain.User, m *models.Message, in domain.IncomingFile) (Reply, error) {
	var reply Reply
	res, err := r.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: user.ID, File: in})
	var tooLarge *domain.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		reply.Send(m.Chat.ID, Hint(txtTooLarge(tooLarge.Size, tooLarge.Limit)), m.ID)
	case errors.Is(err, domain.ErrInvalidFile):
		reply.Send(m.Chat.ID, Hint(txtBadFile), m.ID)
	case err != nil:
		return Reply{}, err
	default:
		reply.Send(m.Chat.ID, Saved(res), m.ID)
	}
	return reply, nil
}

func (r *Router) onButtonPressed(ctx context.Context, q *models.CallbackQuery) (Reply, error) {
	var reply Reply
	user, err := r.app.Commands.RegisterUser.Handle(ctx, profileOf(&q.From))
	if err != nil {
		return Reply{}, err
	}
	chat, msgID := q.From.ID, 0
	if q.Message.Message != nil {
		chat, msgID = q.Message.Message.Chat.ID, q.Message.Message.ID
	}
	cb, err := DecodeCallback(q.Data)
	if err != nil {
		r.log.Info("stale or forged button", zap.Int64("user_id", user.TelegramID), zap.String("data", q.Data))
		reply.Answer(q.ID, txtStaleButton, false)
		reply.Show(chat, msgID, MainMenu(user))
		return reply, nil
	}
	switch cb.Action {
	case ActFile:
		return r.onFilePressed(ctx, user, q, chat, cb.FileID)
	case ActMenu:
		reply.Show(chat, msgID, MainMenu(user))
	case ActHelp:
		reply.Show(chat, msgID, Help())
	case ActUpload:
		reply.Show(chat, msgID, Upload())
	case ActKinds:
		counts, err := r.app.Queries.FileCounts.Handle(ctx, user.ID)
		if err != nil {
			return Reply{}, err
		}
		reply.Show(chat, msgID, KindsMenu(counts))
	case ActList:
		page, err := r.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{
			OwnerID: user.ID, Filter: domain.FileFilter{Kind: cb.Kind}, Cursor: cb.Cursor, PageSize: user.PageSize,
		})
		if err != nil {
			return Reply{}, err
		}
		reply.Show(chat, msgID, FileList(cb.Kind, page))
	default:
		return Reply{}, fmt.Errorf("decoded callback with unhandled action %q", cb.Action)
	}
	reply.Answer(q.ID, "", false)
	return reply, nil
}

func (r *Router) onFilePressed(ctx context.Context, user domain.User, q *models.CallbackQuery, chat, fileID int64) (Reply, error) {
	var reply Reply
	f, err := r.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: user.ID, FileID: fileID})
	switch {
	case errors.Is(err, domain.ErrForbidden):
		r.log.Warn("button for another user's file", zap.Int64("user_id", user.TelegramID), zap.Int64("file_id", fileID))
		reply.Answer(q.ID, txtNotYourFile, true)
	case errors.Is(err, domain.ErrNotFound):
		reply.Answer(q.ID, txtFileGone, true)
	case err != nil:
		return Reply{}, err
	default:
		reply.Answer(q.ID, txtSending, false)
		reply.SendFile(chat, f)
	}
	return reply, nil
}
