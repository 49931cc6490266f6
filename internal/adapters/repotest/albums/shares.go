package albums

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func albumShare(t *testing.T, owner int64, name string, albumID int64) domain.Share {
	t.Helper()
	s, err := domain.NewAlbumShare(owner, (name + strings.Repeat("0", 22))[:22], albumID, fixture.T0)
	require.NoError(t, err)
	return s
}

func activeLinks(t *testing.T, uow app.UnitOfWork, owner int64) []domain.ShareSummary {
	t.Helper()
	var list []domain.ShareSummary
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		list, err = r.Shares.ListActivePage(ctx, app.ShareQuery{OwnerID: owner, Limit: 10})
		require.NoError(t, err)
	})
	return list
}

var albumShares = []fixture.Contract[seeded]{
	{Name: "an album's share is kept with its album and listed by its title", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		var stored domain.Share
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			var err error
			stored, err = r.Shares.Create(ctx, albumShare(t, s.owner.ID, "album", s.album.ID))
			require.NoError(t, err)
			got, err := r.Shares.ByToken(ctx, stored.Token)
			require.NoError(t, err)
			assert.Equal(t, s.album.ID, got.AlbumID)
			assert.Zero(t, got.FileID)
			assert.Zero(t, got.CategoryID)
		})
		list := activeLinks(t, uow, s.owner.ID)
		require.Len(t, list, 1)
		assert.Equal(t, stored.ID, list[0].ID)
		assert.Equal(t, s.files[0].Caption, list[0].Name, "an album with no name is named by its first caption")
		require.NotNil(t, list[0].AlbumCreatedAt)
		assert.True(t, list[0].AlbumCreatedAt.Equal(s.album.CreatedAt))

		fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
			return r.Albums.Rename(ctx, s.owner.ID, s.album.ID, "Holiday")
		})
		assert.Equal(t, "Holiday", activeLinks(t, uow, s.owner.ID)[0].Name)
	}},
	{Name: "a share of an album and a file at once, or of an unknown album, is refused", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		both := albumShare(t, s.owner.ID, "both", s.album.ID)
		both.FileID = s.loose.ID
		err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			_, err := r.Shares.Create(ctx, both)
			return err
		})
		assert.Error(t, err)
		err = uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			_, err := r.Shares.Create(ctx, albumShare(t, s.owner.ID, "unknown", s.album.ID+1000))
			return err
		})
		assert.Error(t, err)
		assert.Empty(t, activeLinks(t, uow, s.owner.ID))
	}},
}
