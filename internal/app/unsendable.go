package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// UnsendableFile is a file the running bot cannot send (another bot's file id, no storage copy),
// with its owner's Telegram id: a line of `filekeeper unsendable`.
type UnsendableFile struct {
	OwnerTelegramID int64
	File            domain.File
}

// Unsendable is a page of the files bot botID cannot send, by id after afterID, at most limit,
// each with its owner's Telegram id, read in one unit of work.
func (h Storage) Unsendable(ctx context.Context, botID, afterID int64, limit int) ([]UnsendableFile, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("list the files bot %d cannot send", botID), func(ctx context.Context, r Repos) ([]UnsendableFile, error) {
		files, err := r.Storage.Unreachable(ctx, botID, afterID, limit)
		if err != nil {
			return nil, err
		}
		owners := map[int64]int64{}
		out := make([]UnsendableFile, len(files))
		for i, f := range files {
			tg, ok := owners[f.OwnerID]
			if !ok {
				u, err := r.Users.Get(ctx, f.OwnerID)
				if err != nil {
					return nil, err
				}
				tg, owners[f.OwnerID] = u.TelegramID, u.TelegramID
			}
			out[i] = UnsendableFile{OwnerTelegramID: tg, File: f}
		}
		return out, nil
	})
}
