package botapi

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
)

// The Send… methods play a user writing to the bot in their private chat: each builds the
// message Telegram would deliver (the next message id of the chat, the date, the chat, From),
// queues it as an update for getUpdates and returns that update. Files sent are remembered, so
// the bot can send them back by file_id and getFile them.

// Send queues m as a message from the user, filling in its id, date, chat and sender.
func (s *Server) Send(from models.User, m models.Message) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sendFrom(from, m)
}

// sendFrom is Send for a caller that holds s.mu.
func (s *Server) sendFrom(from models.User, m models.Message) models.Update {
	sender := from
	m.From = &sender
	m = s.add(s.privateChat(from), m, false, "")
	s.registerFiles(&m)
	return s.updates.Push(models.Update{Message: &m})
}

// SendText sends a text; one starting with "/" carries a bot_command entity, as in Telegram.
func (s *Server) SendText(from models.User, text string) models.Update {
	return s.Send(from, textMessage(text))
}

// textMessage is a text message; one starting with "/" carries a bot_command entity.
func textMessage(text string) models.Message {
	m := models.Message{Text: text}
	if strings.HasPrefix(text, "/") {
		command := strings.FieldsFunc(text, unicode.IsSpace)[0]
		m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: utf16Len(command)}}
	}
	return m
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// SendDocument sends a file as a document.
func (s *Server) SendDocument(from models.User, d models.Document, caption string) models.Update {
	return s.Send(from, models.Message{Document: &d, Caption: caption})
}

// SendPhoto sends a photo in its sizes, smallest first as Telegram lists them.
func (s *Server) SendPhoto(from models.User, sizes []models.PhotoSize, caption string) models.Update {
	return s.Send(from, models.Message{Photo: sizes, Caption: caption})
}

// SendVideo sends a video.
func (s *Server) SendVideo(from models.User, v models.Video, caption string) models.Update {
	return s.Send(from, models.Message{Video: &v, Caption: caption})
}

// SendAudio sends a music file.
func (s *Server) SendAudio(from models.User, a models.Audio, caption string) models.Update {
	return s.Send(from, models.Message{Audio: &a, Caption: caption})
}

// SendVoice sends a voice note (use Send for one with a caption).
func (s *Server) SendVoice(from models.User, v models.Voice) models.Update {
	return s.Send(from, models.Message{Voice: &v})
}

// SendAnimation sends a GIF. Telegram delivers an animation with a document of the same file,
// and so does the stand-in (use Send for one with a caption).
func (s *Server) SendAnimation(from models.User, a models.Animation) models.Update {
	doc := models.Document{FileID: a.FileID, FileUniqueID: a.FileUniqueID, FileName: a.FileName, MimeType: a.MimeType, FileSize: a.FileSize}
	return s.Send(from, models.Message{Animation: &a, Document: &doc})
}

// SendVideoNote sends a round video note; they have no caption.
func (s *Server) SendVideoNote(from models.User, v models.VideoNote) models.Update {
	return s.Send(from, models.Message{VideoNote: &v})
}

// SendSticker sends a sticker.
func (s *Server) SendSticker(from models.User, st models.Sticker) models.Update {
	return s.Send(from, models.Message{Sticker: &st})
}

// EditCaption plays the user editing the caption of their message msgID: the chat keeps the new
// caption and the bot gets an edited_message (if its allowed_updates take them). A message the
// chat does not have (any more) is an error, as Telegram lets no one edit it.
func (s *Server) EditCaption(from models.User, msgID int, caption string) (models.Update, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.privateChat(from)
	i, ok := c.find(msgID)
	if !ok {
		return models.Update{}, fmt.Errorf("botapi: the chat of user %d has no message %d to edit", from.ID, msgID)
	}
	m := &c.messages[i].msg
	m.Caption, m.EditDate = caption, s.date()
	edited := *m
	return s.updates.Push(models.Update{EditedMessage: &edited}), nil
}

// PressButton presses an inline button with data on msg, one of the bot's messages in the
// user's chat. The callback query carries the message as it is now (edits applied) if the chat
// still has it, else msg as given.
func (s *Server) PressButton(from models.User, msg models.Message, data string) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.privateChat(from)
	if msg.Chat.ID != 0 {
		c = s.chat(msg.Chat.ID)
	}
	if i, ok := c.find(msg.ID); ok {
		msg = c.messages[i].msg
	}
	if msg.Date == 0 {
		msg.Date = s.date() // a zero date would make the client read an inaccessible message
	}
	if msg.Chat.ID == 0 {
		msg.Chat = c.info
	}
	id := fmt.Sprint(4_000_000_000_000_000_000 + s.nextSeq())
	s.queries[id] = &query{chatID: c.info.ID}
	q := &models.CallbackQuery{
		ID:           id,
		From:         from,
		Message:      models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &msg},
		ChatInstance: fmt.Sprint(-7_000_000_000_000_000_000 + c.info.ID),
		Data:         data,
	}
	return s.updates.Push(models.Update{CallbackQuery: q})
}

// NewFileIDs makes a file_id and a file_unique_id for a test file, different on every call and
// shaped like Telegram's.
func (s *Server) NewFileIDs() (fileID, uniqueID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.nextSeq()
	return fmt.Sprintf("BQACAgIAAxkBAAIB%012dtgtest", n), fmt.Sprintf("AgAD%08d", n)
}
