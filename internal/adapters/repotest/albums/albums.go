// Package albums is the contract of app.AlbumRepository, and of how the file lists show an album:
// once, as the newest of its files a list holds.
package albums

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Run runs the albums contract; every case gets its own storage from newUOW.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	fixture.RunContracts(t, newUOW, fixture.OneUser, arrivals)
	fixture.RunContracts(t, newUOW, seedAlbum, albumReads)
	fixture.RunContracts(t, newUOW, seedAlbum, albumLists)
	fixture.RunContracts(t, newUOW, seedAlbum, albumShares)
}

func arrive(t *testing.T, uow app.UnitOfWork, owner int64, group string, isNew bool, at time.Time) domain.Album {
	t.Helper()
	var a domain.Album
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
		var err error
		a, err = r.Albums.Arrive(ctx, owner, group, isNew, at)
		return err
	})
	return a
}

var arrivals = []fixture.Contract[domain.User]{
	{Name: "the first file of a group makes its album, the others find it", Run: func(t *testing.T, uow app.UnitOfWork, u domain.User) {
		first := arrive(t, uow, u.ID, "g1", true, fixture.T0)
		assert.NotZero(t, first.ID)
		assert.Equal(t, "g1", first.MediaGroupID)
		assert.Equal(t, 1, first.Received)
		assert.Equal(t, 1, first.Added)
		assert.Nil(t, first.PrevFileAt)
		second := arrive(t, uow, u.ID, "g1", false, fixture.T0.Add(2*time.Second))
		assert.Equal(t, first.ID, second.ID)
		assert.Equal(t, 2, second.Received)
		assert.Equal(t, 1, second.Added, "a file kept already adds nothing")
		require.NotNil(t, second.PrevFileAt)
		assert.True(t, second.PrevFileAt.Equal(fixture.T0))
		assert.True(t, second.LastFileAt.Equal(fixture.T0.Add(2*time.Second)))
		assert.True(t, second.InWindow(2*time.Second))
		assert.False(t, second.InWindow(time.Second))
	}},
	{Name: "groups are the owner's: another owner's group of the same id is another album", Run: func(t *testing.T, uow app.UnitOfWork, u domain.User) {
		other := fixture.MustUpsert(t, uow, fixture.NewUser(43))
		a := arrive(t, uow, u.ID, "g1", true, fixture.T0)
		b := arrive(t, uow, other.ID, "g1", true, fixture.T0)
		c := arrive(t, uow, u.ID, "g2", true, fixture.T0)
		assert.NotEqual(t, a.ID, b.ID)
		assert.NotEqual(t, a.ID, c.ID)
		assert.Equal(t, 1, b.Received)
	}},
	{Name: "the confirmation is recorded and read back by the next file", Run: func(t *testing.T, uow app.UnitOfWork, u domain.User) {
		a := arrive(t, uow, u.ID, "g1", true, fixture.T0)
		fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
			return r.Albums.SetConfirmation(ctx, u.ID, a.ID, 42, 7)
		})
		next := arrive(t, uow, u.ID, "g1", true, fixture.T0)
		assert.Equal(t, int64(42), next.ChatID)
		assert.Equal(t, 7, next.MessageID)
		err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			return r.Albums.SetConfirmation(ctx, u.ID+1000, a.ID, 42, 8)
		})
		assert.ErrorIs(t, err, domain.ErrNotFound, "only the owner's album")
	}},
}

// seeded is an owner with an album of three files (a photo, a video, a photo), a loose file
// between them, and another owner.
type seeded struct {
	owner, other domain.User
	album        domain.Album
	files        []domain.File // the album's, oldest first
	loose        domain.File
}

func seedAlbum(t *testing.T, uow app.UnitOfWork) seeded {
	s := seeded{owner: fixture.OneUser(t, uow), other: fixture.MustUpsert(t, uow, fixture.NewUser(43))}
	s.album = arrive(t, uow, s.owner.ID, "g1", true, fixture.T0)
	for i, kind := range []domain.Kind{domain.KindPhoto, domain.KindVideo, domain.KindPhoto} {
		f := fixture.NewFile(s.owner.ID, "a"+string(rune('1'+i)), kind)
		if i > 0 {
			f.Caption = ""
		}
		f = fixture.MustSave(t, uow, f)
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			added, err := r.Albums.AddFile(ctx, s.owner.ID, s.album.ID, f.ID)
			require.NoError(t, err)
			require.True(t, added)
		})
		id := s.album.ID
		f.AlbumID = &id
		s.files = append(s.files, f)
		if i == 0 {
			s.loose = fixture.MustSave(t, uow, fixture.NewFile(s.owner.ID, "loose", domain.KindPhoto))
		}
	}
	return s
}

var albumReads = []fixture.Contract[seeded]{
	{Name: "an album's files come oldest first, each knowing its album", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			files, err := r.Albums.Files(ctx, s.owner.ID, s.album.ID)
			require.NoError(t, err)
			require.Len(t, files, 3)
			for i, f := range files {
				assert.Equal(t, s.files[i].ID, f.ID)
				require.NotNil(t, f.AlbumID)
				assert.Equal(t, s.album.ID, *f.AlbumID)
			}
			got, err := r.Files.Get(ctx, s.owner.ID, s.files[1].ID)
			require.NoError(t, err)
			assert.Equal(t, s.files[1].AlbumID, got.AlbumID)
			none, err := r.Albums.Files(ctx, s.other.ID, s.album.ID)
			require.NoError(t, err)
			assert.Empty(t, none, "another owner reads none of them")
		})
	}},
	{Name: "a file in an album stays in it, and joins only its owner's album", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		second := arrive(t, uow, s.owner.ID, "g2", true, fixture.T0)
		theirs := arrive(t, uow, s.other.ID, "g3", true, fixture.T0)
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			added, err := r.Albums.AddFile(ctx, s.owner.ID, second.ID, s.files[0].ID)
			require.NoError(t, err)
			assert.False(t, added)
			added, err = r.Albums.AddFile(ctx, s.owner.ID, theirs.ID, s.loose.ID)
			require.NoError(t, err)
			assert.False(t, added)
			added, err = r.Albums.AddFile(ctx, s.other.ID, theirs.ID, s.loose.ID)
			require.NoError(t, err)
			assert.False(t, added, "nobody adds another owner's file")
		})
	}},
	{Name: "get and rename are the owner's", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Albums.Rename(ctx, s.owner.ID, s.album.ID, "Trip"))
			a, err := r.Albums.Get(ctx, s.owner.ID, s.album.ID)
			require.NoError(t, err)
			assert.Equal(t, "Trip", a.Name)
			_, err = r.Albums.Get(ctx, s.other.ID, s.album.ID)
			assert.ErrorIs(t, err, domain.ErrForbidden)
			_, err = r.Albums.Get(ctx, s.owner.ID, s.album.ID+100)
			assert.ErrorIs(t, err, domain.ErrNotFound)
			assert.ErrorIs(t, r.Albums.Rename(ctx, s.other.ID, s.album.ID, "Mine"), domain.ErrNotFound)
		})
	}},
	{Name: "a summary counts the live files, their kinds in order, bytes and the first caption", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			sums, err := r.Albums.Summaries(ctx, s.owner.ID, []int64{s.album.ID, s.album.ID + 100}, false)
			require.NoError(t, err)
			require.Len(t, sums, 1)
			sum := sums[s.album.ID]
			assert.Equal(t, 3, sum.Files)
			assert.Equal(t, int64(3*1024), sum.Bytes)
			assert.Equal(t, []domain.Kind{domain.KindPhoto, domain.KindVideo, domain.KindPhoto}, sum.Kinds)
			assert.Equal(t, "caption of a1", sum.Caption)
			assert.Equal(t, map[domain.Kind]int{domain.KindPhoto: 2, domain.KindVideo: 1}, sum.KindCounts())
			trashed, err := r.Albums.Summaries(ctx, s.owner.ID, []int64{s.album.ID}, true)
			require.NoError(t, err)
			assert.Empty(t, trashed, "an album with nothing in the trash has no trash summary")
			theirs, err := r.Albums.Summaries(ctx, s.other.ID, []int64{s.album.ID}, false)
			require.NoError(t, err)
			assert.Empty(t, theirs)
		})
	}},
}

func list(t *testing.T, uow app.UnitOfWork, q app.FileQuery) (ids []int64, total int) {
	t.Helper()
	q.Limit = 50
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		files, err := r.Files.List(ctx, q)
		require.NoError(t, err)
		for _, f := range files {
			ids = append(ids, f.ID)
		}
		if q.Search == "" { // a search is not counted
			total, _, err = r.Files.CountList(ctx, q, 0)
			require.NoError(t, err)
		}
	})
	return ids, total
}

func trash(t *testing.T, uow app.UnitOfWork, f domain.File) {
	t.Helper()
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		at := fixture.T0
		f.DeletedAt = &at
		require.NoError(t, r.Files.Update(ctx, f))
	})
}

var albumLists = []fixture.Contract[seeded]{
	{Name: "a list shows an album once, as its newest file, and counts it once", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		ids, total := list(t, uow, app.FileQuery{OwnerID: s.owner.ID})
		assert.Equal(t, []int64{s.files[2].ID, s.loose.ID}, ids)
		assert.Equal(t, 2, total)
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			_, newer, err := r.Files.CountList(ctx, app.FileQuery{OwnerID: s.owner.ID}, s.loose.ID)
			require.NoError(t, err)
			assert.Equal(t, 1, newer, "the album is one entry newer than the loose file")
		})
		ids, _ = list(t, uow, app.FileQuery{OwnerID: s.owner.ID, BeforeID: s.loose.ID})
		assert.Equal(t, []int64{s.files[2].ID}, ids, "the page before too")
	}},
	{Name: "a kind's list shows the album's files of that kind once", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		ids, total := list(t, uow, app.FileQuery{OwnerID: s.owner.ID, Kind: domain.KindVideo})
		assert.Equal(t, []int64{s.files[1].ID}, ids)
		assert.Equal(t, 1, total)
		ids, total = list(t, uow, app.FileQuery{OwnerID: s.owner.ID, Kind: domain.KindPhoto})
		assert.Equal(t, []int64{s.files[2].ID, s.loose.ID}, ids)
		assert.Equal(t, 2, total)
	}},
	{Name: "the trash shows an album's trashed files once, the live list the others", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		trash(t, uow, s.files[0])
		trash(t, uow, s.files[2])
		ids, total := list(t, uow, app.FileQuery{OwnerID: s.owner.ID, Trashed: true})
		assert.Equal(t, []int64{s.files[2].ID}, ids)
		assert.Equal(t, 1, total)
		ids, _ = list(t, uow, app.FileQuery{OwnerID: s.owner.ID})
		assert.Equal(t, []int64{s.files[1].ID, s.loose.ID}, ids)
	}},
	{Name: "a search finds an album's files one by one", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		ids, _ := list(t, uow, app.FileQuery{OwnerID: s.owner.ID, Search: ".bin"})
		assert.Len(t, ids, 4)
	}},
	{Name: "an uncategorised list and a category's show an album once", Run: func(t *testing.T, uow app.UnitOfWork, s seeded) {
		ids, total := list(t, uow, app.FileQuery{OwnerID: s.owner.ID, Uncategorised: true})
		assert.Equal(t, []int64{s.files[2].ID, s.loose.ID}, ids)
		assert.Equal(t, 2, total)
		var cat domain.Category
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			c, err := domain.NewCategory(s.owner.ID, "Trip", fixture.T0)
			require.NoError(t, err)
			cat, err = r.Categories.Create(ctx, c)
			require.NoError(t, err)
			for _, f := range s.files[:2] {
				f.CategoryID = &cat.ID
				require.NoError(t, r.Files.Update(ctx, f))
			}
		})
		ids, total = list(t, uow, app.FileQuery{OwnerID: s.owner.ID, CategoryID: cat.ID})
		assert.Equal(t, []int64{s.files[1].ID}, ids)
		assert.Equal(t, 1, total)
	}},
}
