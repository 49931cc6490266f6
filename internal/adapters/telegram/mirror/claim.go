package mirror

// Exactly one copy per file, as far as Telegram allows.
//
// The Bot API cannot list or search a channel's messages: a post whose message id was never
// recorded (the process died after Telegram took the post and before the database took its id)
// cannot be found by asking. So a copy is claimed before it is posted (app.StorageClaim): the
// claim keeps the highest message id recorded in the chat at the time (its floor), and every
// attempt that takes the claim over counts itself. Message ids in a channel only grow, so a post
// of an earlier attempt lies between the floor and the id of this attempt's own post. When an
// earlier attempt may have posted (the claim was taken over), this attempt, after its own post
// and before recording it, looks at every message id in that window that is not a known copy:
// it forwards it into the chat (the forward shows what the message carries; it is deleted at
// once), and deletes the message when it carries this file (its file_unique_id, and the caption's
// "#<file id>"). The claim stays until the post is recorded, so an attempt that dies while
// looking leaves the same window, wider, to the next one.
//
// The record is fenced by the claim's holder: an attempt that lost its claim (another took it
// over) does not record, and deletes its own post. What can still be left in the chat, and is
// counted as such by the tests:
//   - a post of an attempt that lost its claim and died between its post and deleting it, when
//     that post came after the post of the attempt that took the claim over (out of its window);
//   - a forward this package made (a probe, or rebind's FileIDFromCopy) when the process died
//     between the forward and its deletion: a forward of a copy, never a second copy;
//   - a leftover post of a video note (it has no caption to tell whose it is);
//   - a window wider than maxProbes unchecked messages (many posts of other files between a
//     crash and the next attempt): the rest is left, and logged.
// A storage chat in which people post too makes the windows wider, never wrong: only a message
// that carries this very file is deleted.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// errClaimed is a copy another attempt holds (or has just made).
var errClaimed = errors.New("another attempt holds the copy")

// maxProbes is how many unknown messages of a window one attempt looks at, at most: each costs
// two calls in the storage chat (a forward and its deletion), paced at 20 a minute.
const maxProbes = 50

// leftover counts, in filekeeper_storage_copies_total, the posts of dead attempts deleted.
const leftover = "leftover"

// newHolder names one attempt at a copy.
func newHolder() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

// clearLeftovers deletes the posts of f that earlier attempts left in the window between floor
// and this attempt's post c; it fails only when the Bot API does (the claim stays, the job runs
// again).
func (m *Mirror) clearLeftovers(ctx context.Context, f domain.File, floor int64, c domain.StorageCopy, log *zap.Logger) error {
	known, err := m.storage.KnownPosts(ctx, c.ChatID, floor, c.MessageID)
	if err != nil {
		return err
	}
	probes, found := 0, 0
	for id := floor + 1; id < c.MessageID; id++ {
		if slices.Contains(known, id) {
			continue
		}
		if probes == maxProbes {
			log.Warn("a copy's earlier attempts were looked for in part: the rest of the storage chat's window is left as it is",
				zap.Int64("from_message_id", id), zap.Int64("to_message_id", c.MessageID))
			break
		}
		probes++
		ours, err := m.carriesFile(ctx, c.ChatID, id, f, log)
		if err != nil {
			return err
		}
		if ours {
			m.deletePost(ctx, domain.StorageCopy{ChatID: c.ChatID, MessageID: id}, log)
			m.copies.WithLabelValues(leftover).Inc()
			found++
		}
	}
	log.Info("a copy's earlier attempts were looked for", zap.Int("messages_looked_at", probes), zap.Int("posts_deleted", found))
	return nil
}

// carriesFile tells whether the message id of the chat carries f: the bot forwards it into the
// chat, reads the forward and deletes it. A message that is not there carries nothing.
func (m *Mirror) carriesFile(ctx context.Context, chatID, id int64, f domain.File, log *zap.Logger) (bool, error) {
	fwd, err := m.bot.ForwardMessage(ctx, &bot.ForwardMessageParams{ChatID: chatID, FromChatID: chatID, MessageID: int(id), DisableNotification: true})
	switch {
	case errors.Is(err, bot.ErrorBadRequest): // gone (deleted), or never there
		return false, nil
	case err != nil:
		return false, fmt.Errorf("look at message %d of the storage chat: %w", id, err)
	}
	m.deletePost(ctx, domain.StorageCopy{ChatID: chatID, MessageID: int64(fwd.ID)}, log)
	return carries(fwd, f), nil
}

// carries tells whether the message carries the file f as its copy does: the same file (by
// file_unique_id, the same for every bot) and the caption naming f's id. A video note has no
// caption: two owners' copies of one video note cannot be told apart, so its leftovers stay.
func carries(msg *models.Message, f domain.File) bool {
	return f.Carrier != domain.KindVideoNote && slices.Contains(carriedUniqueIDs(msg), f.UniqueID) &&
		strings.HasSuffix(msg.Caption, " · #"+strconv.FormatInt(f.ID, 10))
}

// carriedUniqueIDs are the file_unique_ids of what the message carries (every size of a photo).
func carriedUniqueIDs(msg *models.Message) []string {
	var ids []string
	for _, p := range msg.Photo {
		ids = append(ids, p.FileUniqueID)
	}
	for _, u := range []struct {
		ok bool
		id func() string
	}{
		{msg.Document != nil, func() string { return msg.Document.FileUniqueID }},
		{msg.Video != nil, func() string { return msg.Video.FileUniqueID }},
		{msg.Audio != nil, func() string { return msg.Audio.FileUniqueID }},
		{msg.Voice != nil, func() string { return msg.Voice.FileUniqueID }},
		{msg.Animation != nil, func() string { return msg.Animation.FileUniqueID }},
		{msg.VideoNote != nil, func() string { return msg.VideoNote.FileUniqueID }},
	} {
		if u.ok {
			ids = append(ids, u.id())
		}
	}
	return ids
}
