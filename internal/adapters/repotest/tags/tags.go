// Package tags is the contract of app.TagRepository and of the lists by tag and in every order
// (app.FileQuery.TagID and Sort) that every implementation must meet.
package tags

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

// Run runs the contract; every case gets its own storage from newUOW.
func Run(t *testing.T, newUOW fixture.NewUOW) {
	t.Run("tags", func(t *testing.T) { fixture.RunContracts(t, newUOW, seedTagged, tagContracts) })
	t.Run("lists by tag", func(t *testing.T) { fixture.RunContracts(t, newUOW, seedTagged, tagListContracts) })
	t.Run("every order, paged", func(t *testing.T) { testOrders(t, newUOW) })
}

// tagged is an owner with three files, another user with one, and the tags put on them.
type tagged struct {
	owner, other  int64
	a, b, c       domain.File
	theirs        domain.File
	work, holiday domain.Tag
}

func seedTagged(t *testing.T, uow app.UnitOfWork) tagged {
	t.Helper()
	s := tagged{owner: fixture.OneUser(t, uow).ID, other: fixture.MustUpsert(t, uow, fixture.NewUser(7)).ID}
	s.a = fixture.MustSave(t, uow, fixture.NewFile(s.owner, "a", domain.KindDocument))
	s.b = fixture.MustSave(t, uow, fixture.NewFile(s.owner, "b", domain.KindPhoto))
	s.c = fixture.MustSave(t, uow, fixture.NewFile(s.owner, "c", domain.KindDocument))
	s.theirs = fixture.MustSave(t, uow, fixture.NewFile(s.other, "x", domain.KindDocument))
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		require.NoError(t, r.Tags.Add(ctx, s.owner, s.a.ID, []string{"work", "holiday"}, fixture.T0))
		require.NoError(t, r.Tags.Add(ctx, s.owner, s.b.ID, []string{"work"}, fixture.T0))
		require.NoError(t, r.Tags.Add(ctx, s.other, s.theirs.ID, []string{"work"}, fixture.T0))
		var err error
		s.work, err = r.Tags.ByName(ctx, s.owner, "work")
		require.NoError(t, err)
		s.holiday, err = r.Tags.ByName(ctx, s.owner, "holiday")
		require.NoError(t, err)
	})
	return s
}

func names(tags []domain.Tag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.Name
	}
	return out
}

func summaries(tags []domain.TagSummary) map[string]int {
	out := map[string]int{}
	for _, t := range tags {
		out[t.Name] = t.Files
	}
	return out
}

func listTags(t *testing.T, uow app.UnitOfWork, q app.TagQuery) []domain.TagSummary {
	t.Helper()
	var out []domain.TagSummary
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		out, err = r.Tags.List(ctx, q)
		require.NoError(t, err)
	})
	return out
}

var tagContracts = []fixture.Contract[tagged]{
	{Name: "a file's tags are read by name", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			tags, err := r.Tags.OfFile(ctx, s.owner, s.a.ID)
			require.NoError(t, err)
			assert.Equal(t, []string{"holiday", "work"}, names(tags))
			assert.Equal(t, s.owner, tags[0].OwnerID)
			assert.True(t, tags[0].CreatedAt.Equal(fixture.T0))
		})
	}},
	{Name: "adding a tag a file carries changes nothing, and one tag serves many files", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Tags.Add(ctx, s.owner, s.a.ID, []string{"work"}, fixture.T0.Add(time.Hour)))
			tags, err := r.Tags.OfFile(ctx, s.owner, s.b.ID)
			require.NoError(t, err)
			assert.Equal(t, s.work.ID, tags[0].ID)
		})
		assert.Equal(t, map[string]int{"holiday": 1, "work": 2}, summaries(listTags(t, uow, app.TagQuery{OwnerID: s.owner, Limit: 10})))
	}},
	{Name: "a tag on someone else's file is not put", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Tags.Add(ctx, s.owner, s.theirs.ID, []string{"mine"}, fixture.T0))
			tags, err := r.Tags.OfFile(ctx, s.other, s.theirs.ID)
			require.NoError(t, err)
			assert.Equal(t, []string{"work"}, names(tags))
		})
	}},
	{Name: "removing a tag forgets it once no file carries it", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			require.NoError(t, r.Tags.Remove(ctx, s.owner, s.a.ID, []string{"holiday", "work", "never"}))
			tags, err := r.Tags.OfFile(ctx, s.owner, s.a.ID)
			require.NoError(t, err)
			assert.Empty(t, tags)
			_, err = r.Tags.ByName(ctx, s.owner, "holiday")
			assert.ErrorIs(t, err, domain.ErrNotFound)
			_, err = r.Tags.ByName(ctx, s.owner, "work") // b carries it still
			assert.NoError(t, err)
		})
	}},
	{Name: "another owner's tag of the same name is theirs", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			theirs, err := r.Tags.ByName(ctx, s.other, "work")
			require.NoError(t, err)
			assert.NotEqual(t, s.work.ID, theirs.ID)
			_, err = r.Tags.Get(ctx, s.owner, theirs.ID)
			assert.ErrorIs(t, err, domain.ErrForbidden)
			_, err = r.Tags.Get(ctx, s.owner, theirs.ID+1000)
			assert.ErrorIs(t, err, domain.ErrNotFound)
			got, err := r.Tags.Get(ctx, s.owner, s.work.ID)
			require.NoError(t, err)
			assert.Equal(t, "work", got.Name)
		})
	}},
	{Name: "the names of several files' tags come in one call", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			got, err := r.Tags.NamesOfFiles(ctx, s.owner, []int64{s.a.ID, s.b.ID, s.c.ID, s.theirs.ID})
			require.NoError(t, err)
			assert.Equal(t, map[int64][]string{s.a.ID: {"holiday", "work"}, s.b.ID: {"work"}}, got)
		})
	}},
	{Name: "the tag list counts live files only and leaves out tags of the trash alone", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		trash(t, uow, s.a)
		assert.Equal(t, map[string]int{"work": 1}, summaries(listTags(t, uow, app.TagQuery{OwnerID: s.owner, Limit: 10})))
	}},
	{Name: "a file deleted for good takes its tags with it", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error { return r.Files.Delete(ctx, s.owner, s.b.ID) })
		assert.Equal(t, map[string]int{"holiday": 1, "work": 1}, summaries(listTags(t, uow, app.TagQuery{OwnerID: s.owner, Limit: 10})))
	}},
	{Name: "the tag list pages by name both ways", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
			return r.Tags.Add(ctx, s.owner, s.c.ID, []string{"zoo", "alpha", "mid_term"}, fixture.T0)
		})
		first := listTags(t, uow, app.TagQuery{OwnerID: s.owner, Limit: 2})
		require.Len(t, first, 2)
		assert.Equal(t, []string{"alpha", "holiday"}, []string{first[0].Name, first[1].Name})
		next := listTags(t, uow, app.TagQuery{OwnerID: s.owner, AfterID: first[1].ID, Limit: 5})
		require.Len(t, next, 3)
		assert.Equal(t, []string{"mid_term", "work", "zoo"}, []string{next[0].Name, next[1].Name, next[2].Name})
		back := listTags(t, uow, app.TagQuery{OwnerID: s.owner, BeforeID: next[0].ID, Limit: 5})
		assert.Equal(t, []string{"holiday", "alpha"}, []string{back[0].Name, back[1].Name}, "nearest first")
		theirs := listTags(t, uow, app.TagQuery{OwnerID: s.other, AfterID: first[1].ID, Limit: 5})
		assert.Equal(t, map[string]int{"work": 1}, summaries(theirs), "another owner's cursor starts their list")
	}},
}

func trash(t *testing.T, uow app.UnitOfWork, f domain.File) {
	t.Helper()
	fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
		at := fixture.T0.Add(time.Hour)
		f.DeletedAt = &at
		return r.Files.Update(ctx, f)
	})
}

func list(t *testing.T, uow app.UnitOfWork, q app.FileQuery) []int64 {
	t.Helper()
	var out []domain.File
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		out, err = r.Files.List(ctx, q)
		require.NoError(t, err)
	})
	return fixture.IDs(out)
}

var tagListContracts = []fixture.Contract[tagged]{
	{Name: "a tag's files are the owner's live files that carry it", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		assert.Equal(t, []int64{s.b.ID, s.a.ID}, list(t, uow, app.FileQuery{OwnerID: s.owner, TagID: s.work.ID, Limit: 10}))
		assert.Equal(t, []int64{s.a.ID}, list(t, uow, app.FileQuery{OwnerID: s.owner, TagID: s.holiday.ID, Limit: 10}))
		assert.Empty(t, list(t, uow, app.FileQuery{OwnerID: s.other, TagID: s.work.ID, Limit: 10}), "another owner's tag lists nothing")
		trash(t, uow, s.b)
		assert.Equal(t, []int64{s.a.ID}, list(t, uow, app.FileQuery{OwnerID: s.owner, TagID: s.work.ID, Limit: 10}))
		assert.Empty(t, list(t, uow, app.FileQuery{OwnerID: s.owner, TagID: s.work.ID, Trashed: true, Limit: 10}), "no tag list of the trash")
	}},
	{Name: "a tag's files narrow to one kind, and are counted so", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		q := app.FileQuery{OwnerID: s.owner, TagID: s.work.ID, Kind: domain.KindPhoto, Limit: 10}
		assert.Equal(t, []int64{s.b.ID}, list(t, uow, q))
		fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
			n, _, err := r.Files.CountList(ctx, q, 0)
			require.NoError(t, err)
			assert.Equal(t, 1, n)
			n, newer, err := r.Files.CountList(ctx, app.FileQuery{OwnerID: s.owner, TagID: s.work.ID}, s.a.ID)
			require.NoError(t, err)
			assert.Equal(t, 2, n)
			assert.Zero(t, newer, "a tag's list counts no newer files")
		})
	}},
	{Name: "a tag's files by name follow a rename, and leave and come back with the trash", Run: func(t *testing.T, uow app.UnitOfWork, s tagged) {
		byName := app.FileQuery{OwnerID: s.owner, TagID: s.work.ID, Sort: domain.SortName, Limit: 10}
		assert.Equal(t, []int64{s.a.ID, s.b.ID}, list(t, uow, byName))
		fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
			s.a.Name = "Zebra.bin"
			return r.Files.Update(ctx, s.a)
		})
		assert.Equal(t, []int64{s.b.ID, s.a.ID}, list(t, uow, byName))
		trash(t, uow, s.a)
		assert.Equal(t, []int64{s.b.ID}, list(t, uow, byName))
		fixture.Must(t, uow, func(ctx context.Context, r app.Repos) error {
			s.a.DeletedAt = nil
			return r.Files.Update(ctx, s.a)
		})
		assert.Equal(t, []int64{s.b.ID, s.a.ID}, list(t, uow, byName))
	}},
}
