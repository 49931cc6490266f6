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

// shelf is what the category, uncategorised and trash lists page through: fifteen files of the
// owner, saved in this order (ids ascending), going round categories A, none and B, photos at even
// positions and documents at odd ones, every fifth one trashed; and files of someone else in
// their own category and in their trash.
type shelf struct {
	owner, other   int64
	a, b, theirs   int64 // category ids
	files          []domain.File
	othersTrashed  int64
	othersCategory int64
}

func seedShelf(t *testing.T, uow app.UnitOfWork) shelf {
	t.Helper()
	s := shelf{owner: mustUpsert(t, uow, newUser(1)).ID, other: mustUpsert(t, uow, newUser(2)).ID}
	s.a = mustCreateCategory(t, uow, s.owner, "A").ID
	s.b = mustCreateCategory(t, uow, s.owner, "B").ID
	s.theirs = mustCreateCategory(t, uow, s.other, "A").ID
	for i := range 15 {
		kind := domain.KindPhoto
		if i%2 == 1 {
			kind = domain.KindDocument
		}
		f := fileIn(newFile(s.owner, fmt.Sprintf("f%d", i), kind), []int64{s.a, 0, s.b}[i%3])
		if i%5 == 4 {
			f = trashedAt(f, t0.Add(time.Duration(i)*time.Minute))
		}
		s.files = append(s.files, mustSave(t, uow, f))
		if i == 7 {
			s.othersCategory = mustSave(t, uow, fileIn(newFile(s.other, "theirs", domain.KindPhoto), s.theirs)).ID
			s.othersTrashed = mustSave(t, uow, trashedAt(newFile(s.other, "trashed", domain.KindPhoto), t0)).ID
		}
	}
	return s
}

// want returns the ids of the owner's files that keep says to, newest first.
func (s shelf) want(keep func(f domain.File) bool) []int64 {
	var out []int64
	for _, f := range slices.Backward(s.files) {
		if keep(f) {
			out = append(out, f.ID)
		}
	}
	return out
}

func inCategory(f domain.File, id int64) bool { return f.CategoryID != nil && *f.CategoryID == id }

func testListManagedFiles(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	s := seedShelf(t, uow)
	inA := s.want(func(f domain.File) bool { return !f.Trashed() && inCategory(f, s.a) })
	loose := s.want(func(f domain.File) bool { return !f.Trashed() && f.CategoryID == nil })
	trash := s.want(domain.File.Trashed)
	require.Len(t, inA, 4)
	require.Len(t, loose, 4)
	require.Len(t, trash, 3)
	reversed := func(ids []int64) []int64 { r := slices.Clone(ids); slices.Reverse(r); return r }

	tests := []struct {
		name string
		q    app.FileQuery
		want []int64
	}{
		{"a category lists its live files, newest first", app.FileQuery{CategoryID: s.a, Limit: 100}, inA},
		{"a category's page after an id holds its older files", app.FileQuery{CategoryID: s.a, AfterID: inA[0], Limit: 2}, inA[1:3]},
		{"a category's page before an id holds its newer files, oldest first", app.FileQuery{CategoryID: s.a, BeforeID: inA[3], Limit: 2}, reversed(inA[1:3])},
		{"a category and a kind keep the files of both", app.FileQuery{CategoryID: s.b, Kind: domain.KindDocument, Limit: 100},
			s.want(func(f domain.File) bool { return !f.Trashed() && inCategory(f, s.b) && f.Kind == domain.KindDocument })},
		{"another owner's category lists none of the owner's files", app.FileQuery{CategoryID: s.theirs, Limit: 100}, nil},
		{"the uncategorised list holds the live files in no category", app.FileQuery{Uncategorised: true, Limit: 100}, loose},
		{"the uncategorised list pages forward", app.FileQuery{Uncategorised: true, AfterID: loose[1], Limit: 10}, loose[2:]},
		{"the uncategorised list pages backward", app.FileQuery{Uncategorised: true, BeforeID: loose[2], Limit: 10}, reversed(loose[:2])},
		{"the uncategorised list filters by kind", app.FileQuery{Uncategorised: true, Kind: domain.KindPhoto, Limit: 100},
			s.want(func(f domain.File) bool { return !f.Trashed() && f.CategoryID == nil && f.Kind == domain.KindPhoto })},
		{"the trash holds the trashed files, newest first", app.FileQuery{Trashed: true, Limit: 100}, trash},
		{"the trash pages forward", app.FileQuery{Trashed: true, AfterID: trash[0], Limit: 1}, trash[1:2]},
		{"the trash pages backward", app.FileQuery{Trashed: true, BeforeID: trash[2], Limit: 1}, trash[1:2]},
		{"the trash of a category holds its trashed files", app.FileQuery{Trashed: true, CategoryID: s.a, Limit: 100},
			s.want(func(f domain.File) bool { return f.Trashed() && inCategory(f, s.a) })},
		{"the trash of no category holds the trashed files in none", app.FileQuery{Trashed: true, Uncategorised: true, Limit: 100},
			s.want(func(f domain.File) bool { return f.Trashed() && f.CategoryID == nil })},
		{"the trash filters by kind", app.FileQuery{Trashed: true, Kind: domain.KindDocument, Limit: 100},
			s.want(func(f domain.File) bool { return f.Trashed() && f.Kind == domain.KindDocument })},
		{"the live list leaves the trash out", app.FileQuery{Limit: 100}, s.want(func(f domain.File) bool { return !f.Trashed() })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.OwnerID = s.owner
			got := list(t, uow, q)
			assert.Equal(t, tt.want, nilIfEmpty(ids(got)))
			for _, f := range got {
				assert.Equal(t, s.owner, f.OwnerID)
				assert.Equal(t, q.Trashed, f.Trashed())
			}
		})
	}

	t.Run("another owner's trash and category hold only their files", func(t *testing.T) {
		assert.Equal(t, []int64{s.othersTrashed}, ids(list(t, uow, app.FileQuery{OwnerID: s.other, Trashed: true, Limit: 10})))
		assert.Equal(t, []int64{s.othersCategory}, ids(list(t, uow, app.FileQuery{OwnerID: s.other, CategoryID: s.theirs, Limit: 10})))
	})
	t.Run("a query for a category and for no category at once is refused", func(t *testing.T) {
		err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			_, err := r.Files.List(ctx, app.FileQuery{OwnerID: s.owner, CategoryID: s.a, Uncategorised: true, Limit: 10})
			return err
		})
		assert.Error(t, err)
	})
	walks := []struct {
		name string
		q    app.FileQuery
		want []int64
	}{
		{"a category", app.FileQuery{CategoryID: s.a}, inA},
		{"the uncategorised files", app.FileQuery{Uncategorised: true}, loose},
		{"the trash", app.FileQuery{Trashed: true}, trash},
	}
	for _, w := range walks {
		t.Run("paging forward then back over "+w.name+" has no overlap and no gap", func(t *testing.T) {
			q := w.q
			q.OwnerID, q.Limit = s.owner, 2
			walkPages(t, uow, q, w.want)
		})
	}
}
