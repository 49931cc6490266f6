package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Storage is what moving to another bot needs: a file id is valid only for the bot that received
// it, so each file records its bot, and its copy in the storage chat lets another bot take it.
// These use cases serve the bot and its operator, over every owner's files.
type Storage struct {
	uow UnitOfWork
}

// NewStorage builds the storage use cases.
func NewStorage(uow UnitOfWork) Storage { return Storage{uow: uow} }

// Adopt records botID as the bot of every file kept before bots were recorded (the bot running
// since received them) and returns how many.
func (h Storage) Adopt(ctx context.Context, botID int64) (int, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("adopt the files of no bot for bot %d", botID), func(ctx context.Context, r Repos) (int, error) {
		return r.Storage.AdoptUnbound(ctx, botID)
	})
}

// Rebound records newID, a file id bot botID got for f from its copy, as f's, unless f's file id
// changed since f was read; it reports whether it did.
func (h Storage) Rebound(ctx context.Context, f domain.File, newID string, botID int64) (bool, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("rebind file %d to bot %d", f.ID, botID), func(ctx context.Context, r Repos) (bool, error) {
		return r.Storage.Rebind(ctx, f.ID, f.TelegramFileID, newID, botID)
	})
}

// Copied records the file's copy in the storage chat; false when the file has one already (or is
// gone), and the new copy is then one too many.
func (h Storage) Copied(ctx context.Context, fileID int64, c domain.StorageCopy) (bool, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("record the copy of file %d", fileID), func(ctx context.Context, r Repos) (bool, error) {
		return r.Storage.SetCopy(ctx, fileID, c)
	})
}

// Counts counts the owner's files (ownerID 0: everyone's) with a copy, and those bot botID
// cannot send.
func (h Storage) Counts(ctx context.Context, ownerID, botID int64) (domain.StorageCounts, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("count the copies of user %d", ownerID), func(ctx context.Context, r Repos) (domain.StorageCounts, error) {
		return r.Storage.Count(ctx, ownerID, botID)
	})
}

// ToRebind is a page of the files bot botID can rebind from their copy, by id after afterID.
func (h Storage) ToRebind(ctx context.Context, botID, afterID int64, limit int) ([]domain.File, error) {
	return inTx(ctx, h.uow, "list the files to rebind", func(ctx context.Context, r Repos) ([]domain.File, error) {
		return r.Storage.ToRebind(ctx, botID, afterID, limit)
	})
}

// Unreachable is a page of the files bot botID cannot send: another bot's, with no copy.
func (h Storage) Unreachable(ctx context.Context, botID, afterID int64, limit int) ([]domain.File, error) {
	return inTx(ctx, h.uow, "list the unreachable files", func(ctx context.Context, r Repos) ([]domain.File, error) {
		return r.Storage.Unreachable(ctx, botID, afterID, limit)
	})
}

// Uncopied is a page of the files with no copy, by id after afterID.
func (h Storage) Uncopied(ctx context.Context, afterID int64, limit int) ([]domain.File, error) {
	return inTx(ctx, h.uow, "list the files with no copy", func(ctx context.Context, r Repos) ([]domain.File, error) {
		return r.Storage.Uncopied(ctx, afterID, limit)
	})
}

// Deleted lists copies of files deleted for good, to delete from the storage chat.
func (h Storage) Deleted(ctx context.Context, limit int) ([]domain.StorageCopy, error) {
	return inTx(ctx, h.uow, "list the copies of deleted files", func(ctx context.Context, r Repos) ([]domain.StorageCopy, error) {
		return r.Storage.Deleted(ctx, limit)
	})
}

// ForgetDeleted forgets a copy Deleted listed, once deleted from the chat (or kept).
func (h Storage) ForgetDeleted(ctx context.Context, c domain.StorageCopy) error {
	return doTx(ctx, h.uow, "forget the copy of a deleted file", func(ctx context.Context, r Repos) error {
		return r.Storage.ForgetDeleted(ctx, c)
	})
}

// Refused records that Telegram refused f's file id to bot botID as another bot's (a file kept
// before bots were recorded, adopted by the wrong one): the file is counted as one the bot
// cannot send, until sent again.
func (h Storage) Refused(ctx context.Context, f domain.File, botID int64) error {
	return doTx(ctx, h.uow, fmt.Sprintf("record that bot %d cannot send file %d", botID, f.ID), func(ctx context.Context, r Repos) error {
		_, err := r.Storage.Rebind(ctx, f.ID, f.TelegramFileID, f.TelegramFileID, domain.UnknownBot)
		return err
	})
}
