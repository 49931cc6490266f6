package domain

import (
	"errors"
	"strconv"
	"strings"
)

// A Telegram file id is valid only for the bot that received it. File Keeper records that bot
// with each file and, when a storage chat is configured, keeps a copy of the file there: any
// later bot that is an administrator of the chat can take the file from the copy.

// ErrKeptByAnotherBot means a file's Telegram file id belongs to another bot and the file has
// no copy in the storage chat: the running bot cannot send it.
var ErrKeptByAnotherBot = errors.New("the file was kept by another bot and has no copy")

// UnknownBot is the bot of a file whose file id Telegram refused to the running bot: some other
// bot's, which one is not known.
const UnknownBot int64 = -1

// StorageCopy is a file's copy in the storage chat: the chat and the message there. The zero
// value is no copy.
type StorageCopy struct {
	ChatID    int64
	MessageID int64
}

// Exists reports whether there is a copy.
func (c StorageCopy) Exists() bool { return c.ChatID != 0 && c.MessageID != 0 }

// KeptBy reports whether the bot with Telegram id botID can send the file by its Telegram file
// id: the file id was received by that bot, or by no bot recorded (a file kept before bots were
// recorded, which the bot running since is taken to have received).
func (f File) KeptBy(botID int64) bool { return f.BotID == 0 || f.BotID == botID }

// Unreachable reports whether the bot botID cannot send the file at all: its file id is another
// bot's, and there is no copy to take it from.
func (f File) Unreachable(botID int64) bool { return !f.KeptBy(botID) && !f.Copy.Exists() }

// StorageCaption is the caption of a file's copy in the storage chat: enough to tell whose file
// it is and which, should the database be lost (owner, name, kind, File Keeper's id).
func StorageCaption(f File, owner User) string {
	who := owner.Username
	if who != "" {
		who = "@" + who
	} else {
		who = strings.TrimSpace(owner.FirstName + " " + owner.LastName)
	}
	caption := who + " (" + strconv.FormatInt(owner.TelegramID, 10) + ") · " + f.Name + " · " + string(f.Kind) +
		" · #" + strconv.FormatInt(f.ID, 10)
	if len([]rune(caption)) > 1024 { // Telegram's limit for a caption
		caption = string([]rune(caption)[:1024])
	}
	return caption
}

// StorageCounts are how many files have a copy in the storage chat, and how many the running bot
// cannot send (Unreachable).
type StorageCounts struct {
	Copied      int
	Unreachable int
}
