package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ownedFile loads a file and checks that owner keeps it: domain.ErrForbidden if it is someone
// else's. Trashed files are returned too; callers decide what a trashed file means to them. The
// repository takes the owner in its query too: either check alone keeps other users' files out.
func ownedFile(ctx context.Context, r Repos, owner, id int64) (domain.File, error) {
	f, err := r.Files.Get(ctx, owner, id)
	if err != nil {
		return domain.File{}, err
	}
	if f.OwnerID != owner {
		return domain.File{}, fmt.Errorf("file %d of user %d: %w", id, owner, domain.ErrForbidden)
	}
	return f, nil
}

// liveFile is ownedFile for a file that must not be in the trash (domain.ErrNotFound then).
func liveFile(ctx context.Context, r Repos, owner, id int64) (domain.File, error) {
	f, err := ownedFile(ctx, r, owner, id)
	if err == nil && f.Trashed() {
		return domain.File{}, fmt.Errorf("file %d is in the trash: %w", id, domain.ErrNotFound)
	}
	return f, err
}

// ownedCategory loads a category and checks that owner made it.
func ownedCategory(ctx context.Context, r Repos, owner, id int64) (domain.Category, error) {
	c, err := r.Categories.Get(ctx, owner, id)
	if err != nil {
		return domain.Category{}, err
	}
	if c.OwnerID != owner {
		return domain.Category{}, fmt.Errorf("category %d of user %d: %w", id, owner, domain.ErrForbidden)
	}
	return c, nil
}
