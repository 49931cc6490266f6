package repotest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/shares"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// owned is one of each thing kept by id, all of owner's.
type owned struct {
	owner, other domain.User
	file         domain.File
	category     domain.Category
	search       domain.Search
	share        domain.Share
}

func seedOwned(t *testing.T, uow app.UnitOfWork) owned {
	t.Helper()
	o := owned{owner: mustUpsert(t, uow, newUser(1)), other: mustUpsert(t, uow, newUser(2))}
	o.file = utcFile(mustSave(t, uow, newFile(o.owner.ID, "mine", domain.KindDocument)))
	o.category = mustCreateCategory(t, uow, o.owner.ID, "Mine")
	o.share = shares.MustShare(t, uow, shares.NewShare(o.owner.ID, "mine", o.file.ID, 0))
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		o.search, err = r.Searches.Save(ctx, domain.Search{OwnerID: o.owner.ID, Text: "mine"})
		require.NoError(t, err)
	})
	return o
}

// testOwnership covers the reads and writes by id: each names the owner, and gives or changes
// nothing of anyone else's, so a check forgotten in a use case cannot leak.
func testOwnership(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	// get reads the thing of that kind by owner and id.
	gets := []struct {
		name string
		get  func(ctx context.Context, r app.Repos, o owned, owner int64, missing bool) error
	}{
		{"file", func(ctx context.Context, r app.Repos, o owned, owner int64, missing bool) error {
			_, err := r.Files.Get(ctx, owner, o.file.ID+b2i(missing)*1000)
			return err
		}},
		{"file for update", func(ctx context.Context, r app.Repos, o owned, owner int64, missing bool) error {
			f, err := r.Files.GetForUpdate(ctx, owner, o.file.ID+b2i(missing)*1000)
			if err == nil && f.ID != o.file.ID {
				return errors.New("another file read")
			}
			return err
		}},
		{"category", func(ctx context.Context, r app.Repos, o owned, owner int64, missing bool) error {
			_, err := r.Categories.Get(ctx, owner, o.category.ID+b2i(missing)*1000)
			return err
		}},
		{"saved search", func(ctx context.Context, r app.Repos, o owned, owner int64, missing bool) error {
			_, err := r.Searches.Get(ctx, owner, o.search.ID+b2i(missing)*1000)
			return err
		}},
		{"share", func(ctx context.Context, r app.Repos, o owned, owner int64, missing bool) error {
			_, err := r.Shares.Get(ctx, owner, o.share.ID+b2i(missing)*1000)
			return err
		}},
	}
	for _, g := range gets {
		t.Run("a "+g.name+" is read by its owner, refused to another user, not found when absent", func(t *testing.T) {
			uow := newUOW(t)
			o := seedOwned(t, uow)
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				assert.NoError(t, g.get(ctx, r, o, o.owner.ID, false), "the owner")
				assert.ErrorIs(t, g.get(ctx, r, o, o.other.ID, false), domain.ErrForbidden, "another user")
				assert.ErrorIs(t, g.get(ctx, r, o, o.owner.ID, true), domain.ErrNotFound, "the owner, no such id")
				assert.ErrorIs(t, g.get(ctx, r, o, o.other.ID, true), domain.ErrNotFound, "another user, no such id")
				return nil
			})
			require.NoError(t, err, "a refused read leaves the unit of work usable")
		})
	}
	t.Run("the owner's things are got back whole", func(t *testing.T) {
		uow := newUOW(t)
		o := seedOwned(t, uow)
		do(t, uow, func(ctx context.Context, r app.Repos) {
			f, err := r.Files.Get(ctx, o.owner.ID, o.file.ID)
			require.NoError(t, err)
			assert.Equal(t, o.file, utcFile(f))
			c, err := r.Categories.Get(ctx, o.owner.ID, o.category.ID)
			require.NoError(t, err)
			assert.Equal(t, o.category.ID, c.ID)
			s, err := r.Searches.Get(ctx, o.owner.ID, o.search.ID)
			require.NoError(t, err)
			assert.Equal(t, o.search, s)
			sh, err := r.Shares.Get(ctx, o.owner.ID, o.share.ID)
			require.NoError(t, err)
			assert.Equal(t, o.share, shares.UTC(sh))
		})
	})
	t.Run("a file read for update is changed by its update, which is not waited for", func(t *testing.T) {
		uow := newUOW(t)
		o := seedOwned(t, uow)
		do(t, uow, func(ctx context.Context, r app.Repos) {
			f, err := r.Files.GetForUpdate(ctx, o.owner.ID, o.file.ID)
			require.NoError(t, err)
			f.Name = "renamed.pdf"
			require.NoError(t, r.Files.Update(ctx, f))
			tags, err := r.Tags.OfFile(ctx, o.owner.ID, o.file.ID)
			require.NoError(t, err)
			assert.Empty(t, tags)
		})
		do(t, uow, func(ctx context.Context, r app.Repos) {
			f, err := r.Files.Get(ctx, o.owner.ID, o.file.ID)
			require.NoError(t, err)
			assert.Equal(t, "renamed.pdf", f.Name)
		})
	})
	t.Run("another user's rename, delete and revoke are not found and change nothing", func(t *testing.T) {
		uow := newUOW(t)
		o := seedOwned(t, uow)
		do(t, uow, func(ctx context.Context, r app.Repos) {
			assert.ErrorIs(t, r.Categories.Rename(ctx, o.other.ID, o.category.ID, "Stolen"), domain.ErrNotFound)
			_, err := r.Categories.Delete(ctx, o.other.ID, o.category.ID)
			assert.ErrorIs(t, err, domain.ErrNotFound)
			assert.ErrorIs(t, r.Shares.Revoke(ctx, o.other.ID, o.share.ID, t0), domain.ErrNotFound)
			assert.ErrorIs(t, r.Files.Delete(ctx, o.other.ID, o.file.ID), domain.ErrNotFound)
			stolen := o.file
			stolen.OwnerID, stolen.Name = o.other.ID, "stolen.pdf"
			assert.ErrorIs(t, r.Files.Update(ctx, stolen), domain.ErrNotFound)
		})
		do(t, uow, func(ctx context.Context, r app.Repos) {
			c, err := r.Categories.Get(ctx, o.owner.ID, o.category.ID)
			require.NoError(t, err)
			assert.Equal(t, "Mine", c.Name)
			sh, err := r.Shares.Get(ctx, o.owner.ID, o.share.ID)
			require.NoError(t, err)
			assert.True(t, sh.Active())
			f, err := r.Files.Get(ctx, o.owner.ID, o.file.ID)
			require.NoError(t, err)
			assert.Equal(t, o.file, utcFile(f))
		})
	})
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
