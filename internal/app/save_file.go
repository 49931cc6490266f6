package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// SaveFile keeps a file a user sent, recognising one they already keep.
type SaveFile struct {
	uow    UnitOfWork
	clock  Clock
	limits Limits
}

// NewSaveFile builds the SaveFile use case.
func NewSaveFile(uow UnitOfWork, clock Clock, limits Limits) SaveFile {
	return SaveFile{uow: uow, clock: clock, limits: limits}
}

// SaveFileInput is a file sent by a user.
type SaveFileInput struct {
	OwnerID int64
	File    domain.IncomingFile
}

// SaveFileResult tells what was kept and whether it was already there.
type SaveFileResult struct {
	File domain.File
	// AlreadySaved is true when the owner already kept the same file (its file id was refreshed).
	AlreadySaved bool
}

// Handle validates and stores the file.
func (h SaveFile) Handle(ctx context.Context, in SaveFileInput) (SaveFileResult, error) {
	f, err := domain.NewFile(in.OwnerID, in.File, h.clock.Now())
	if err != nil {
		return SaveFileResult{}, fmt.Errorf("save file: %w", err)
	}
	if h.limits.MaxFileSize > 0 && f.Size > h.limits.MaxFileSize {
		return SaveFileResult{}, fmt.Errorf("save file of %d bytes: %w", f.Size,
			&domain.TooLargeError{Size: f.Size, Limit: h.limits.MaxFileSize})
	}
	var res SaveFileResult
	err = h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		stored, created, err := r.Files.Save(ctx, f)
		res = SaveFileResult{File: stored, AlreadySaved: !created}
		return err
	})
	if err != nil {
		return SaveFileResult{}, fmt.Errorf("save file %q: %w", f.Name, err)
	}
	return res, nil
}
