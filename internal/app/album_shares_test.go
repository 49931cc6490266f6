package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestAnAlbumIsSharedAsAUnit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{AlbumWindow: 10 * time.Second})
	ann, bob, cyd := f.register(t, 42), f.register(t, 43), f.register(t, 44)
	p1 := f.sendAlbumFile(t, ann.ID, photo("p1"), "g1")
	p2 := f.sendAlbumFile(t, ann.ID, photo("p2"), "g1")
	albumID := p1.Album.Album.ID
	_, err := f.app.Commands.Albums.Rename(ctx, ann.ID, albumID, "Holiday") // named: /links shows it
	require.NoError(t, err)

	_, err = f.app.Commands.Shares.CreateAlbumLink(ctx, bob.ID, albumID, app.LinkOptions{})
	require.ErrorIs(t, err, domain.ErrForbidden, "only the owner shares their album")

	link, err := f.app.Commands.Shares.CreateAlbumLink(ctx, ann.ID, albumID, app.LinkOptions{MaxViewers: 1, Protect: true})
	require.NoError(t, err)
	assert.Equal(t, "Holiday", link.Subject)
	require.NotNil(t, link.Album)
	assert.Equal(t, 2, link.Album.Files)
	assert.Equal(t, albumID, link.Share.AlbumID)
	assert.Zero(t, link.Share.FileID)
	assert.Zero(t, link.Share.CategoryID)

	o, err := f.app.Commands.Shares.Open(ctx, bob.ID, link.Share.Token)
	require.NoError(t, err)
	require.NotNil(t, o.Album)
	assert.True(t, o.Share.Limits.Protect)
	assert.Equal(t, []int64{p1.File.ID, p2.File.ID}, fileIDs(o.Files), "the album's files, oldest first")

	g, err := f.app.Commands.Shares.SharedFile(ctx, bob.ID, link.Share.ID, p2.File.ID)
	require.NoError(t, err, "a file of the album is in the share")
	assert.True(t, g.Protect)

	_, err = f.app.Commands.Shares.Open(ctx, cyd.ID, link.Share.Token)
	require.ErrorIs(t, err, domain.ErrLinkUsedUp, "one person may open it, once per opening counted")
	_, err = f.app.Commands.Shares.Open(ctx, bob.ID, link.Share.Token)
	require.NoError(t, err, "the person admitted opens it again")

	links, err := f.app.Queries.Links.List(ctx, ann.ID, domain.Cursor{}, domain.MaxPageSize)
	require.NoError(t, err)
	require.Len(t, links.Page.Items, 1)
	assert.Equal(t, "Holiday", links.Page.Items[0].Name)
	assert.Equal(t, 3, links.Page.Items[0].Uses, "two openings and one file given")
	require.NotNil(t, links.Page.Items[0].AlbumCreatedAt)

	_, err = f.app.Commands.Albums.Trash(ctx, ann.ID, albumID)
	require.NoError(t, err)
	o, err = f.app.Commands.Shares.Open(ctx, bob.ID, link.Share.Token)
	require.NoError(t, err, "the link of an album in the trash still leads to it")
	require.NotNil(t, o.Album)
	assert.Empty(t, o.Files, "but gives nothing")
	_, err = f.app.Commands.Shares.CreateAlbumLink(ctx, ann.ID, albumID, app.LinkOptions{})
	require.ErrorIs(t, err, domain.ErrNotFound, "an album in the trash is not shared anew")

	_, err = f.app.Commands.Albums.Restore(ctx, ann.ID, albumID)
	require.NoError(t, err)
	o, err = f.app.Commands.Shares.Open(ctx, bob.ID, link.Share.Token)
	require.NoError(t, err)
	assert.Len(t, o.Files, 2, "restored, the album is given again")

	_, err = f.app.Commands.Shares.Revoke(ctx, ann.ID, link.Share.ID)
	require.NoError(t, err)
	_, err = f.app.Commands.Shares.Open(ctx, bob.ID, link.Share.Token)
	require.ErrorIs(t, err, domain.ErrRevoked)
}
