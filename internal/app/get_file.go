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

// FileDetails is a file with the category it is in and the tags it carries: what a file's card
// shows.
type FileDetails struct {
	File     domain.File
	Category *domain.Category
	Tags     []domain.Tag // by name
}

// Handle returns the file if the asker owns it: domain.ErrForbidden if it is someone else's,
// domain.ErrNotFound if it does not exist or (unless asked for) is in the trash.
func (h GetFile) Handle(ctx context.Context, in GetFileInput) (FileDetails, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("get file %d", in.FileID), func(ctx context.Context, r Repos) (FileDetails, error) {
		load := liveFile
		if in.Trashed {
			load = ownedFile
		}
		f, err := load(ctx, r, in.OwnerID, in.FileID)
		if err != nil {
			return FileDetails{}, err
		}
		return detailsOf(ctx, r, f)
	})
}

// detailsOf is f with its category and tags; a category deleted meanwhile leaves the file
// uncategorised.
func detailsOf(ctx context.Context, r Repos, f domain.File) (FileDetails, error) {
	d := FileDetails{File: f}
	tags, err := r.Tags.OfFile(ctx, f.OwnerID, f.ID)
	if err != nil {
		return FileDetails{}, err
	}
	d.Tags = tags
	if f.CategoryID == nil {
		return d, nil
	}
	c, err := r.Categories.Get(ctx, f.OwnerID, *f.CategoryID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return d, nil
	case err != nil:
		return FileDetails{}, err
	}
	d.Category = &c
	return d, nil
}
