package telegram

import (
	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/incoming"
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func (r *Router) onMessage(q *exchange, m *models.Message) error {
	if in, ok := incoming.File(m); ok {
		return r.onFile(q, m, in)
	}
	if name, args, ok := incoming.Command(m.Text, r.botUsername()); ok {
		if name == "ban" || name == "unban" {
			return r.onBanCommand(q, m, name, args)
		}
		return r.onCommand(q, name, args)
	}
	switch {
	case m.Sticker != nil:
		q.reply.Send(q.chat, q.t.Hint(q.t.StickerRefused), m.ID)
	case m.Text != "":
		return r.onText(q, m.Text)
	default:
		q.reply.Send(q.chat, q.t.Hint(q.t.Unsupported), m.ID)
	}
	return nil
}

func (r *Router) onFile(q *exchange, m *models.Message, in domain.IncomingFile) error {
	in.BotID = r.botID() // its file id is this bot's alone
	in.MediaGroupID = m.MediaGroupID
	res, err := r.app.Commands.SaveFile.Handle(q.ctx, app.SaveFileInput{OwnerID: q.user.ID, File: in})
	switch f := q.failure(onAnything, err); {
	case f.is(causeQuota, causeTooLarge, causeBadFile):
		q.reply.Send(q.chat, q.t.Hint(f.text), m.ID)
	case err != nil:
		return err
	case res.Album != nil:
		r.confirmAlbum(q, m, *res.Album)
	default:
		q.reply.Send(q.chat, q.t.SavedView(res), m.ID)
	}
	return nil
}

func (r *Router) onCommand(q *exchange, name, args string) error {
	switch name {
	case "cancel":
		return r.cancelFlow(q)
	case "done":
		return r.finishUpload(q)
	}
	// Any other command leaves the flow under way: the user has moved on.
	if err := r.endFlow(q); err != nil {
		return err
	}
	switch name {
	case "start":
		if args != "" && args != privateStartPayload {
			return r.openShare(q, args)
		}
		q.show(q.t.MainMenu(q.user))
	case "search":
		if args == "" {
			return r.beginFlow(q, domain.Conversation{Step: domain.StepSearch}, q.t.Prompt(q.t.SearchAsk), views.ListRef{})
		}
		return r.search(q, args)
	case "profile":
		return r.showProfile(q)
	case "export":
		return r.requestExport(q)
	case "settings":
		return r.showSettings(q)
	case "links":
		return r.showLinks(q)
	case "help":
		q.show(q.t.HelpView())
	case "files":
		return r.showKinds(q)
	case "categories":
		return r.showCategories(q, domain.Cursor{})
	case "tags":
		return r.showTags(q, domain.Cursor{})
	case "stats":
		return r.showStats(q)
	default:
		q.show(q.t.Hint(q.t.UnknownCommand("/" + name)))
	}
	return nil
}

// onText is a text that is not a command: the answer a flow waits for, or a hint.
func (r *Router) onText(q *exchange, text string) error {
	conv, ok, err := r.app.Queries.Conversations.Current(q.ctx, q.user.ID)
	if err != nil {
		return err
	}
	if !ok {
		if err := r.endFlow(q); err != nil { // a flow that expired loses its Cancel
			return err
		}
		q.show(q.t.Hint(q.t.OnlyFiles))
		return nil
	}
	switch conv.Step {
	case domain.StepRenameFile:
		return r.renameFile(q, conv, text)
	case domain.StepNewCategory:
		return r.createCategory(q, text)
	case domain.StepRenameCategory:
		return r.renameCategory(q, conv, text)
	case domain.StepSearch:
		if err := r.endFlow(q); err != nil {
			return err
		}
		return r.search(q, text)
	case domain.StepEditTags:
		return r.editTags(q, conv, text)
	case domain.StepRenameAlbum:
		return r.renameAlbum(q, conv, text)
	case domain.StepTagSelection:
		return r.tagSelection(q, conv, text)
	}
	q.show(views.Plain(q.t.OnlyFiles))
	return nil
}

// nameRefused explains why a name was refused, if f is that refusal; the flow goes on so the
// user can send another.
func nameRefused(q *exchange, f failure) bool {
	if f.cause == causeBadName {
		q.show(q.t.Prompt(f.text))
		return true
	}
	return false
}
