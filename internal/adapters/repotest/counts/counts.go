// Package counts is the contract of what a repository counts: every count a menu, a list, the
// profile, the quota or /stats reads (CountByKind, CountUncategorised, CountTrashed, CountList,
// of a tag's list too, Usage, Stats.Usage) must agree with the files themselves after every
// change a file can go through — however a store keeps them (the Postgres one keeps counters
// that triggers update).
package counts

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Run runs the contract; every case gets its own storage from newUOW.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	t.Run("files", func(t *testing.T) { runFiles(t, newUOW) })
	t.Run("a tag's files", func(t *testing.T) { runTags(t, newUOW) })
}

// runFiles changes files in every way a user can and checks, after each change, every count of
// their owner's files, kinds, categories and trash against the files the lists find.
func runFiles(t *testing.T, newUOW fixture.NewUOW) {
	uow := newUOW(t)
	owner := fixture.MustUpsert(t, uow, fixture.NewUser(1)).ID
	other := fixture.MustUpsert(t, uow, fixture.NewUser(2)).ID
	var cats [2]int64
	for i, name := range []string{"A", "B"} {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			c, err := r.Categories.Create(ctx, domain.Category{OwnerID: owner, Name: name, CreatedAt: fixture.T0})
			require.NoError(t, err)
			cats[i] = c.ID
		})
	}
	var ids []int64
	save := func(uniqueID string, kind domain.Kind, size int64, category int64) {
		f := fixture.NewFile(owner, uniqueID, kind)
		f.Size, f.CategoryID = size, optional(category)
		ids = append(ids, fixture.MustSave(t, uow, f).ID)
	}
	update := func(i int, change func(f *domain.File)) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			f, err := r.Files.Get(ctx, owner, ids[i])
			require.NoError(t, err)
			change(&f)
			require.NoError(t, r.Files.Update(ctx, f))
		})
	}
	trashedAt := fixture.T0.Add(time.Hour)
	steps := []struct {
		name string
		do   func()
	}{
		{"files are saved", func() {
			save("p1", domain.KindPhoto, 100, 0)
			save("p2", domain.KindPhoto, 200, cats[0])
			save("d1", domain.KindDocument, 1000, cats[0])
			save("v1", domain.KindVideo, 5000, cats[1])
			save("d2", domain.KindDocument, 3000, 0)
			fixture.MustSave(t, uow, fixture.NewFile(other, "theirs", domain.KindPhoto))
		}},
		{"the same file is saved again", func() { save("p1", domain.KindPhoto, 100, 0) }},
		{"a file is renamed", func() { update(0, func(f *domain.File) { f.Name = "renamed.jpg" }) }},
		{"a file is moved into a category", func() { update(0, func(f *domain.File) { f.CategoryID = optional(cats[1]) }) }},
		{"a file is moved out of its category", func() { update(2, func(f *domain.File) { f.CategoryID = nil }) }},
		{"a file is trashed", func() { update(1, func(f *domain.File) { f.DeletedAt = &trashedAt }) }},
		{"another file is trashed", func() { update(3, func(f *domain.File) { f.DeletedAt = &trashedAt }) }},
		{"a file is restored", func() { update(3, func(f *domain.File) { f.DeletedAt = nil }) }},
		{"a category is deleted", func() {
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				_, err := r.Categories.Delete(ctx, owner, cats[0])
				return err
			})
		}},
		{"a file is deleted for good", func() {
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Files.Delete(ctx, owner, ids[4]) })
		}},
		{"the trash is purged", func() {
			update(0, func(f *domain.File) { f.DeletedAt = &trashedAt })
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				_, err := r.Files.PurgeTrashed(ctx, trashedAt.Add(time.Second), 1)
				return err
			})
		}},
		{"seventy more files come and every other one goes to the trash", func() {
			for i := range 70 {
				save(fmt.Sprintf("many%d", i), domain.KindAudio, int64(10+i), 0)
				if i%2 == 0 {
					update(len(ids)-1, func(f *domain.File) { f.DeletedAt = &trashedAt })
				}
			}
		}},
		{"the trash is emptied", func() {
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				_, err := r.Files.EmptyTrash(ctx, owner)
				return err
			})
		}},
	}
	for _, step := range steps {
		step.do()
		t.Run("after "+step.name, func(t *testing.T) {
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				total := domain.Usage{ByKind: map[domain.Kind]domain.KindUsage{}}
				agree(ctx, t, r, owner, cats, &total)
				agree(ctx, t, r, other, [2]int64{}, &total)
				everyone, err := r.Stats.Usage(ctx)
				require.NoError(t, err)
				assert.Equal(t, total, everyone, "Stats.Usage")
			})
		})
	}
}

func optional(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// agree checks every count of owner against the files List finds, and adds them to total.
func agree(ctx context.Context, t *testing.T, r app.Repos, owner int64, cats [2]int64, total *domain.Usage) {
	t.Helper()
	all := list(ctx, t, r, app.FileQuery{OwnerID: owner})
	trash := list(ctx, t, r, app.FileQuery{OwnerID: owner, Trashed: true})
	byKind := map[domain.Kind]int{}
	usage := domain.Usage{ByKind: map[domain.Kind]domain.KindUsage{}}
	for _, f := range all {
		byKind[f.Kind]++
		usage.Add(f.Kind, 1, f.Size, true)
		total.Add(f.Kind, 1, f.Size, true)
	}
	for _, f := range trash {
		usage.Add(f.Kind, 1, f.Size, false)
		total.Add(f.Kind, 1, f.Size, false)
	}
	counted, err := r.Files.CountByKind(ctx, owner)
	require.NoError(t, err)
	assert.Equal(t, byKind, counted, "CountByKind")
	got, err := r.Files.Usage(ctx, owner)
	require.NoError(t, err)
	assert.Equal(t, usage, got, "Usage")
	n, err := r.Files.CountTrashed(ctx, owner)
	require.NoError(t, err)
	assert.Equal(t, len(trash), n, "CountTrashed")
	n, err = r.Files.CountUncategorised(ctx, owner)
	require.NoError(t, err)
	assert.Equal(t, len(list(ctx, t, r, app.FileQuery{OwnerID: owner, Uncategorised: true})), n, "CountUncategorised")
	for _, q := range []app.FileQuery{
		{OwnerID: owner}, {OwnerID: owner, Trashed: true}, {OwnerID: owner, Kind: domain.KindPhoto},
		{OwnerID: owner, Uncategorised: true, Kind: domain.KindDocument}, {OwnerID: owner, CategoryID: cats[1]},
		{OwnerID: owner, CategoryID: cats[1], Kind: domain.KindVideo}, {OwnerID: owner, Trashed: true, Kind: domain.KindPhoto},
	} {
		if q.CategoryID == 0 && cats[1] == 0 && q.Kind == domain.KindVideo {
			continue
		}
		n, _, err := r.Files.CountList(ctx, q, 0)
		require.NoError(t, err)
		assert.Equal(t, len(list(ctx, t, r, q)), n, "CountList %+v", q)
	}
}

func list(ctx context.Context, t *testing.T, r app.Repos, q app.FileQuery) []domain.File {
	t.Helper()
	q.Limit = 1000
	files, err := r.Files.List(ctx, q)
	require.NoError(t, err)
	return files
}
