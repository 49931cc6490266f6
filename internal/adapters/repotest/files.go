package repotest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func testFiles(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"a new file is created and read back as saved", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := newFile(owner.ID, "u1", domain.KindPhoto)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				stored, created, err := r.Files.Save(ctx, f)
				require.NoError(t, err)
				assert.True(t, created)
				assert.Positive(t, stored.ID)
				f.ID = stored.ID
				assert.Equal(t, f, utcFile(stored))
				got, err := r.Files.Get(ctx, stored.OwnerID, stored.ID)
				require.NoError(t, err)
				assert.Equal(t, f, utcFile(got))
			})
		}},
		{"the same file sent again refreshes its telegram file id and caption and is not created twice", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			first := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto))
			again := newFile(owner.ID, "u1", domain.KindPhoto)
			again.TelegramFileID = "fresh-file-id"
			again.Name = "other name.jpg"
			again.Caption = "other caption"
			do(t, uow, func(ctx context.Context, r app.Repos) {
				stored, created, err := r.Files.Save(ctx, again)
				require.NoError(t, err)
				assert.False(t, created)
				want := first
				want.TelegramFileID = "fresh-file-id"
				want.Caption = "other caption"
				assert.Equal(t, utcFile(want), utcFile(stored))
				got, err := r.Files.Get(ctx, first.OwnerID, first.ID)
				require.NoError(t, err)
				assert.Equal(t, utcFile(want), utcFile(got))
				counts, err := r.Files.CountByKind(ctx, owner.ID)
				require.NoError(t, err)
				assert.Equal(t, map[domain.Kind]int{domain.KindPhoto: 1}, counts)
			})
		}},
		{"the same file sent again without a caption keeps its caption", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := newFile(owner.ID, "u1", domain.KindPhoto)
			f.Caption = "the first caption"
			first := mustSave(t, uow, f)
			again := newFile(owner.ID, "u1", domain.KindPhoto)
			again.Caption = ""
			do(t, uow, func(ctx context.Context, r app.Repos) {
				stored, created, err := r.Files.Save(ctx, again)
				require.NoError(t, err)
				assert.False(t, created)
				assert.Equal(t, "the first caption", stored.Caption)
				got, err := r.Files.Get(ctx, first.OwnerID, first.ID)
				require.NoError(t, err)
				assert.Equal(t, "the first caption", got.Caption)
			})
		}},
		{"a pending rename is stored, and a new telegram file id clears it only over the old one", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindDocument))
			f.Name, f.RenamePending = "renamed.bin", true
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Files.Update(ctx, f))
				got, err := r.Files.Get(ctx, f.OwnerID, f.ID)
				require.NoError(t, err)
				assert.True(t, got.RenamePending)

				replaced, err := r.Files.ReplaceTelegramFileID(ctx, f.OwnerID, f.ID, "not-the-stored-id", "new-id")
				require.NoError(t, err)
				assert.False(t, replaced)
				replaced, err = r.Files.ReplaceTelegramFileID(ctx, f.OwnerID+1000, f.ID, f.TelegramFileID, "not-theirs")
				require.NoError(t, err)
				assert.False(t, replaced, "only the owner's file is changed")
				replaced, err = r.Files.ReplaceTelegramFileID(ctx, f.OwnerID, f.ID, f.TelegramFileID, "new-id")
				require.NoError(t, err)
				assert.True(t, replaced)
				got, err = r.Files.Get(ctx, f.OwnerID, f.ID)
				require.NoError(t, err)
				assert.Equal(t, "new-id", got.TelegramFileID)
				assert.False(t, got.RenamePending)
				assert.Equal(t, "renamed.bin", got.Name)
				replaced, err = r.Files.ReplaceTelegramFileID(ctx, f.OwnerID, f.ID+1000, "new-id", "x")
				require.NoError(t, err)
				assert.False(t, replaced, "no such file")
			})
		}},
		{"a renamed file sent again under its old name is to be uploaded again", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindDocument))
			f.Name = "renamed.bin"
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Files.Update(ctx, f))
				stored, created, err := r.Files.Save(ctx, newFile(owner.ID, "u1", domain.KindDocument))
				require.NoError(t, err)
				assert.False(t, created)
				assert.True(t, stored.RenamePending, "the new file id shows the old name")
				assert.Equal(t, "renamed.bin", stored.Name)
			})
		}},
		{"two owners may keep the same unique id", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(owner.TelegramID+1))
			a := mustSave(t, uow, newFile(owner.ID, "same", domain.KindVideo))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				b, created, err := r.Files.Save(ctx, newFile(other.ID, "same", domain.KindVideo))
				require.NoError(t, err)
				assert.True(t, created)
				assert.NotEqual(t, a.ID, b.ID)
				assert.Equal(t, other.ID, b.OwnerID)
			})
		}},
		{"every new file gets a higher id", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			a := mustSave(t, uow, newFile(owner.ID, "a", domain.KindPhoto))
			b := mustSave(t, uow, newFile(owner.ID, "b", domain.KindPhoto))
			assert.Greater(t, b.ID, a.ID)
		}},
		{"a trashed file and its category are kept as saved", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := newFile(owner.ID, "gone", domain.KindDocument)
			deleted := t0.Add(999 * time.Nanosecond)
			f.DeletedAt = &deleted
			stored := mustSave(t, uow, f)
			require.NotNil(t, stored.DeletedAt)
			assert.True(t, t0.Equal(*stored.DeletedAt), "deleted at %v is cut to the microsecond", stored.DeletedAt)
			assert.Nil(t, stored.CategoryID)
		}},
		{"a file of an unknown owner is refused", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, _, err := r.Files.Save(ctx, newFile(owner.ID+1000, "u1", domain.KindPhoto))
				return err
			})
			assert.Error(t, err)
		}},
		{"a file of an unknown kind or a negative size is refused", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			bad := []domain.File{newFile(owner.ID, "k", "sticker"), newFile(owner.ID, "s", domain.KindPhoto)}
			bad[1].Size = -1
			for _, f := range bad {
				err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
					_, _, err := r.Files.Save(ctx, f)
					return err
				})
				assert.Error(t, err, "kind %q size %d", f.Kind, f.Size)
			}
		}},
		{"an unknown file id is not found", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				_, err := r.Files.Get(ctx, f.OwnerID, f.ID+1)
				assert.ErrorIs(t, err, domain.ErrNotFound)
			})
		}},
		{"a returned file shares nothing with the stored one", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := newFile(owner.ID, "u1", domain.KindPhoto)
			deleted := t0
			f.DeletedAt = &deleted
			stored := mustSave(t, uow, f)
			*stored.DeletedAt = t0.AddDate(1, 0, 0)
			deleted = t0.AddDate(2, 0, 0)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Files.Get(ctx, stored.OwnerID, stored.ID)
				require.NoError(t, err)
				assert.True(t, t0.Equal(*got.DeletedAt))
			})
		}},
		{"concurrent saves of the same file create exactly one row", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			const workers = 8
			var wg sync.WaitGroup
			results := make([]domain.File, workers)
			created := make([]bool, workers)
			errs := make([]error, workers)
			for i := range workers {
				wg.Go(func() {
					f := newFile(owner.ID, "race", domain.KindPhoto)
					f.TelegramFileID = fmt.Sprintf("file-id-%d", i)
					errs[i] = uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
						var err error
						results[i], created[i], err = r.Files.Save(ctx, f)
						return err
					})
				})
			}
			wg.Wait()
			creations := 0
			for i := range workers {
				require.NoError(t, errs[i])
				assert.Equal(t, results[0].ID, results[i].ID)
				if created[i] {
					creations++
				}
			}
			assert.Equal(t, 1, creations)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				counts, err := r.Files.CountByKind(ctx, owner.ID)
				require.NoError(t, err)
				assert.Equal(t, map[domain.Kind]int{domain.KindPhoto: 1}, counts)
			})
		}},
	})
}
