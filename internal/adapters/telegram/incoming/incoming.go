// Package incoming reads what an update carries in the domain's terms: the sender's profile,
// the file of a message and where a forwarded one came from, a command, who a /ban names.
package incoming

import (
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Profile is what Telegram tells about the sender.
func Profile(u *models.User) domain.Profile {
	return domain.Profile{
		TelegramID:   u.ID,
		Username:     u.Username,
		FirstName:    u.FirstName,
		LastName:     u.LastName,
		LanguageCode: u.LanguageCode,
	}
}

// File extracts the file a message carries, if any, with where a forwarded one came from. A
// photo comes in several sizes: the largest is kept.
func File(m *models.Message) (domain.IncomingFile, bool) {
	in, ok := carriedFile(m)
	in.Origin = originOf(m)
	return in, ok
}

func carriedFile(m *models.Message) (domain.IncomingFile, bool) {
	c := m.Caption
	switch {
	// Telegram sets document alongside animation on a GIF message: the animation wins.
	case m.Animation != nil:
		a := m.Animation
		return domain.IncomingFile{TelegramFileID: a.FileID, UniqueID: a.FileUniqueID, Name: a.FileName, MIMEType: a.MimeType, Size: a.FileSize, Carrier: domain.KindAnimation, Caption: c}, true
	case m.Document != nil:
		d := m.Document
		return domain.IncomingFile{TelegramFileID: d.FileID, UniqueID: d.FileUniqueID, Name: d.FileName, MIMEType: d.MimeType, Size: d.FileSize, Carrier: domain.KindDocument, Caption: c}, true
	case len(m.Photo) > 0:
		p := largestPhoto(m.Photo)
		return domain.IncomingFile{TelegramFileID: p.FileID, UniqueID: p.FileUniqueID, MIMEType: "image/jpeg", Size: int64(p.FileSize), Carrier: domain.KindPhoto, Caption: c}, true
	case m.Video != nil:
		v := m.Video
		return domain.IncomingFile{TelegramFileID: v.FileID, UniqueID: v.FileUniqueID, Name: v.FileName, MIMEType: v.MimeType, Size: v.FileSize, Carrier: domain.KindVideo, Caption: c}, true
	case m.Audio != nil:
		a := m.Audio
		return domain.IncomingFile{TelegramFileID: a.FileID, UniqueID: a.FileUniqueID, Name: audioName(a), MIMEType: a.MimeType, Size: a.FileSize, Carrier: domain.KindAudio, Caption: c}, true
	case m.Voice != nil:
		v := m.Voice
		return domain.IncomingFile{TelegramFileID: v.FileID, UniqueID: v.FileUniqueID, MIMEType: v.MimeType, Size: v.FileSize, Carrier: domain.KindVoice, Caption: c}, true
	case m.VideoNote != nil:
		v := m.VideoNote
		return domain.IncomingFile{TelegramFileID: v.FileID, UniqueID: v.FileUniqueID, MIMEType: "video/mp4", Size: int64(v.FileSize), Carrier: domain.KindVideoNote, Caption: c}, true
	}
	return domain.IncomingFile{}, false
}

func largestPhoto(sizes []models.PhotoSize) models.PhotoSize {
	best := sizes[0]
	for _, p := range sizes[1:] {
		if p.Width*p.Height > best.Width*best.Height || (p.Width*p.Height == best.Width*best.Height && p.FileSize > best.FileSize) {
			best = p
		}
	}
	return best
}

// audioName falls back to "Performer – Title" when the audio has no file name.
func audioName(a *models.Audio) string {
	if a.FileName != "" {
		return a.FileName
	}
	parts := make([]string, 0, 2)
	for _, s := range []string{a.Performer, a.Title} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " – ")
}

// Command splits "/start@filekeeper_bot args" into "start" and "args". It reports false for a
// text that is not a command, or a command addressed to another bot.
func Command(text, botUsername string) (name, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, args, _ := strings.Cut(text[1:], " ")
	name, target, addressed := strings.Cut(head, "@")
	if addressed && !strings.EqualFold(target, botUsername) {
		return "", "", false
	}
	return strings.ToLower(name), strings.TrimSpace(args), name != ""
}

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

// Sender is who sent upd, nil if nobody did.
func Sender(upd *models.Update) *models.User {
	switch {
	case upd.Message != nil:
		return upd.Message.From
	case upd.CallbackQuery != nil:
		return &upd.CallbackQuery.From
	case upd.InlineQuery != nil:
		return upd.InlineQuery.From
	case upd.MyChatMember != nil:
		return &upd.MyChatMember.From
	}
	return nil
}

// PressedChat is the chat of the message a button belongs to; a button of an inline message
// (no message) belongs to its presser.
func PressedChat(cq *models.CallbackQuery) models.Chat {
	switch m := cq.Message; {
	case m.Message != nil:
		return m.Message.Chat
	case m.InaccessibleMessage != nil:
		return m.InaccessibleMessage.Chat
	}
	return models.Chat{ID: cq.From.ID, Type: models.ChatTypePrivate}
}

// BanTarget is the Telegram id a /ban names: the number after it, or the sender of the forwarded
// message it replies to; hidden when that sender hides their account in forwards.
func BanTarget(m *models.Message, args string) (id int64, hidden bool) {
	if args != "" {
		id, err := strconv.ParseInt(args, 10, 64)
		if err != nil || id <= 0 {
			return 0, false
		}
		return id, false
	}
	if m.ReplyToMessage == nil || m.ReplyToMessage.ForwardOrigin == nil {
		return 0, false
	}
	switch o := m.ReplyToMessage.ForwardOrigin; o.Type {
	case models.MessageOriginTypeUser:
		return o.MessageOriginUser.SenderUser.ID, false
	case models.MessageOriginTypeHiddenUser:
		return 0, true
	}
	return 0, false
}
