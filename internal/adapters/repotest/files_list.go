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

// library is what the listing tests page through: ten live files of the owner, alternately
// photos and documents (ids ascending in this order), one trashed photo, and one photo of
// someone else.
type library struct {
	owner, other   int64
	all            []int64 // the owner's live files, newest first
	photos, others []int64 // the owner's live photos and documents, newest first
	trashed        int64
}

func seedLibrary(t *testing.T, uow app.UnitOfWork) library {
	t.Helper()
	lib := library{owner: mustUpsert(t, uow, newUser(1)).ID, other: mustUpsert(t, uow, newUser(2)).ID}
	for i := range 10 {
		kind := domain.KindPhoto
		if i%2 == 1 {
			kind = domain.KindDocument
		}
		id := mustSave(t, uow, newFile(lib.owner, fmt.Sprintf("f%d", i), kind)).ID
		lib.all = append([]int64{id}, lib.all...)
		if kind == domain.KindPhoto {
			lib.photos = append([]int64{id}, lib.photos...)
		} else {
			lib.others = append([]int64{id}, lib.others...)
		}
		if i == 4 {
			trashed := newFile(lib.owner, "trashed", domain.KindPhoto)
			trashed.DeletedAt = &t0
			lib.trashed = mustSave(t, uow, trashed).ID
			mustSave(t, uow, newFile(lib.other, "theirs", domain.KindPhoto))
		}
	}
	return lib
}

func list(t *testing.T, uow app.UnitOfWork, q app.FileQuery) []domain.File {
	t.Helper()
	var files []domain.File
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		files, err = r.Files.List(ctx, q)
		require.NoError(t, err)
	})
	return files
}

func testListFiles(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	lib := seedLibrary(t, uow)
	checkLists(t, uow, lib.owner, []listCase{
		{"the first page holds the newest files, newest first", app.FileQuery{Limit: 4}, lib.all[:4]},
		{"a limit beyond the end returns every live file", app.FileQuery{Limit: 100}, lib.all},
		{"a page after an id holds the older files, newest first", app.FileQuery{AfterID: lib.all[3], Limit: 4}, lib.all[4:8]},
		{"the last page is short", app.FileQuery{AfterID: lib.all[7], Limit: 4}, lib.all[8:]},
		{"a page after the oldest file is empty", app.FileQuery{AfterID: lib.all[9], Limit: 4}, nil},
		{"a page before an id holds the newer files, oldest first", app.FileQuery{BeforeID: lib.all[8], Limit: 4}, reversed(lib.all[4:8])},
		{"a page before the newest file is empty", app.FileQuery{BeforeID: lib.all[0], Limit: 4}, nil},
		{"a page after a trashed file's id continues below it", app.FileQuery{AfterID: lib.trashed, Limit: 100}, lib.all[5:]},
		{"a kind filter keeps only that kind", app.FileQuery{Kind: domain.KindPhoto, Limit: 100}, lib.photos},
		{"a kind filter pages forward", app.FileQuery{Kind: domain.KindDocument, AfterID: lib.others[1], Limit: 2}, lib.others[2:4]},
		{"a kind filter pages backward", app.FileQuery{Kind: domain.KindPhoto, BeforeID: lib.photos[4], Limit: 2}, reversed(lib.photos[2:4])},
		{"a kind without files gives an empty page", app.FileQuery{Kind: domain.KindVoice, Limit: 10}, nil},
	})

	t.Run("an owner without files gets an empty page", func(t *testing.T) {
		assert.Empty(t, list(t, uow, app.FileQuery{OwnerID: lib.other + 1000, Limit: 10}))
	})
	t.Run("another owner sees only their own files", func(t *testing.T) {
		got := list(t, uow, app.FileQuery{OwnerID: lib.other, Limit: 10})
		require.Len(t, got, 1)
		assert.Equal(t, "theirs", got[0].UniqueID)
	})
	for _, kind := range []domain.Kind{"", domain.KindPhoto} {
		t.Run(fmt.Sprintf("paging forward then back over %q files has no overlap and no gap", kind), func(t *testing.T) {
			testPagingRoundTrip(t, uow, lib, kind)
		})
	}
}

// testPagingRoundTrip walks the live files, or those of one kind, page by page both ways.
func testPagingRoundTrip(t *testing.T, uow app.UnitOfWork, lib library, kind domain.Kind) {
	want := lib.all
	if kind == domain.KindPhoto {
		want = lib.photos
	}
	walkPages(t, uow, app.FileQuery{OwnerID: lib.owner, Kind: kind, Limit: 3}, want)
}

// walkPages walks every page of q (q.Limit files each) forward with the last id as the cursor,
// then back with the first id, and checks both walks see every file of want (newest first)
// exactly once.
func walkPages(t *testing.T, uow app.UnitOfWork, q app.FileQuery, want []int64) {
	t.Helper()
	require.Greater(t, len(want), q.Limit, "more than one page")
	var forward [][]int64
	for {
		page := ids(list(t, uow, q))
		if len(page) == 0 {
			break
		}
		forward = append(forward, page)
		q.AfterID = page[len(page)-1]
	}
	assert.Equal(t, want, slices.Concat(forward...))
	require.NotEmpty(t, forward)

	// Back from the last page: each page before the first id of the one shown.
	var backward []int64
	first := forward[len(forward)-1][0]
	q.AfterID = 0
	for {
		q.BeforeID = first
		page := ids(list(t, uow, q))
		if len(page) == 0 {
			break
		}
		slices.Reverse(page)
		backward = append(page, backward...)
		first = page[0]
	}
	assert.Equal(t, want, append(backward, forward[len(forward)-1]...))
}

// listCase is a query (checkLists fills in its owner, and a limit of 100 where it has none) and the
// ids of the page it must give.
type listCase struct {
	name string
	q    app.FileQuery
	want []int64
}

// checkLists runs each case as owner's query and checks the page: its ids, and that it holds only
// owner's files, live or trashed as asked.
func checkLists(t *testing.T, uow app.UnitOfWork, owner int64, cases []listCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := c.q
			q.OwnerID = owner
			if q.Limit == 0 {
				q.Limit = 100
			}
			got := list(t, uow, q)
			assert.Equal(t, c.want, nilIfEmpty(ids(got)))
			for _, f := range got {
				assert.Equal(t, owner, f.OwnerID)
				assert.Equal(t, q.Trashed, f.Trashed())
			}
		})
	}
}

// reversed is ids in the other order, as a page before an id lists them.
func reversed(ids []int64) []int64 { r := slices.Clone(ids); slices.Reverse(r); return r }

func nilIfEmpty(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

func testCountFiles(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	lib := seedLibrary(t, uow)
	tests := []struct {
		name  string
		owner int64
		want  map[domain.Kind]int
	}{
		{"live files are counted per kind, trashed ones not", lib.owner, map[domain.Kind]int{domain.KindPhoto: 5, domain.KindDocument: 5}},
		{"another owner's files are counted apart", lib.other, map[domain.Kind]int{domain.KindPhoto: 1}},
		{"an owner without files has no counts", lib.other + 1000, map[domain.Kind]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				got, err := r.Files.CountByKind(ctx, tt.owner)
				require.NoError(t, err)
				assert.Equal(t, len(tt.want), len(got))
				for kind, n := range tt.want {
					assert.Equal(t, n, got[kind], "kind %s", kind)
				}
			})
		})
	}
}

// testCountList covers CountList: it counts what List would list, paging aside, those of them
// newer than an id when one is given, and refuses to count a search.
func testCountList(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	uow := newUOW(t)
	lib := seedLibrary(t, uow)
	tests := []struct {
		name         string
		q            app.FileQuery
		newerThan    int64
		total, newer int
	}{
		{"all live files, none newer than the newest", app.FileQuery{OwnerID: lib.owner}, lib.all[0], 10, 0},
		{"all live files, those newer than the fourth", app.FileQuery{OwnerID: lib.owner}, lib.all[3], 10, 3},
		{"all live files, no newer ones asked for", app.FileQuery{OwnerID: lib.owner}, 0, 10, 0},
		{"one kind", app.FileQuery{OwnerID: lib.owner, Kind: domain.KindPhoto}, lib.photos[1], 5, 1},
		{"the trash", app.FileQuery{OwnerID: lib.owner, Trashed: true}, 0, 1, 0},
		{"the uncategorised files", app.FileQuery{OwnerID: lib.owner, Uncategorised: true}, lib.all[9], 10, 9},
		{"someone else's files", app.FileQuery{OwnerID: lib.other}, 0, 1, 0},
		{"no one's files", app.FileQuery{OwnerID: lib.other + 1000}, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			do(t, uow, func(ctx context.Context, r app.Repos) {
				tt.q.AfterID, tt.q.Limit = lib.all[5], 2 // paging is ignored
				total, newer, err := r.Files.CountList(ctx, tt.q, tt.newerThan)
				require.NoError(t, err)
				assert.Equal(t, tt.total, total, "total")
				assert.Equal(t, tt.newer, newer, "newer")
			})
		})
	}
	t.Run("a search is not counted", func(t *testing.T) {
		err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
			_, _, err := r.Files.CountList(ctx, app.FileQuery{OwnerID: lib.owner, Search: "f1"}, 0)
			return err
		})
		require.Error(t, err)
	})
}

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
	checkLists(t, uow, s.owner, []listCase{
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
	})

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
