// Package access is the contract of the ports behind who may use the bot: app.BanRepository, and
// FileRepository.DeleteAll, which deletes a banned user's files.
package access

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

// Run runs the contract on storage from newUOW, fresh for every case.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	t.Run("bans", func(t *testing.T) { fixture.RunContracts(t, newUOW, fixture.NoSeed, banCases) })
	t.Run("deleting every file of an owner", func(t *testing.T) { fixture.RunContracts(t, newUOW, seedTwoOwners, deleteAllCases) })
}

// stranger is the Telegram id of a user the storage never met.
const stranger = 5005

func ban(id int64) domain.Ban {
	return domain.Ban{TelegramID: id, BannedBy: 1, BannedAt: fixture.T0}
}

var banCases = []fixture.Contract[struct{}]{
	{Name: "a ban of a user never met is kept and read back as stored", Run: func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			created, err := r.Bans.Add(ctx, ban(stranger))
			require.NoError(t, err)
			assert.True(t, created)
			got, err := r.Bans.Get(ctx, stranger)
			require.NoError(t, err)
			got.BannedAt = got.BannedAt.UTC()
			assert.Equal(t, ban(stranger), got)
		})
	}},
	{Name: "banning a banned user changes nothing: the first ban stands", Run: func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			_, err := r.Bans.Add(ctx, ban(stranger))
			require.NoError(t, err)
			again := domain.Ban{TelegramID: stranger, BannedBy: 2, BannedAt: fixture.T0.Add(time.Hour)}
			created, err := r.Bans.Add(ctx, again)
			require.NoError(t, err)
			assert.False(t, created)
			got, err := r.Bans.Get(ctx, stranger)
			require.NoError(t, err)
			assert.Equal(t, int64(1), got.BannedBy)
			n, err := r.Bans.Count(ctx)
			require.NoError(t, err)
			assert.Equal(t, 1, n)
		})
	}},
	{Name: "a user who is not banned has no ban, and unbanning them is not found", Run: func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			_, err := r.Bans.Get(ctx, stranger)
			assert.ErrorIs(t, err, domain.ErrNotFound)
			assert.ErrorIs(t, r.Bans.Remove(ctx, stranger), domain.ErrNotFound)
			told, err := r.Bans.MarkTold(ctx, stranger, fixture.T0)
			require.NoError(t, err)
			assert.False(t, told, "nobody to tell")
		})
	}},
	{Name: "an unban lifts the ban of that user only", Run: func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			for _, id := range []int64{stranger, stranger + 1} {
				_, err := r.Bans.Add(ctx, ban(id))
				require.NoError(t, err)
			}
			require.NoError(t, r.Bans.Remove(ctx, stranger))
			_, err := r.Bans.Get(ctx, stranger)
			assert.ErrorIs(t, err, domain.ErrNotFound)
			_, err = r.Bans.Get(ctx, stranger+1)
			assert.NoError(t, err)
			n, err := r.Bans.Count(ctx)
			require.NoError(t, err)
			assert.Equal(t, 1, n)
		})
	}},
	{Name: "a banned user is marked told once: the first time is kept", Run: func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			_, err := r.Bans.Add(ctx, ban(stranger))
			require.NoError(t, err)
			told, err := r.Bans.MarkTold(ctx, stranger, fixture.T0.Add(time.Minute))
			require.NoError(t, err)
			assert.True(t, told)
			told, err = r.Bans.MarkTold(ctx, stranger, fixture.T0.Add(time.Hour))
			require.NoError(t, err)
			assert.False(t, told, "told already")
			got, err := r.Bans.Get(ctx, stranger)
			require.NoError(t, err)
			require.NotNil(t, got.ToldAt)
			assert.True(t, got.ToldAt.Equal(fixture.T0.Add(time.Minute)), "told at %v", got.ToldAt)
		})
	}},
	{Name: "a ban lifted and made again is told again", Run: func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			_, err := r.Bans.Add(ctx, ban(stranger))
			require.NoError(t, err)
			_, err = r.Bans.MarkTold(ctx, stranger, fixture.T0)
			require.NoError(t, err)
			require.NoError(t, r.Bans.Remove(ctx, stranger))
			_, err = r.Bans.Add(ctx, ban(stranger))
			require.NoError(t, err)
			got, err := r.Bans.Get(ctx, stranger)
			require.NoError(t, err)
			assert.Nil(t, got.ToldAt)
		})
	}},
	{Name: "every ban is listed, page by page in Telegram id order", Run: func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			for _, id := range []int64{stranger + 2, stranger, stranger + 1} {
				_, err := r.Bans.Add(ctx, ban(id))
				require.NoError(t, err)
			}
			first, err := r.Bans.ListAfter(ctx, 0, 2)
			require.NoError(t, err)
			rest, err := r.Bans.ListAfter(ctx, first[len(first)-1].TelegramID, 2)
			require.NoError(t, err)
			var ids []int64
			for _, b := range append(first, rest...) {
				ids = append(ids, b.TelegramID)
			}
			assert.Equal(t, []int64{stranger, stranger + 1, stranger + 2}, ids)
			none, err := r.Bans.ListAfter(ctx, stranger+2, 2)
			require.NoError(t, err)
			assert.Empty(t, none)
		})
	}},
	{Name: "a ban rolled back with its unit of work is not kept", Run: func(t *testing.T, uow app.UnitOfWork, _ struct{}) {
		err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			if _, err := r.Bans.Add(ctx, ban(stranger)); err != nil {
				return err
			}
			return assert.AnError
		})
		require.ErrorIs(t, err, assert.AnError)
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			_, err := r.Bans.Get(ctx, stranger)
			assert.ErrorIs(t, err, domain.ErrNotFound)
		})
	}},
}

// twoOwners are two users, the first with a live, a trashed and a shared file, the second with one file.
type twoOwners struct {
	ann, bob   domain.User
	bobsFileID int64
}

func seedTwoOwners(t *testing.T, uow app.UnitOfWork) twoOwners {
	ann := fixture.MustUpsert(t, uow, fixture.NewUser(42))
	bob := fixture.MustUpsert(t, uow, fixture.NewUser(43))
	live := fixture.MustSave(t, uow, fixture.NewFile(ann.ID, "live", domain.KindDocument))
	trashed := fixture.MustSave(t, uow, fixture.NewFile(ann.ID, "trashed", domain.KindPhoto))
	bobs := fixture.MustSave(t, uow, fixture.NewFile(bob.ID, "bobs", domain.KindDocument))
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		at := fixture.T0
		trashed.DeletedAt = &at
		require.NoError(t, r.Files.Update(ctx, trashed))
		_, err := r.Shares.Create(ctx, domain.Share{Token: "token-of-the-live-file", OwnerID: ann.ID, FileID: live.ID, CreatedAt: fixture.T0})
		require.NoError(t, err)
	})
	return twoOwners{ann: ann, bob: bob, bobsFileID: bobs.ID}
}

var deleteAllCases = []fixture.Contract[twoOwners]{
	{Name: "every file of the owner goes, live and trashed, with their links; nobody else's", Run: func(t *testing.T, uow app.UnitOfWork, s twoOwners) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			n, err := r.Files.DeleteAll(ctx, s.ann.ID)
			require.NoError(t, err)
			assert.Equal(t, 2, n)
			usage, err := r.Files.Usage(ctx, s.ann.ID)
			require.NoError(t, err)
			assert.Zero(t, usage.Files)
			links, err := r.Shares.CountActive(ctx, s.ann.ID)
			require.NoError(t, err)
			assert.Zero(t, links, "the links of deleted files are gone")
			_, err = r.Files.Get(ctx, s.bob.ID, s.bobsFileID)
			assert.NoError(t, err, "another owner's file stays")
			_, err = r.Users.Get(ctx, s.ann.ID)
			assert.NoError(t, err, "the user stays")
		})
	}},
	{Name: "an owner with no files has nothing deleted", Run: func(t *testing.T, uow app.UnitOfWork, s twoOwners) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			n, err := r.Files.DeleteAll(ctx, s.ann.ID+s.bob.ID+100)
			require.NoError(t, err)
			assert.Zero(t, n)
		})
	}},
}
