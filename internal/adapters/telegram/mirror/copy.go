package mirror

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-telegram/bot"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Copy is the work of a CopyToStorageJob: it posts the file in the storage chat with a caption
// that tells whose file it is, and records the post. A file gone, copied already or not this
// bot's to send is left as it is. At most one copy is kept, even when an attempt dies between
// its post and its record, or two attempts race (two instances, a backfill beside the job of a
// new file): see claim.go.
func (m *Mirror) Copy(ctx context.Context, job app.CopyToStorageJob) error {
	_, err := m.copyFile(ctx, job.FileID)
	return err
}

// The outcomes of a copy, as filekeeper_storage_copies_total counts them.
const (
	copied    = "copied"
	duplicate = "duplicate"
	skipped   = "skipped"
	failed    = "failed"
)

// copyFile copies the file with that id and says how it went: it claims the copy, posts, looks
// for what an earlier attempt may have left when that is unsure, and records the post if the
// claim is still this attempt's.
func (m *Mirror) copyFile(ctx context.Context, fileID int64) (outcome string, err error) {
	defer func() { m.copies.WithLabelValues(outcome).Inc() }()
	if m.cfg.ChatID == 0 {
		return skipped, nil
	}
	log := m.log.With(zap.Int64("file_id", fileID))
	f, owner, err := m.storage.ToCopy(ctx, fileID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return skipped, nil
	case err != nil:
		return failed, err
	case f.Copy.Exists():
		return skipped, nil
	case !f.KeptBy(m.bot.ID()):
		log.Warn("a file of another bot cannot be copied: it has no copy to send it from", zap.Int64("file_bot_id", f.BotID))
		return skipped, nil
	}
	holder := newHolder()
	claim, ok, err := m.storage.Claim(ctx, f.ID, m.cfg.ChatID, holder, m.cfg.lease())
	switch {
	case err != nil:
		return failed, err
	case !ok: // copied or gone meanwhile, or another attempt holds it: the job looks again later
		return skipped, fmt.Errorf("copy file %d: %w", f.ID, errClaimed)
	}
	posted, err := send(ctx, m.bot, m.cfg.ChatID, f, domain.StorageCaption(f, owner))
	if err != nil {
		return failed, permanent(fmt.Errorf("copy file %d to the storage chat: %w", f.ID, err))
	}
	c := domain.StorageCopy{ChatID: m.cfg.ChatID, MessageID: int64(posted.ID)}
	if claim.Unsure() {
		if err := m.clearLeftovers(ctx, f, claim.Floor, c, log); err != nil {
			return failed, err // the claim stays: the next attempt looks again, from the same floor
		}
	}
	set, err := m.storage.RecordClaimed(ctx, f.ID, holder, c)
	if err == nil && set {
		log.Debug("file copied to the storage chat", zap.Int("message_id", posted.ID))
		return copied, nil
	}
	// Not recorded: another attempt took the claim over or recorded its copy first, or the record
	// failed (the job runs again). Either way this post must not stay: one copy per file.
	m.deletePost(ctx, c, log)
	if err != nil {
		return failed, err
	}
	log.Info("a second copy of a file was deleted from the storage chat")
	return duplicate, nil
}

// deletePost deletes a post of the storage chat, saying so if it cannot.
func (m *Mirror) deletePost(ctx context.Context, c domain.StorageCopy, log *zap.Logger) {
	if _, err := m.bot.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: c.ChatID, MessageID: int(c.MessageID)}); err != nil && !gone(err) {
		log.Warn("a post of the storage chat could not be deleted", zap.Int64("message_id", c.MessageID), zap.Error(err))
	}
}

// gone tells Telegram's answer to deleting a message that is not there (any more).
func gone(err error) bool {
	return errors.Is(err, bot.ErrorBadRequest) && strings.Contains(err.Error(), "message to delete not found")
}

// sweepPage is how many copies of deleted files one sweep deletes at most.
const sweepPage = 100

// Sweep is the work of the periodic SweepStorageJob: the copies of files deleted for good are
// deleted from the storage chat (kept with STORAGE_KEEP_DELETED), and forgotten.
func (m *Mirror) Sweep(ctx context.Context, _ app.SweepStorageJob) error {
	copies, err := m.storage.Deleted(ctx, sweepPage)
	if err != nil {
		return err
	}
	for _, c := range copies {
		if !m.cfg.KeepDeleted {
			_, err := m.bot.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: c.ChatID, MessageID: int(c.MessageID)})
			if err != nil && !gone(err) && !errors.Is(err, bot.ErrorBadRequest) {
				return fmt.Errorf("delete the copy %d of a deleted file: %w", c.MessageID, err)
			}
			if err != nil && !gone(err) {
				m.log.Warn("the copy of a deleted file stays in the storage chat", zap.Int64("chat_id", c.ChatID), zap.Int64("message_id", c.MessageID), zap.Error(err))
			}
		}
		if err := m.storage.ForgetDeleted(ctx, c); err != nil {
			return err
		}
	}
	if len(copies) > 0 {
		m.log.Info("copies of deleted files swept", zap.Int("copies", len(copies)), zap.Bool("kept", m.cfg.KeepDeleted))
	}
	return nil
}

// Backfill is the work of the BackfillStorageJob: a copy job for every file with no copy.
func (m *Mirror) Backfill(ctx context.Context, job app.BackfillStorageJob) error {
	n, err := m.storage.Backfill(ctx)
	m.log.Info("storage backfill: the files with no copy are queued to be copied", zap.Int("files", n), zap.Int64("storage_chat_id", job.ChatID))
	return err
}
