// Package origins is the contract of what FileRepository keeps of a forwarded file's origin and
// of a caption edited in Telegram: stored, found by search, and kept from the first forward.
package origins

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

// posted is when the original messages were posted: before the files were saved (T0).
var posted = fixture.T0.Add(-72 * time.Hour)

func forwarded(owner int64, unique string, kind domain.OriginKind, name string) domain.File {
	f := fixture.NewFile(owner, unique, domain.KindDocument)
	f.Origin = domain.Origin{Kind: kind, Name: name, Date: posted}
	return f
}

// Run runs the contract; every case gets its own storage from newUOW.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	fixture.RunContracts(t, newUOW, fixture.OneUser, []fixture.Contract[domain.User]{
		{Name: "a forwarded file keeps its origin and one sent by its owner has none", Run: func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			for _, kind := range []domain.OriginKind{domain.OriginUser, domain.OriginHiddenUser, domain.OriginChat, domain.OriginChannel} {
				f := fixture.MustSave(t, uow, forwarded(u.ID, "from-"+string(kind), kind, "Go News (@gonews)"))
				assert.Equal(t, domain.Origin{Kind: kind, Name: "Go News (@gonews)", Date: posted}, get(t, uow, u.ID, f.ID).Origin)
			}
			own := fixture.MustSave(t, uow, fixture.NewFile(u.ID, "own", domain.KindDocument))
			assert.Zero(t, get(t, uow, u.ID, own.ID).Origin)
		}},
		{Name: "a file kept from a forward keeps that origin; one kept unforwarded learns it from a forward", Run: func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			first := fixture.MustSave(t, uow, forwarded(u.ID, "twice", domain.OriginChannel, "First channel"))
			fixture.MustSave(t, uow, forwarded(u.ID, "twice", domain.OriginChannel, "Second channel"))
			assert.Equal(t, "First channel", get(t, uow, u.ID, first.ID).Origin.Name)

			own := fixture.MustSave(t, uow, fixture.NewFile(u.ID, "later", domain.KindDocument))
			fixture.MustSave(t, uow, forwarded(u.ID, "later", domain.OriginUser, "Bob"))
			assert.Equal(t, "Bob", get(t, uow, u.ID, own.ID).Origin.Name)
		}},
		{Name: "a search finds a file by its origin's name, a word of it or its start", Run: func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			f := fixture.MustSave(t, uow, forwarded(u.ID, "news", domain.OriginChannel, "Go News (@gonews)"))
			fixture.MustSave(t, uow, fixture.NewFile(u.ID, "other", domain.KindDocument))
			assert.Equal(t, []int64{f.ID}, search(t, uow, app.FileQuery{OwnerID: u.ID, Search: "news (@GONEWS", Limit: 10}))
			assert.Equal(t, []int64{f.ID}, search(t, uow, app.FileQuery{OwnerID: u.ID, Search: "go", SearchPrefix: true, Limit: 10}))
		}},
		{Name: "a caption set replaces the old one in the file and in search, for the owner only", Run: func(t *testing.T, uow app.UnitOfWork, u domain.User) {
			f := fixture.MustSave(t, uow, fixture.NewFile(u.ID, "edited", domain.KindDocument))
			other := fixture.MustUpsert(t, uow, fixture.NewUser(77))
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				require.ErrorIs(t, r.Files.SetCaption(ctx, other.ID, f.ID, "stolen"), domain.ErrNotFound)
				require.ErrorIs(t, r.Files.SetCaption(ctx, u.ID, f.ID+100, "nowhere"), domain.ErrNotFound)
				require.NoError(t, r.Files.SetCaption(ctx, u.ID, f.ID, "quarterly figures"))
			})
			assert.Equal(t, "quarterly figures", get(t, uow, u.ID, f.ID).Caption)
			assert.Equal(t, []int64{f.ID}, search(t, uow, app.FileQuery{OwnerID: u.ID, Search: "quarterly", Limit: 10}))
			assert.Empty(t, search(t, uow, app.FileQuery{OwnerID: u.ID, Search: "caption of edited", Limit: 10}), "the old caption is not found")
		}},
	})
}

func get(t *testing.T, uow app.UnitOfWork, owner, id int64) domain.File {
	t.Helper()
	var f domain.File
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		f, err = r.Files.Get(ctx, owner, id)
		require.NoError(t, err)
	})
	return f
}

func search(t *testing.T, uow app.UnitOfWork, q app.FileQuery) []int64 {
	t.Helper()
	var files []domain.File
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		files, err = r.Files.List(ctx, q)
		require.NoError(t, err)
	})
	return fixture.IDs(files)
}
