package botapi

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Telegram gives each bot file_ids of its own: a file_id one bot received is refused to another
// with "wrong file identifier/HTTP URL specified", though the file_unique_id is the same for
// both. A bot that sees a message another bot sent (one forwarded or copied from a channel both
// are in) gets new file_ids of its own for its files. ChangeBot plays an operator moving to a
// new bot, so that tests can prove a library survives the move.

// OtherToken is a second bot's token, for ChangeBot: the bot an operator moves to.
const OtherToken = "987654321:BBtest-token-of-the-bot-moved-to"

// OtherBotID is the user id of the bot of OtherToken.
const OtherBotID int64 = 987654321

// botUser is the user of a bot called File Keeper with inline mode on, as @BotFather's
// /setinline would make it.
func botUser(id int64, username string) models.User {
	return models.User{ID: id, IsBot: true, FirstName: "File Keeper", Username: username, SupportInlineQueries: true}
}

// ChangeBot makes the server play the bot of token ("<bot id>:<secret>") from now on: getMe
// answers it, the old token gets 401, the file_ids the old bot received are refused, and the new
// bot is in none of the groups and channels made so far until added (AddBot, SetBotStatus).
func (s *Server) ChangeBot(token string) (models.User, error) {
	idText, secret, ok := strings.Cut(token, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 || secret == "" {
		return models.User{}, fmt.Errorf("bot token %q is not <bot id>:<secret>", token)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token, s.bot = token, botUser(id, fmt.Sprintf("filekeeper_%d_bot", id))
	for _, c := range s.chats {
		if c.info.Type != models.ChatTypePrivate && c.botStatus(id) == "" {
			c.setBotStatus(id, models.ChatMemberTypeLeft)
		}
	}
	return s.bot, nil
}

// accepts tells whether token is the running bot's.
func (s *Server) accepts(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return token == s.token
}

// ours tells whether f is known under a file_id the running bot received; the caller holds s.mu.
func (s *Server) ours(f *file) bool { return f.bot == s.bot.ID }

// forBot is m as the running bot sees it: each file another bot received gets a new file_id for
// this one (the same content and file_unique_id), kept like any file. The caller holds s.mu.
func (s *Server) forBot(m models.Message) models.Message {
	fresh := map[string]string{}
	withFileIDs(m, func(old string) string {
		if f, ok := s.files[old]; ok && !s.ours(f) && fresh[old] == "" {
			fresh[old], _ = s.fileIDs(f.kind, nil)
		}
		return old
	})
	if len(fresh) == 0 {
		return m
	}
	rename := func(id string) string {
		if n, ok := fresh[id]; ok {
			return n
		}
		return id
	}
	for old, id := range fresh {
		f := *s.files[old]
		f.bot, f.path, f.media = s.bot.ID, "", withFileIDs(f.media, rename)
		s.files[id] = &f
		_ = s.persist(id, &f) // on a full disk the new id lives in memory only, as files without content do
	}
	return withFileIDs(m, rename)
}

// withFileIDs is m with each file's file_id replaced by rename(file_id); m itself is not changed.
func withFileIDs(m models.Message, rename func(string) string) models.Message {
	if d := m.Document; d != nil {
		c := *d
		c.FileID = rename(c.FileID)
		m.Document = &c
	}
	if len(m.Photo) > 0 {
		photo := make([]models.PhotoSize, len(m.Photo))
		for i, p := range m.Photo {
			p.FileID = rename(p.FileID)
			photo[i] = p
		}
		m.Photo = photo
	}
	if v := m.Video; v != nil {
		c := *v
		c.FileID = rename(c.FileID)
		m.Video = &c
	}
	if a := m.Audio; a != nil {
		c := *a
		c.FileID = rename(c.FileID)
		m.Audio = &c
	}
	if v := m.Voice; v != nil {
		c := *v
		c.FileID = rename(c.FileID)
		m.Voice = &c
	}
	if a := m.Animation; a != nil {
		c := *a
		c.FileID = rename(c.FileID)
		m.Animation = &c
	}
	if v := m.VideoNote; v != nil {
		c := *v
		c.FileID = rename(c.FileID)
		m.VideoNote = &c
	}
	if st := m.Sticker; st != nil {
		c := *st
		c.FileID = rename(c.FileID)
		m.Sticker = &c
	}
	return m
}
