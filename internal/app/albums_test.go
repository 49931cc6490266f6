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

// inAlbum is in sent as a file of the media group group.
func inAlbum(in domain.IncomingFile, group string) domain.IncomingFile {
	in.MediaGroupID = group
	return in
}

// sendAlbumFile keeps in, sent in album group, and returns the result.
func (f fixture) sendAlbumFile(t *testing.T, owner int64, in domain.IncomingFile, group string) app.SaveFileResult {
	t.Helper()
	res, err := f.app.Commands.SaveFile.Handle(context.Background(), app.SaveFileInput{OwnerID: owner, File: inAlbum(in, group)})
	require.NoError(t, err)
	require.NotNil(t, res.Album, "a file of an album says how its album is confirmed")
	return res
}

func TestAnAlbumsFilesMeetInOneAlbumWithOneConfirmation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{AlbumWindow: 10 * time.Second})
	ann := f.register(t, 42)

	first := f.sendAlbumFile(t, ann.ID, photo("p1"), "g1")
	assert.Equal(t, app.ConfirmNew, first.Album.Confirm, "the first file sends the confirmation")
	assert.Equal(t, 1, first.Album.Summary.Files)

	f.clock.Advance(time.Second)
	second := f.sendAlbumFile(t, ann.ID, photo("p2"), "g1")
	assert.Equal(t, app.ConfirmPending, second.Album.Confirm, "the first confirmation is still on its way")
	assert.Equal(t, first.Album.Album.ID, second.Album.Album.ID)

	now, stale, err := f.app.Commands.Albums.Confirmed(ctx, ann.ID, first.Album.Album.ID, 42, 7, first.Album.Album.Received)
	require.NoError(t, err)
	assert.True(t, stale, "the confirmation showed one file of two: it is brought up to date")
	assert.Equal(t, 2, now.Summary.Files)

	f.clock.Advance(time.Second)
	third := f.sendAlbumFile(t, ann.ID, document("d1"), "g1")
	assert.Equal(t, app.ConfirmEdit, third.Album.Confirm)
	assert.Equal(t, 7, third.Album.Album.MessageID)
	assert.Equal(t, int64(42), third.Album.Album.ChatID)
	assert.Equal(t, []domain.Kind{domain.KindPhoto, domain.KindPhoto, domain.KindDocument}, third.Album.Summary.Kinds)
	require.NotNil(t, third.File.AlbumID)
	assert.Equal(t, first.Album.Album.ID, *third.File.AlbumID)

	_, stale, err = f.app.Commands.Albums.Confirmed(ctx, ann.ID, first.Album.Album.ID, 42, 7, third.Album.Album.Received)
	require.NoError(t, err)
	assert.False(t, stale)
}

func TestAFileAfterTheWindowIsConfirmedAnew(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{AlbumWindow: 10 * time.Second})
	ann := f.register(t, 42)
	first := f.sendAlbumFile(t, ann.ID, photo("p1"), "g1")
	_, _, err := f.app.Commands.Albums.Confirmed(ctx, ann.ID, first.Album.Album.ID, 42, 7, 1)
	require.NoError(t, err)
	f.clock.Advance(11 * time.Second)
	late := f.sendAlbumFile(t, ann.ID, photo("p2"), "g1")
	assert.Equal(t, app.ConfirmNew, late.Album.Confirm)
	assert.Equal(t, first.Album.Album.ID, late.Album.Album.ID, "still the same album")
	assert.Equal(t, 2, late.Album.Summary.Files)
}

func TestAnAlbumSentAgainIsRecognised(t *testing.T) {
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	f.sendAlbumFile(t, ann.ID, photo("p1"), "g1")
	original := f.sendAlbumFile(t, ann.ID, photo("p2"), "g1")

	again := f.sendAlbumFile(t, ann.ID, photo("p1"), "g2")
	again = f.sendAlbumFile(t, ann.ID, photo("p2"), "g2")
	assert.True(t, again.AlreadySaved)
	assert.Equal(t, 2, again.Album.Album.Received)
	assert.Equal(t, 0, again.Album.Album.Added, "nothing new")
	assert.Equal(t, original.Album.Album.ID, again.Album.OpenID, "it opens the album they are kept in")
	assert.Equal(t, original.Album.Album.ID, *again.File.AlbumID, "a file stays in its first album")
	assert.Len(t, f.listAll(t, ann.ID, domain.FileFilter{}), 1, "still one album in the list")
}

func TestAnAlbumIsOneEntryOfItsLists(t *testing.T) {
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	a := f.sendAlbumFile(t, ann.ID, photo("p1"), "g1")
	loose := f.save(t, ann.ID, document("loose"))
	b := f.sendAlbumFile(t, ann.ID, photo("p2"), "g1")
	ids := f.listAll(t, ann.ID, domain.FileFilter{})
	assert.Equal(t, []int64{b.File.ID, loose.ID}, ids)

	page, err := f.app.Queries.ListFiles.Handle(context.Background(), app.ListFilesInput{OwnerID: ann.ID})
	require.NoError(t, err)
	albums, err := f.app.Queries.Albums.OnPage(context.Background(), ann.ID, page.Items, false)
	require.NoError(t, err)
	require.Contains(t, albums, a.Album.Album.ID)
	assert.Equal(t, 2, albums[a.Album.Album.ID].Files)
	assert.Equal(t, 2, page.Total)
}

func TestAnAlbumIsRenamedMovedTrashedAndRestoredAsAUnit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	a := f.sendAlbumFile(t, ann.ID, photo("p1"), "g1")
	f.sendAlbumFile(t, ann.ID, photo("p2"), "g1")
	id := a.Album.Album.ID
	albums := f.app.Commands.Albums

	d, err := albums.Rename(ctx, ann.ID, id, "  Trip  ")
	require.NoError(t, err)
	assert.Equal(t, "Trip", d.Album.Name)
	_, err = albums.Rename(ctx, ann.ID, id, "")
	assert.ErrorIs(t, err, domain.ErrInvalidName)

	cat := f.category(t, ann.ID, "Holidays")
	d, err = albums.Move(ctx, ann.ID, id, cat.ID)
	require.NoError(t, err)
	for _, file := range d.Files {
		assert.Equal(t, cat.ID, *file.CategoryID)
	}

	d, err = albums.Trash(ctx, ann.ID, id)
	require.NoError(t, err)
	assert.Empty(t, d.Files)
	assert.Len(t, d.Trashed, 2)
	assert.Empty(t, f.listAll(t, ann.ID, domain.FileFilter{}))
	assert.Len(t, f.listAll(t, ann.ID, domain.FileFilter{Trashed: true}), 1, "one album in the trash")
	_, err = albums.Trash(ctx, ann.ID, id)
	assert.ErrorIs(t, err, domain.ErrNotFound, "nothing left to trash")

	d, err = albums.Restore(ctx, ann.ID, id)
	require.NoError(t, err)
	assert.Len(t, d.Files, 2)

	d, err = albums.RenameAlbumOf(ctx, ann.ID, d.Files[1].ID, "Summer")
	require.NoError(t, err)
	assert.Equal(t, "Summer", d.Album.Name)

	for name, call := range map[string]func() error{
		"open":    func() error { _, err := f.app.Queries.Albums.Open(ctx, bob.ID, id); return err },
		"rename":  func() error { _, err := albums.Rename(ctx, bob.ID, id, "Mine"); return err },
		"move":    func() error { _, err := albums.Move(ctx, bob.ID, id, 0); return err },
		"trash":   func() error { _, err := albums.Trash(ctx, bob.ID, id); return err },
		"restore": func() error { _, err := albums.Restore(ctx, bob.ID, id); return err },
	} {
		assert.ErrorIs(t, call(), domain.ErrForbidden, "%s another user's album", name)
	}
	_, err = albums.Move(ctx, ann.ID, id, f.category(t, bob.ID, "Bob's").ID)
	assert.ErrorIs(t, err, domain.ErrForbidden, "nor into another user's category")
}
