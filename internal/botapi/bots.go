package botapi

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/files"
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
func (s *Server) ours(f *files.File) bool { return f.Bot == s.bot.ID }

// forBot is m as the running bot sees it, each file with a file_id of its own (see
// files.Store.ForBot). The caller holds s.mu.
func (s *Server) forBot(m models.Message) models.Message {
	return s.files.ForBot(m, s.bot.ID, s.nextSeq)
}
