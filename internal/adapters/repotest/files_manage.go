package repotest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// testManageFiles covers what changes a kept file: Update (rename, move, trash, restore),
// Delete, and the counts of the uncategorised and trashed files.
func testManageFiles(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	runContracts(t, newUOW, oneUser, []contract[domain.User]{
		{"a file is renamed, moved, trashed and restored, each step read back", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			f := utcFile(mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto)))
			deleted := t0.Add(time.Hour)
			steps := []struct {
				name   string
				change func(f *domain.File)
			}{
				{"rename", func(f *domain.File) { f.Name = "holiday.jpg" }},
				{"move into a category", func(f *domain.File) { f.CategoryID = &c.ID }},
				{"trash", func(f *domain.File) { f.DeletedAt = &deleted }},
				{"restore", func(f *domain.File) { f.DeletedAt = nil }},
				{"move out of the category", func(f *domain.File) { f.CategoryID = nil }},
			}
			for _, step := range steps {
				step.change(&f)
				do(t, uow, func(ctx context.Context, r app.Repos) {
					require.NoError(t, r.Files.Update(ctx, f), step.name)
					got, err := r.Files.Get(ctx, f.OwnerID, f.ID)
					require.NoError(t, err)
					assert.Equal(t, f, utcFile(got), step.name)
				})
			}
		}},
		{"an update changes only the name, the category and the trash time", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			stored := utcFile(mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto)))
			changed := stored
			changed.Name = "new.jpg"
			changed.TelegramFileID, changed.UniqueID = "other-id", "other-unique"
			changed.MIMEType, changed.Size, changed.Kind, changed.Carrier = "video/mp4", 1, domain.KindVideo, domain.KindVideo
			changed.Caption, changed.CreatedAt = "other caption", t0.AddDate(1, 0, 0)
			want := stored
			want.Name = "new.jpg"
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Files.Update(ctx, changed))
				got, err := r.Files.Get(ctx, stored.OwnerID, stored.ID)
				require.NoError(t, err)
				assert.Equal(t, want, utcFile(got))
			})
		}},
		{"an update names the owner: given another owner it changes nothing and is not found", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(43))
			stored := utcFile(mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto)))
			changed := stored
			changed.Name, changed.OwnerID = "stolen.jpg", other.ID
			do(t, uow, func(ctx context.Context, r app.Repos) {
				assert.ErrorIs(t, r.Files.Update(ctx, changed), domain.ErrNotFound)
				got, err := r.Files.Get(ctx, owner.ID, stored.ID)
				require.NoError(t, err)
				assert.Equal(t, stored, utcFile(got))
			})
		}},
		{"deleting names the owner: another owner's delete is not found and keeps the file", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(43))
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				assert.ErrorIs(t, r.Files.Delete(ctx, other.ID, f.ID), domain.ErrNotFound)
				_, err := r.Files.Get(ctx, owner.ID, f.ID)
				assert.NoError(t, err)
			})
		}},
		{"a trash time is kept to the microsecond", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto))
			deleted := t0.Add(time.Microsecond + 999*time.Nanosecond)
			f.DeletedAt = &deleted
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Files.Update(ctx, f))
				got, err := r.Files.Get(ctx, f.OwnerID, f.ID)
				require.NoError(t, err)
				assert.True(t, t0.Add(time.Microsecond).Equal(*got.DeletedAt), "deleted at %v", got.DeletedAt)
			})
		}},
		{"updating an unknown file is not found", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto))
			f.ID++
			do(t, uow, func(ctx context.Context, r app.Repos) {
				assert.ErrorIs(t, r.Files.Update(ctx, f), domain.ErrNotFound)
			})
		}},
		{"moving a file into an unknown category is refused", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto))
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				return r.Files.Update(ctx, fileIn(f, c.ID+1))
			})
			require.Error(t, err)
			assert.NotErrorIs(t, err, domain.ErrNotFound)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Files.Get(ctx, f.OwnerID, f.ID)
				require.NoError(t, err)
				assert.Nil(t, got.CategoryID)
			})
		}},
		{"a deleted file is gone and its unique id may be saved anew", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				require.NoError(t, r.Files.Delete(ctx, f.OwnerID, f.ID))
				_, err := r.Files.Get(ctx, f.OwnerID, f.ID)
				require.ErrorIs(t, err, domain.ErrNotFound)
				again, created, err := r.Files.Save(ctx, newFile(owner.ID, "u1", domain.KindPhoto))
				require.NoError(t, err)
				assert.True(t, created)
				assert.NotEqual(t, f.ID, again.ID)
			})
		}},
		{"deleting an unknown file is not found", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			f := mustSave(t, uow, newFile(owner.ID, "u1", domain.KindPhoto))
			do(t, uow, func(ctx context.Context, r app.Repos) {
				assert.ErrorIs(t, r.Files.Delete(ctx, f.OwnerID, f.ID+1), domain.ErrNotFound)
				require.NoError(t, r.Files.Delete(ctx, f.OwnerID, f.ID))
				assert.ErrorIs(t, r.Files.Delete(ctx, f.OwnerID, f.ID), domain.ErrNotFound, "deleting twice")
			})
		}},
		{"uncategorised and trashed files are counted per owner", func(t *testing.T, uow app.UnitOfWork, owner domain.User) {
			other := mustUpsert(t, uow, newUser(owner.TelegramID+1))
			c := mustCreateCategory(t, uow, owner.ID, "Receipts")
			for i, f := range []domain.File{
				fileIn(newFile(owner.ID, "", domain.KindPhoto), 0),
				fileIn(newFile(owner.ID, "", domain.KindDocument), 0),
				fileIn(newFile(owner.ID, "", domain.KindPhoto), c.ID),
				trashedAt(fileIn(newFile(owner.ID, "", domain.KindPhoto), 0), t0),
				trashedAt(fileIn(newFile(owner.ID, "", domain.KindPhoto), c.ID), t0),
				trashedAt(fileIn(newFile(owner.ID, "", domain.KindVideo), 0), t0),
				fileIn(newFile(other.ID, "", domain.KindPhoto), 0),
				trashedAt(fileIn(newFile(other.ID, "", domain.KindPhoto), 0), t0),
			} {
				f.UniqueID = fmt.Sprintf("u%d", i)
				mustSave(t, uow, f)
			}
			tests := []struct {
				owner                  int64
				uncategorised, trashed int
			}{{owner.ID, 2, 3}, {other.ID, 1, 1}, {owner.ID + 1000, 0, 0}}
			do(t, uow, func(ctx context.Context, r app.Repos) {
				for _, tt := range tests {
					n, err := r.Files.CountUncategorised(ctx, tt.owner)
					require.NoError(t, err)
					assert.Equal(t, tt.uncategorised, n, "uncategorised files of %d", tt.owner)
					n, err = r.Files.CountTrashed(ctx, tt.owner)
					require.NoError(t, err)
					assert.Equal(t, tt.trashed, n, "trashed files of %d", tt.owner)
				}
			})
		}},
	})
}

// testPurge covers PurgeTrashed: which files it takes, how many, and what it returns.
func testPurge(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	// seed keeps, for two owners, files trashed 1..5 hours after t0 (the owner's in odd hours, the
	// other's in even ones) and a live file each; it returns the trashed ids in trash order.
	seed := func(t *testing.T, uow app.UnitOfWork) (trashed []domain.File, live []domain.File) {
		owner := mustUpsert(t, uow, newUser(1))
		other := mustUpsert(t, uow, newUser(2))
		// Saved newest trash first, so that trash order and id order differ.
		for h := 5; h >= 1; h-- {
			who := owner.ID
			if h%2 == 0 {
				who = other.ID
			}
			f := mustSave(t, uow, trashedAt(newFile(who, fmt.Sprintf("t%d", h), domain.KindPhoto), t0.Add(time.Duration(h)*time.Hour)))
			trashed = append([]domain.File{f}, trashed...)
		}
		live = []domain.File{
			mustSave(t, uow, newFile(owner.ID, "live", domain.KindPhoto)),
			mustSave(t, uow, newFile(other.ID, "live", domain.KindPhoto)),
		}
		return trashed, live
	}
	tests := []struct {
		name   string
		cutoff time.Time
		limit  int
		purged []int // indexes into the trashed ids, in trash order
	}{
		{"files of every owner trashed before the cutoff are purged", t0.Add(3*time.Hour + time.Minute), 100, []int{0, 1, 2}},
		{"a file trashed exactly at the cutoff is kept", t0.Add(3 * time.Hour), 100, []int{0, 1}},
		{"a file trashed a microsecond before the cutoff is purged", t0.Add(3*time.Hour + time.Microsecond), 100, []int{0, 1, 2}},
		{"a cutoff is cut to the microsecond, as times are kept", t0.Add(3*time.Hour + 999*time.Nanosecond), 100, []int{0, 1}},
		{"at most limit files are purged, the longest trashed first", t0.Add(24 * time.Hour), 2, []int{0, 1}},
		{"a cutoff before every trash time purges nothing", t0, 100, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uow := newUOW(t)
			trashed, live := seed(t, uow)
			do(t, uow, func(ctx context.Context, r app.Repos) {
				n, err := r.Files.PurgeTrashed(ctx, tt.cutoff, tt.limit)
				require.NoError(t, err)
				assert.Equal(t, len(tt.purged), n)
				for i, f := range trashed {
					_, err := r.Files.Get(ctx, f.OwnerID, f.ID)
					if slices.Contains(tt.purged, i) {
						assert.ErrorIs(t, err, domain.ErrNotFound, "file trashed %d h after t0 is purged", i+1)
					} else {
						assert.NoError(t, err, "file trashed %d h after t0 is kept", i+1)
					}
				}
				for _, f := range live {
					_, err := r.Files.Get(ctx, f.OwnerID, f.ID)
					assert.NoError(t, err, "a live file is never purged")
				}
			})
		})
	}
	t.Run("purging again continues where the last purge stopped and ends with zero", func(t *testing.T) {
		uow := newUOW(t)
		seed(t, uow)
		var got []int
		for range 4 {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				n, err := r.Files.PurgeTrashed(ctx, t0.Add(24*time.Hour), 2)
				require.NoError(t, err)
				got = append(got, n)
			})
		}
		assert.Equal(t, []int{2, 2, 1, 0}, got)
	})
	t.Run("a limit that is not positive is refused", func(t *testing.T) {
		uow := newUOW(t)
		seed(t, uow)
		for _, limit := range []int{0, -1} {
			err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
				_, err := r.Files.PurgeTrashed(ctx, t0.Add(24*time.Hour), limit)
				return err
			})
			assert.Error(t, err, "limit %d", limit)
		}
	})
}

// testEmptyTrash covers EmptyTrash: every file of the owner's trash goes, nothing else does.
func testEmptyTrash(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	owner := mustUpsert(t, uow, newUser(1))
	other := mustUpsert(t, uow, newUser(2))
	var trashed []int64
	var kept []domain.File
	for i := range 3 {
		trashed = append(trashed, mustSave(t, uow, trashedAt(newFile(owner.ID, fmt.Sprintf("t%d", i), domain.KindPhoto), t0.Add(time.Duration(i)*time.Hour))).ID)
	}
	kept = append(kept,
		mustSave(t, uow, newFile(owner.ID, "live", domain.KindPhoto)),
		mustSave(t, uow, trashedAt(newFile(other.ID, "theirs", domain.KindPhoto), t0)),
		mustSave(t, uow, newFile(other.ID, "their live", domain.KindPhoto)),
	)
	do(t, uow, func(ctx context.Context, r app.Repos) {
		n, err := r.Files.EmptyTrash(ctx, owner.ID)
		require.NoError(t, err)
		assert.Equal(t, len(trashed), n, "it says how many it deleted")
		for _, id := range trashed {
			_, err := r.Files.Get(ctx, owner.ID, id)
			assert.ErrorIs(t, err, domain.ErrNotFound, "a file of the owner's trash is gone")
		}
		for _, f := range kept {
			_, err := r.Files.Get(ctx, f.OwnerID, f.ID)
			assert.NoError(t, err, "live files and other owners' trash are kept")
		}
		n, err = r.Files.EmptyTrash(ctx, owner.ID)
		require.NoError(t, err)
		assert.Zero(t, n, "an empty trash empties to nothing")
	})
}
