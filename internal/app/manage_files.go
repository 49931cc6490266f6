package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ManageFiles holds the use cases that change one of a user's files: rename, move, delete to the
// trash, restore, delete for good, empty the trash. Each returns what the screen after it shows:
// rename, move and restore the file's card (FileDetails), the deletes the file that went.
type ManageFiles struct {
	uow   UnitOfWork
	clock Clock
}

// NewManageFiles builds the file management use cases.
func NewManageFiles(uow UnitOfWork, clock Clock) ManageFiles {
	return ManageFiles{uow: uow, clock: clock}
}

type fileLoader func(ctx context.Context, r Repos, owner, id int64) (domain.File, error)

// change loads the owner's file, applies fn to it and stores it, all in one unit of work, and
// returns it as stored with its category.
func (h ManageFiles) change(ctx context.Context, owner, id int64, what string, load fileLoader,
	fn func(ctx context.Context, r Repos, f *domain.File) error) (FileDetails, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("%s file %d", what, id), func(ctx context.Context, r Repos) (FileDetails, error) {
		f, err := load(ctx, forUpdate(r), owner, id)
		if err != nil {
			return FileDetails{}, err
		}
		if err := fn(ctx, r, &f); err != nil {
			return FileDetails{}, err
		}
		if err := r.Files.Update(ctx, f); err != nil {
			return FileDetails{}, err
		}
		return detailsOf(ctx, r, f)
	})
}

// forUpdate is r whose Files.Get reads for a change (FileRepository.GetForUpdate).
func forUpdate(r Repos) Repos {
	r.Files = filesForUpdate{r.Files}
	return r
}

type filesForUpdate struct{ FileRepository }

func (f filesForUpdate) Get(ctx context.Context, ownerID, id int64) (domain.File, error) {
	return f.GetForUpdate(ctx, ownerID, id)
}

// Rename renames a live file: domain.ErrInvalidName for a bad name; the extension is kept when
// the new name has none. It returns the renamed file's card.
func (h ManageFiles) Rename(ctx context.Context, owner, id int64, name string) (FileDetails, error) {
	return h.change(ctx, owner, id, "rename", liveFile, func(_ context.Context, _ Repos, f *domain.File) error {
		return f.Rename(name)
	})
}

// Reuploaded records that the owner's file was uploaded again under its name and is known to
// Telegram by newTelegramID now (it was sent under oldTelegramID, which a resend may have
// refreshed meanwhile: then nothing changes).
func (h ManageFiles) Reuploaded(ctx context.Context, owner, id int64, oldTelegramID, newTelegramID string) error {
	return doTx(ctx, h.uow, fmt.Sprintf("record the new telegram file id of file %d", id), func(ctx context.Context, r Repos) error {
		if _, err := ownedFile(ctx, r, owner, id); err != nil {
			return err
		}
		_, err := r.Files.ReplaceTelegramFileID(ctx, owner, id, oldTelegramID, newTelegramID)
		return err
	})
}

// Move puts a live file into one of the owner's categories, or in none when categoryID is 0, and
// returns its card.
func (h ManageFiles) Move(ctx context.Context, owner, id, categoryID int64) (FileDetails, error) {
	return h.change(ctx, owner, id, "move", liveFile, func(ctx context.Context, r Repos, f *domain.File) error {
		if categoryID == 0 {
			f.CategoryID = nil
			return nil
		}
		if _, err := ownedCategory(ctx, r, owner, categoryID); err != nil {
			return err
		}
		f.CategoryID = &categoryID
		return nil
	})
}

// Trash deletes a live file to the trash, from where it can be restored until it is purged, and
// returns it trashed.
func (h ManageFiles) Trash(ctx context.Context, owner, id int64) (domain.File, error) {
	now := h.clock.Now()
	d, err := h.change(ctx, owner, id, "trash", liveFile, func(ctx context.Context, r Repos, f *domain.File) error {
		f.DeletedAt = &now
		_, err := r.Shares.RevokeForFile(ctx, f.ID, now) // a deleted file is no longer shared
		return err
	})
	return d.File, err
}

// Restore takes a file out of the trash (restoring a live file changes nothing) and returns its
// card.
func (h ManageFiles) Restore(ctx context.Context, owner, id int64) (FileDetails, error) {
	return h.change(ctx, owner, id, "restore", ownedFile, func(_ context.Context, _ Repos, f *domain.File) error {
		f.DeletedAt = nil
		return nil
	})
}

// DeleteForever deletes a file of the trash for good: domain.ErrNotFound if it is not in the trash.
func (h ManageFiles) DeleteForever(ctx context.Context, owner, id int64) (domain.File, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("delete file %d forever", id), func(ctx context.Context, r Repos) (domain.File, error) {
		f, err := ownedFile(ctx, r, owner, id)
		if err != nil {
			return domain.File{}, err
		}
		if !f.Trashed() {
			return domain.File{}, fmt.Errorf("file is not in the trash: %w", domain.ErrNotFound)
		}
		return f, r.Files.Delete(ctx, owner, id)
	})
}

// EmptyTrash deletes for good every file in the owner's trash and returns how many there were.
func (h ManageFiles) EmptyTrash(ctx context.Context, owner int64) (int, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("empty the trash of user %d", owner), func(ctx context.Context, r Repos) (int, error) {
		return r.Files.EmptyTrash(ctx, owner)
	})
}
