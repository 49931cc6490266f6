package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// GetFile returns one of the user's files, with its category, to show or send back.
type GetFile struct {
	uow UnitOfWork
}

// NewGetFile builds the GetFile use case.
func NewGetFile(uow UnitOfWork) GetFile { return GetFile{uow: uow} }

// GetFileInput names the file and who asks for it.
type GetFileInput struct {
	OwnerID int64
	FileID  int64
	// Trashed allows a file of the trash (to show it there); otherwise a trashed file is not found.
	Trashed bool
}

// FileDetails is a file with the category it is in.
type FileDetails struct {
	File     domain.File
	Category *domain.Category
}

// Handle returns the file if the asker owns it: domain.ErrForbidden if it is someone else's,
// domain.ErrNotFound if it does not exist or (unless asked for) is in the trash.
func (h GetFile) Handle(ctx context.Context, in GetFileInput) (FileDetails, error) {
	var d FileDetails
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		load := liveFile
		if in.Trashed {
			load = ownedFile
		}
		var err error
		if d.File, err = load(ctx, r, in.OwnerID, in.FileID); err != nil || d.File.CategoryID == nil {
			return err
		}
		c, err := r.Categories.Get(ctx, in.OwnerID, *d.File.CategoryID)
		if errors.Is(err, domain.ErrNotFound) {
			return nil // deleted meanwhile: the file is uncategorised
		}
		d.Category = &c
		return err
	})
	if err != nil {
		return FileDetails{}, fmt.Errorf("get file %d: %w", in.FileID, err)
	}
	return d, nil
}
