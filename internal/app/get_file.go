package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// GetFile returns one of the user's files, to show or send back.
type GetFile struct {
	uow UnitOfWork
}

// NewGetFile builds the GetFile use case.
func NewGetFile(uow UnitOfWork) GetFile { return GetFile{uow: uow} }

// GetFileInput names the file and who asks for it.
type GetFileInput struct {
	OwnerID int64
	FileID  int64
}

// Handle returns the file if the asker owns it: domain.ErrForbidden if it is someone else's,
// domain.ErrNotFound if it does not exist or was deleted.
func (h GetFile) Handle(ctx context.Context, in GetFileInput) (domain.File, error) {
	var f domain.File
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		var err error
		f, err = r.Files.Get(ctx, in.FileID)
		return err
	})
	switch {
	case err != nil:
		return domain.File{}, fmt.Errorf("get file %d: %w", in.FileID, err)
	case f.OwnerID != in.OwnerID:
		return domain.File{}, fmt.Errorf("get file %d of user %d: %w", in.FileID, in.OwnerID, domain.ErrForbidden)
	case f.DeletedAt != nil:
		return domain.File{}, fmt.Errorf("get file %d: deleted: %w", in.FileID, domain.ErrNotFound)
	}
	return f, nil
}
