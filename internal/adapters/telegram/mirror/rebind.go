package mirror

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-telegram/bot"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// FileIDFromCopy forwards the file's copy into the storage chat, which gives the bot b a file
// id of its own for it, deletes the forward and returns the id.
func FileIDFromCopy(ctx context.Context, b *bot.Bot, f domain.File, log *zap.Logger) (string, error) {
	c := f.Copy
	m, err := b.ForwardMessage(ctx, &bot.ForwardMessageParams{ChatID: c.ChatID, FromChatID: c.ChatID, MessageID: int(c.MessageID), DisableNotification: true})
	if err != nil {
		return "", fmt.Errorf("forward the copy of file %d: %w", f.ID, err)
	}
	if _, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: c.ChatID, MessageID: m.ID}); err != nil {
		log.Warn("the forward of a copy stays in the storage chat", zap.Int64("file_id", f.ID), zap.Int("message_id", m.ID), zap.Error(err))
	}
	id := CarriedFileID(m, f.Carrier)
	if id == "" {
		return "", fmt.Errorf("the copy of file %d carries no %s", f.ID, f.Carrier)
	}
	return id, nil
}

// RebindSummary is what a rebind did: files given a file id of this bot, those that failed (they
// are tried again by the next rebind, or on their first send), and those with no copy, which no
// rebind can bring back.
type RebindSummary struct {
	Rebound, Failed, Unreachable int
}

// rebindPage is how many files a rebind reads at once.
const rebindPage = 200

// RebindAll gives every file of another bot that has a copy a file id of this bot, taken from
// its copy; done is told after each file. Interrupted, it resumes where it was: the files
// rebound are no longer another bot's.
func (m *Mirror) RebindAll(ctx context.Context, done func()) (RebindSummary, error) {
	var s RebindSummary
	botID := m.bot.ID()
	for after := int64(0); ; {
		files, err := m.storage.ToRebind(ctx, botID, after, rebindPage)
		if err != nil || len(files) == 0 {
			return m.unreachable(ctx, s, err)
		}
		for _, f := range files {
			after = f.ID
			if err := m.rebind(ctx, f, botID); err != nil {
				if ctx.Err() != nil {
					return s, ctx.Err()
				}
				s.Failed++
				m.rebinds.WithLabelValues("failed").Inc()
				m.log.Warn("file not rebound", zap.Int64("file_id", f.ID), zap.Error(err))
			} else {
				s.Rebound++
				m.rebinds.WithLabelValues("rebound").Inc()
			}
			done()
		}
	}
}

func (m *Mirror) rebind(ctx context.Context, f domain.File, botID int64) error {
	id, err := FileIDFromCopy(ctx, m.bot, f, m.log)
	if err != nil {
		return err
	}
	_, err = m.storage.Rebound(ctx, f, id, botID)
	return err
}

// unreachable completes s with the count of the files no rebind can bring back.
func (m *Mirror) unreachable(ctx context.Context, s RebindSummary, err error) (RebindSummary, error) {
	if err != nil {
		return s, err
	}
	c, err := m.storage.Counts(ctx, 0, m.bot.ID())
	s.Unreachable = c.Unreachable
	return s, err
}

// CopySummary is what a foreground backfill did: files copied, those left as they are (copied
// meanwhile, gone, another bot's), those that failed.
type CopySummary struct {
	Copied, Skipped, Failed int
}

// CopyAll copies every file with no copy now, in the foreground (`filekeeper mirror
// backfill`); done is told after each file. Interrupted, it resumes: the files copied have a
// copy. A file that fails is tried again by the next run.
func (m *Mirror) CopyAll(ctx context.Context, done func()) (CopySummary, error) {
	var s CopySummary
	for after := int64(0); ; {
		files, err := m.storage.Uncopied(ctx, after, rebindPage)
		if err != nil || len(files) == 0 {
			return s, err
		}
		for _, f := range files {
			after = f.ID
			outcome, err := m.copyFile(ctx, f.ID)
			switch {
			case ctx.Err() != nil:
				return s, ctx.Err()
			case errors.Is(err, errClaimed): // another copier holds it
				s.Skipped++
			case err != nil:
				s.Failed++
				m.log.Warn("file not copied", zap.Int64("file_id", f.ID), zap.Error(err))
			case outcome == copied:
				s.Copied++
			default:
				s.Skipped++
			}
			done()
		}
	}
}
