package counts

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// tagKinds are the kinds a tag's list is narrowed to in the checks ("" is every kind).
var tagKinds = []domain.Kind{"", domain.KindPhoto, domain.KindDocument, domain.KindVideo}

// tagNames are the tags the steps put on and take off.
var tagNames = []string{"work", "holiday", "tax"}

// runTags changes tagged files in every way a user can and checks, after each change, that the
// count of a tag's list (CountList with TagID, of every kind and of one), the list itself and
// the tags' list (Tags.List) agree with a count made afresh from the files and their tags.
func runTags(t *testing.T, newUOW fixture.NewUOW) {
	uow := newUOW(t)
	owner := fixture.MustUpsert(t, uow, fixture.NewUser(1)).ID
	other := fixture.MustUpsert(t, uow, fixture.NewUser(2)).ID
	cat := fixture.MustCreateCategory(t, uow, owner, "A").ID
	files := map[int64][]int64{} // every file each user ever saved
	save := func(user int64, uniqueID string, kind domain.Kind, tags ...string) int64 {
		id := fixture.MustSave(t, uow, fixture.NewFile(user, uniqueID, kind)).ID
		files[user] = append(files[user], id)
		tag(t, uow, user, id, tags...)
		return id
	}
	ids := func() []int64 { return files[owner] }
	trashedAt := fixture.T0.Add(time.Hour)
	update := func(id int64, change func(f *domain.File)) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			f, err := r.Files.Get(ctx, owner, id)
			require.NoError(t, err)
			change(&f)
			require.NoError(t, r.Files.Update(ctx, f))
		})
	}
	untag := func(id int64, names ...string) {
		fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Tags.Remove(ctx, owner, id, names) })
	}
	steps := []struct {
		name string
		do   func()
	}{
		{"files are saved and tagged", func() {
			save(owner, "p1", domain.KindPhoto, "work", "holiday")
			save(owner, "p2", domain.KindPhoto, "work")
			save(owner, "d1", domain.KindDocument, "work", "tax")
			save(owner, "d2", domain.KindDocument, "holiday")
			save(owner, "v1", domain.KindVideo)
			save(other, "theirs", domain.KindPhoto, "work", "tax")
		}},
		{"a tag a file carries is put on it again", func() { tag(t, uow, owner, ids()[0], "work", "work") }},
		{"a tag is put on someone else's file", func() { tag(t, uow, owner, files[other][0], "holiday") }},
		{"an untagged file is tagged", func() { tag(t, uow, owner, ids()[4], "work", "tax") }},
		{"a tag is taken off a file", func() { untag(ids()[1], "work") }},
		{"a tag a file does not carry is taken off it", func() { untag(ids()[1], "tax") }},
		{"a tagged file is renamed", func() { update(ids()[0], func(f *domain.File) { f.Name = "renamed.jpg" }) }},
		{"a tagged file is moved into a category and out", func() {
			update(ids()[2], func(f *domain.File) { f.CategoryID = &cat })
			update(ids()[3], func(f *domain.File) { f.CategoryID = &cat })
			update(ids()[3], func(f *domain.File) { f.CategoryID = nil })
		}},
		{"a tagged file is trashed", func() { update(ids()[0], func(f *domain.File) { f.DeletedAt = &trashedAt }) }},
		{"a trashed file is trashed again", func() { update(ids()[0], func(f *domain.File) { f.DeletedAt = &trashedAt }) }},
		{"a trashed file is tagged", func() { tag(t, uow, owner, ids()[0], "tax") }},
		{"a tag is taken off a trashed file", func() { untag(ids()[0], "holiday") }},
		{"a trashed file is restored", func() { update(ids()[0], func(f *domain.File) { f.DeletedAt = nil }) }},
		{"a category of tagged files is deleted", func() {
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				_, err := r.Categories.Delete(ctx, owner, cat)
				return err
			})
		}},
		{"a tagged file is deleted for good", func() {
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Files.Delete(ctx, owner, ids()[2]) })
		}},
		{"a tag's last file is untagged, which forgets the tag, and the tag is put on again", func() {
			untag(ids()[0], "tax")
			untag(ids()[4], "tax")
			tag(t, uow, owner, ids()[3], "tax")
		}},
		{"tagged files arrive as an album", func() {
			var album domain.Album
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				var err error
				album, err = r.Albums.Arrive(ctx, owner, "g1", true, fixture.T0)
				return err
			})
			for i, kind := range []domain.Kind{domain.KindPhoto, domain.KindVideo, domain.KindPhoto} {
				id := save(owner, fmt.Sprintf("album%d", i), kind, "holiday")
				fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
					_, err := r.Albums.AddFile(ctx, owner, album.ID, id)
					return err
				})
			}
		}},
		{"an album's newest file is trashed", func() { update(ids()[len(ids())-1], func(f *domain.File) { f.DeletedAt = &trashedAt }) }},
		{"the trash is purged", func() {
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				_, err := r.Files.PurgeTrashed(ctx, trashedAt.Add(time.Second), 10)
				return err
			})
		}},
		{"seventy more tagged files come and every other one goes to the trash", func() {
			for i := range 70 {
				id := save(owner, fmt.Sprintf("many%d", i), []domain.Kind{domain.KindPhoto, domain.KindDocument}[i%2], "work", "tax")
				if i%2 == 0 {
					update(id, func(f *domain.File) { f.DeletedAt = &trashedAt })
				}
				if i%7 == 0 {
					untag(id, "tax")
				}
			}
		}},
		{"the trash is emptied", func() {
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				_, err := r.Files.EmptyTrash(ctx, owner)
				return err
			})
		}},
		{"every file of the other user is deleted", func() {
			fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
				_, err := r.Files.DeleteAll(ctx, other)
				return err
			})
		}},
	}
	for _, step := range steps {
		step.do()
		t.Run("after "+step.name, func(t *testing.T) {
			fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
				tagsAgree(ctx, t, r, owner, files[owner])
				tagsAgree(ctx, t, r, other, files[other])
			})
		})
	}
}

// tag puts the tags on the user's file.
func tag(t *testing.T, uow app.UnitOfWork, user, id int64, names ...string) {
	t.Helper()
	if len(names) == 0 {
		return
	}
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Tags.Add(ctx, user, id, names, fixture.T0) })
}

// tagsAgree checks every count of each of the user's tags against a count made afresh: the live
// files among ids (every file the user ever saved), by the tags each carries.
func tagsAgree(ctx context.Context, t *testing.T, r app.Repos, user int64, ids []int64) {
	t.Helper()
	want := map[string]map[domain.Kind]int{}
	kinds := map[int64]domain.Kind{}
	var live []int64
	for _, id := range ids {
		f, err := r.Files.Get(ctx, user, id)
		if errors.Is(err, domain.ErrNotFound) {
			continue // deleted for good
		}
		require.NoError(t, err)
		if f.DeletedAt == nil {
			live = append(live, id)
			kinds[id] = f.Kind
		}
	}
	names, err := r.Tags.NamesOfFiles(ctx, user, live)
	require.NoError(t, err)
	for id, tags := range names {
		for _, name := range tags {
			if want[name] == nil {
				want[name] = map[domain.Kind]int{}
			}
			want[name][""]++
			want[name][kinds[id]]++
		}
	}
	summaries, err := r.Tags.List(ctx, app.TagQuery{OwnerID: user, Limit: 100})
	require.NoError(t, err)
	listed := map[string]int{}
	for _, s := range summaries {
		listed[s.Name] = s.Files
	}
	for _, name := range tagNames {
		tag, err := r.Tags.ByName(ctx, user, name)
		if errors.Is(err, domain.ErrNotFound) {
			assert.Zero(t, want[name][""], "tag %q is gone but files carry it", name)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, want[name][""], listed[name], "Tags.List of %q", name)
		for _, kind := range tagKinds {
			q := app.FileQuery{OwnerID: user, TagID: tag.ID, Kind: kind}
			n, newer, err := r.Files.CountList(ctx, q, 0)
			require.NoError(t, err)
			assert.Equal(t, want[name][kind], n, "CountList of tag %q, kind %q", name, kind)
			assert.Zero(t, newer)
			assert.Len(t, list(ctx, t, r, q), want[name][kind], "List of tag %q, kind %q", name, kind)
			q.Trashed = true
			n, _, err = r.Files.CountList(ctx, q, 0)
			require.NoError(t, err)
			assert.Zero(t, n, "CountList of tag %q in the trash", name)
		}
	}
}
