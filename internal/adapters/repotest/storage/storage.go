// Package storage is the contract of app.StorageRepository: which bot each file's Telegram file
// id belongs to, and each file's copy in the storage chat.
package storage

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

const botA, botB int64 = 111, 222

// library is two owners' files: a and b kept by bot A, c kept before bots were recorded.
type library struct {
	owner, other domain.User
	a, b, c      domain.File
}

func seed(t *testing.T, uow app.UnitOfWork) library {
	owner := fixture.OneUser(t, uow)
	other := fixture.MustUpsert(t, uow, fixture.NewUser(43))
	byA := func(owner int64, unique string) domain.File {
		f := fixture.NewFile(owner, unique, domain.KindDocument)
		f.BotID = botA
		return f
	}
	return library{owner: owner, other: other,
		a: fixture.MustSave(t, uow, byA(owner.ID, "a")),
		b: fixture.MustSave(t, uow, byA(other.ID, "b")),
		c: fixture.MustSave(t, uow, fixture.NewFile(owner.ID, "c", domain.KindPhoto))}
}

func copyOf(id int64) domain.StorageCopy {
	return domain.StorageCopy{ChatID: -1001, MessageID: 100 + id}
}

func get(t *testing.T, uow app.UnitOfWork, f domain.File) domain.File {
	t.Helper()
	var got domain.File
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		got, err = r.Files.Get(ctx, f.OwnerID, f.ID)
		require.NoError(t, err)
	})
	return got
}

func setCopy(t *testing.T, uow app.UnitOfWork, f domain.File) bool {
	t.Helper()
	var set bool
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) (err error) {
		set, err = r.Storage.SetCopy(ctx, f.ID, copyOf(f.ID))
		return err
	})
	return set
}

// list calls one of the listings of every owner's files, in pages of one.
func list(t *testing.T, uow app.UnitOfWork, page func(ctx context.Context, r app.Repos, after int64) ([]domain.File, error)) []int64 {
	t.Helper()
	var ids []int64
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
		for after := int64(0); ; {
			files, err := page(ctx, r, after)
			if err != nil || len(files) == 0 {
				return err
			}
			ids = append(ids, files[0].ID)
			after = files[0].ID
		}
	})
	return ids
}

// Run runs the contract; every case gets its own storage from newUOW.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	fixture.RunContracts(t, newUOW, seed, []fixture.Contract[library]{
		{Name: "a saved file keeps its bot; saved again by another bot, it is that bot's", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			assert.Equal(t, botA, get(t, uow, l.a).BotID)
			assert.Zero(t, get(t, uow, l.c).BotID)
			again := l.a
			again.TelegramFileID, again.BotID = "file-id-of-b", botB
			fixture.MustSave(t, uow, again)
			got := get(t, uow, l.a)
			assert.Equal(t, botB, got.BotID)
			assert.Equal(t, "file-id-of-b", got.TelegramFileID)
			unknown := l.a
			unknown.BotID = 0
			fixture.MustSave(t, uow, unknown)
			assert.Equal(t, botB, get(t, uow, l.a).BotID, "saved with no bot, the one recorded stays")
		}},
		{Name: "a file is saved with no copy, whatever it carries: it gets one through SetCopy only", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			f := fixture.NewFile(l.owner.ID, "carried", domain.KindDocument)
			f.Copy = copyOf(7)
			assert.False(t, get(t, uow, fixture.MustSave(t, uow, f)).Copy.Exists())
		}},
		{Name: "a file is read by id whoever's it is", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			want := get(t, uow, l.b)
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Storage.File(ctx, l.b.ID)
				require.NoError(t, err)
				assert.Equal(t, fixture.UTCFile(want), fixture.UTCFile(got))
				_, err = r.Storage.File(ctx, 999_999)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{Name: "one copy per file: a second is not recorded", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			assert.True(t, setCopy(t, uow, l.a))
			assert.False(t, setCopy(t, uow, l.a))
			assert.Equal(t, copyOf(l.a.ID), get(t, uow, l.a).Copy)
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				set, err := r.Storage.SetCopy(ctx, 999_999, copyOf(1))
				require.NoError(t, err)
				assert.False(t, set, "no copy of a file that is gone")
				_, err = r.Storage.SetCopy(ctx, l.b.ID, domain.StorageCopy{})
				assert.Error(t, err, "no copy is not a copy")
			})
		}},
		{Name: "rebinding replaces the file id and its bot unless it changed", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				done, err := r.Storage.Rebind(ctx, l.a.ID, l.a.TelegramFileID, "new-id", botB)
				require.NoError(t, err)
				assert.True(t, done)
				done, err = r.Storage.Rebind(ctx, l.a.ID, l.a.TelegramFileID, "newer-id", botB)
				require.NoError(t, err)
				assert.False(t, done, "the old id is not the file's any more")
			})
			got := get(t, uow, l.a)
			assert.Equal(t, "new-id", got.TelegramFileID)
			assert.Equal(t, botB, got.BotID)
		}},
		{Name: "files of no bot are adopted by the bot running", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				n, err := r.Storage.AdoptUnbound(ctx, botB)
				require.NoError(t, err)
				assert.Equal(t, 1, n)
				n, err = r.Storage.AdoptUnbound(ctx, botB)
				require.NoError(t, err)
				assert.Zero(t, n)
			})
			assert.Equal(t, botB, get(t, uow, l.c).BotID)
			assert.Equal(t, botA, get(t, uow, l.a).BotID)
		}},
		{Name: "listings span owners, in id order, the trash too", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			setCopy(t, uow, l.b)
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				trashed := l.a
				at := fixture.T0.Add(time.Hour)
				trashed.DeletedAt = &at
				require.NoError(t, r.Files.Update(ctx, trashed))
			})
			assert.Equal(t, []int64{l.a.ID, l.c.ID}, list(t, uow, func(ctx context.Context, r app.Repos, after int64) ([]domain.File, error) {
				return r.Storage.Uncopied(ctx, after, 1)
			}))
			assert.Equal(t, []int64{l.b.ID}, list(t, uow, func(ctx context.Context, r app.Repos, after int64) ([]domain.File, error) {
				return r.Storage.ToRebind(ctx, botB, after, 1)
			}), "another bot's files with a copy")
			assert.Equal(t, []int64{l.a.ID}, list(t, uow, func(ctx context.Context, r app.Repos, after int64) ([]domain.File, error) {
				return r.Storage.Unreachable(ctx, botB, after, 1)
			}), "another bot's files with none; a file of no bot is not")
			assert.Empty(t, list(t, uow, func(ctx context.Context, r app.Repos, after int64) ([]domain.File, error) {
				return r.Storage.ToRebind(ctx, botA, after, 1)
			}), "bot A has nothing to rebind")
		}},
		{Name: "counts per owner and for everyone", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			setCopy(t, uow, l.b)
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				c, err := r.Storage.Count(ctx, l.owner.ID, botB)
				require.NoError(t, err)
				assert.Equal(t, domain.StorageCounts{Copied: 0, Unreachable: 1}, c)
				c, err = r.Storage.Count(ctx, 0, botB)
				require.NoError(t, err)
				assert.Equal(t, domain.StorageCounts{Copied: 1, Unreachable: 1}, c)
				c, err = r.Storage.Count(ctx, 0, botA)
				require.NoError(t, err)
				assert.Equal(t, domain.StorageCounts{Copied: 1}, c)
			})
		}},
		{Name: "a file deleted for good leaves its copy to delete, however it was deleted", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			setCopy(t, uow, l.a)
			setCopy(t, uow, l.b)
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Files.Delete(ctx, l.owner.ID, l.a.ID))
				require.NoError(t, r.Files.Delete(ctx, l.owner.ID, l.c.ID)) // no copy: nothing to delete
				trashed := l.b
				at := fixture.T0
				trashed.DeletedAt = &at
				require.NoError(t, r.Files.Update(ctx, trashed))
				n, err := r.Files.EmptyTrash(ctx, l.other.ID)
				require.NoError(t, err)
				require.Equal(t, 1, n)
			})
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				deleted, err := r.Storage.Deleted(ctx, 10)
				require.NoError(t, err)
				assert.ElementsMatch(t, []domain.StorageCopy{copyOf(l.a.ID), copyOf(l.b.ID)}, deleted)
				require.NoError(t, r.Storage.ForgetDeleted(ctx, copyOf(l.a.ID)))
				deleted, err = r.Storage.Deleted(ctx, 10)
				require.NoError(t, err)
				assert.Equal(t, []domain.StorageCopy{copyOf(l.b.ID)}, deleted)
			})
		}},
		{Name: "a rolled-back deletion leaves no copy to delete", Run: func(t *testing.T, uow app.UnitOfWork, l library) {
			setCopy(t, uow, l.a)
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				require.NoError(t, r.Files.Delete(ctx, l.owner.ID, l.a.ID))
				return assert.AnError
			})
			require.ErrorIs(t, err, assert.AnError)
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				deleted, err := r.Storage.Deleted(ctx, 10)
				require.NoError(t, err)
				assert.Empty(t, deleted)
			})
		}},
	})
}
