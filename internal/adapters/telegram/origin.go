package telegram

import (
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// originOf is where a forwarded message came from, as its forward_origin tells it; the zero
// Origin for a message that was not forwarded.
func originOf(m *models.Message) domain.Origin {
	o := m.ForwardOrigin
	if o == nil {
		return domain.Origin{}
	}
	switch {
	case o.MessageOriginChannel != nil:
		c := o.MessageOriginChannel
		return domain.Origin{Kind: domain.OriginChannel, Name: chatName(c.Chat), Date: unix(c.Date)}
	case o.MessageOriginChat != nil:
		c := o.MessageOriginChat
		return domain.Origin{Kind: domain.OriginChat, Name: chatName(c.SenderChat), Date: unix(c.Date)}
	case o.MessageOriginUser != nil:
		u := o.MessageOriginUser
		return domain.Origin{Kind: domain.OriginUser, Name: userName(u.SenderUser), Date: unix(u.Date)}
	case o.MessageOriginHiddenUser != nil:
		u := o.MessageOriginHiddenUser
		return domain.Origin{Kind: domain.OriginHiddenUser, Name: u.SenderUserName, Date: unix(u.Date)}
	}
	return domain.Origin{}
}

func unix(date int) time.Time { return time.Unix(int64(date), 0).UTC() }

// chatName is a chat's title, with its @username when it has one.
func chatName(c models.Chat) string { return withUsername(c.Title, c.Username) }

// userName is a user's full name, with their @username when they have one.
func userName(u models.User) string {
	return withUsername(strings.TrimSpace(u.FirstName+" "+u.LastName), u.Username)
}

func withUsername(name, username string) string {
	switch {
	case username == "":
		return name
	case name == "":
		return "@" + username
	}
	return name + " (@" + username + ")"
}

// onEditedMessage handles a message of the user's that they edited: a new caption of a file the
// bot keeps replaces the stored one (a short word says so); any other edit changes nothing.
func (r *Router) onEditedMessage(q *exchange, m *models.Message) error {
	in, ok := incomingFile(m)
	if !ok {
		q.log.Debug("edited message without a file: nothing to change")
		return nil
	}
	res, err := r.app.Commands.ManageFiles.EditCaption(q.ctx, q.user.ID, in.UniqueID, m.Caption)
	switch f := q.failure(onFile, err); {
	case f.gone():
		q.log.Info("caption edited on a file that is not kept", zap.String("file_unique_id", in.UniqueID))
		return nil
	case err != nil:
		return err
	case res.Changed:
		q.log.Info("caption edited", zap.Int64("file_id", res.File.ID))
		q.reply.Send(q.chat, views.Plain(q.t.CaptionEdited(res.File.Name)), m.ID)
	}
	return nil
}
