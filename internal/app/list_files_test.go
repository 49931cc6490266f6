package app_test

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

// library keeps n files for a new user, one a minute: every third one a photo, the others
// documents. It returns the owner and the files' ids, newest first.
func library(t *testing.T, f fixture, telegramID int64, n int) (domain.User, []int64) {
	t.Helper()
	owner := f.register(t, telegramID)
	ids := make([]int64, n)
	for i := range n {
		in := document(fmt.Sprintf("doc-%d-%d", telegramID, i))
		if i%3 == 0 {
			in = photo(fmt.Sprintf("photo-%d-%d", telegramID, i))
		}
		ids[n-1-i] = f.save(t, owner.ID, in).ID
		f.clock.Advance(time.Minute)
	}
	return owner, ids
}

func fileIDs(files []domain.File) []int64 {
	ids := make([]int64, len(files))
	for i, f := range files {
		ids[i] = f.ID
	}
	return ids
}

func TestListFilesPagesThroughTheLibrary(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	owner, ids := library(t, f, 42, 25)
	list := func(c domain.Cursor) domain.Page[domain.File] {
		t.Helper()
		page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: owner.ID, Cursor: c, PageSize: 8})
		require.NoError(t, err)
		return page
	}

	first := list(domain.Cursor{})
	t.Run("the first page shows the newest files with a next page and no previous one", func(t *testing.T) {
		assert.Equal(t, ids[:8], fileIDs(first.Items))
		assert.NotNil(t, first.Next)
		assert.Nil(t, first.Prev)
	})

	pages := []domain.Page[domain.File]{first}
	for page := first; page.Next != nil; {
		page = list(*page.Next)
		pages = append(pages, page)
		require.LessOrEqual(t, len(pages), 10, "following Next never ends")
	}
	t.Run("following Next shows every file once, in order, on pages of eight", func(t *testing.T) {
		var seen []int64
		for _, p := range pages {
			seen = append(seen, fileIDs(p.Items)...)
		}
		assert.Equal(t, ids, seen)
		require.Len(t, pages, 4)
		assert.Len(t, pages[3].Items, 1)
	})
	t.Run("the last page has no next page", func(t *testing.T) {
		assert.Nil(t, pages[len(pages)-1].Next)
	})
	t.Run("every page after the first has a previous one", func(t *testing.T) {
		for _, p := range pages[1:] {
			assert.NotNil(t, p.Prev)
		}
	})

	t.Run("following Prev from the last page shows the same pages back to the first", func(t *testing.T) {
		page := pages[len(pages)-1]
		for i := len(pages) - 2; i >= 0; i-- {
			require.NotNil(t, page.Prev, "page %d has no previous page", i+1)
			page = list(*page.Prev)
			assert.Equal(t, fileIDs(pages[i].Items), fileIDs(page.Items), "page %d", i)
		}
		assert.Nil(t, page.Prev)
		assert.Equal(t, first, page)
	})
}

func TestListFilesPageSize(t *testing.T) {
	f := newFixture(app.Limits{})
	owner, ids := library(t, f, 42, 25)
	tests := []struct {
		name     string
		pageSize int
		want     int
	}{
		{"no page size means the default", 0, domain.DefaultPageSize},
		{"a page size below the minimum is raised to it", 3, domain.MinPageSize},
		{"a negative page size is raised to the minimum", -1, domain.MinPageSize},
		{"a page size above the maximum is lowered to it", 99, domain.MaxPageSize},
		{"a page size within the bounds is kept", 12, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := f.app.Queries.ListFiles.Handle(context.Background(), app.ListFilesInput{OwnerID: owner.ID, PageSize: tt.pageSize})
			require.NoError(t, err)
			assert.Equal(t, ids[:tt.want], fileIDs(page.Items))
			require.NotNil(t, page.Next)
			assert.Equal(t, ids[tt.want-1], page.Next.ID)
		})
	}
}

func TestListFilesByKind(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	owner, _ := library(t, f, 42, 25)

	tests := []struct {
		name  string
		kind  domain.Kind
		total int
	}{
		{"the photo filter shows only photos", domain.KindPhoto, 9},
		{"the document filter shows only documents", domain.KindDocument, 16},
		{"a kind without files shows an empty page", domain.KindVoice, 0},
		{"no filter shows every kind", "", 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen []domain.File
			page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: owner.ID, Filter: domain.FileFilter{Kind: tt.kind}})
			require.NoError(t, err)
			seen = append(seen, page.Items...)
			for page.Next != nil {
				page, err = f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{
					OwnerID: owner.ID, Filter: domain.FileFilter{Kind: tt.kind}, Cursor: *page.Next,
				})
				require.NoError(t, err)
				seen = append(seen, page.Items...)
			}
			assert.Len(t, seen, tt.total)
			for i, file := range seen {
				if tt.kind != "" {
					assert.Equal(t, tt.kind, file.Kind)
				}
				if i > 0 {
					assert.Less(t, file.ID, seen[i-1].ID, "files are newest first")
				}
			}
		})
	}

	t.Run("an unknown kind is not found", func(t *testing.T) {
		_, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: owner.ID, Filter: domain.FileFilter{Kind: "sticker"}})
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}

func TestListFilesCursorsThatPointNowhere(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	owner := f.register(t, 42)
	// The five oldest files were deleted after the user was shown the page that ends at live[9].
	for i := range 5 {
		f.saveDeleted(t, owner.ID, fmt.Sprintf("gone-%d", i))
	}
	var live []int64
	for i := range 10 {
		live = append([]int64{f.save(t, owner.ID, document(fmt.Sprintf("doc-%d", i))).ID}, live...)
	}
	firstPage := live[:8]

	tests := []struct {
		name   string
		cursor domain.Cursor
	}{
		{"a forward cursor past deleted files shows the first page", domain.Cursor{ID: live[9]}},
		{"a forward cursor past the oldest file shows the first page", domain.Cursor{ID: 1}},
		{"a backward cursor before the newest file shows the first page", domain.Cursor{ID: live[0], Backward: true}},
		{"a backward cursor without an id shows the first page", domain.Cursor{Backward: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: owner.ID, Cursor: tt.cursor, PageSize: 8})
			require.NoError(t, err)
			assert.Equal(t, firstPage, fileIDs(page.Items))
			assert.Nil(t, page.Prev)
			require.NotNil(t, page.Next)
			assert.Equal(t, live[7], page.Next.ID)
		})
	}
}

func TestListFilesShowsOnlyTheOwnersFiles(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, annsIDs := library(t, f, 42, 6)
	bob, bobsIDs := library(t, f, 43, 7)
	carol := f.register(t, 44)

	tests := []struct {
		name  string
		owner domain.User
		want  []int64
	}{
		{"one user sees only their files", ann, annsIDs},
		{"the other user sees only theirs", bob, bobsIDs},
		{"a user without files sees an empty page", carol, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: tt.owner.ID, PageSize: 20})
			require.NoError(t, err)
			assert.Equal(t, tt.want, nilIfEmpty(fileIDs(page.Items)))
			assert.Nil(t, page.Next)
			assert.Nil(t, page.Prev)
		})
	}

	t.Run("another user's cursor shows nothing of theirs", func(t *testing.T) {
		page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{
			OwnerID: carol.ID, Cursor: domain.Cursor{ID: bobsIDs[0] + 1}, PageSize: 20,
		})
		require.NoError(t, err)
		assert.Empty(t, page.Items)
	})
}

func nilIfEmpty(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

func TestListFilesFilters(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	receipts, empty := f.category(t, ann.ID, "Receipts"), f.category(t, ann.ID, "Empty")
	bobs := f.category(t, bob.ID, "Receipts")
	gone := f.category(t, ann.ID, "Gone")
	_, _, err := f.app.Commands.Categories.Delete(ctx, ann.ID, gone.ID)
	require.NoError(t, err)
	save := func(in domain.IncomingFile, category int64, trashed bool) int64 {
		file := f.save(t, ann.ID, in)
		if category != 0 {
			f.move(t, ann.ID, file.ID, category)
		}
		if trashed {
			f.trash(t, ann.ID, file.ID)
		}
		return file.ID
	}
	docInReceipts := save(document("r-doc"), receipts.ID, false)
	photoInReceipts := save(photo("r-photo"), receipts.ID, false)
	trashedInReceipts := save(document("r-trashed"), receipts.ID, true)
	uncategorisedDoc := save(document("u-doc"), 0, false)
	uncategorisedPhoto := save(photo("u-photo"), 0, false)
	trashedUncategorised := save(photo("u-trashed"), 0, true)
	// Enough receipts to turn a page of five.
	var more []int64
	for _, id := range []string{"r1", "r2", "r3", "r4"} {
		more = append([]int64{save(document(id), receipts.ID, false)}, more...)
	}
	bobsFile := f.save(t, bob.ID, document("bob's"))
	f.move(t, bob.ID, bobsFile.ID, bobs.ID)

	tests := []struct {
		name   string
		filter domain.FileFilter
		want   []int64
	}{
		{"a category shows its live files, newest first, page after page", domain.FileFilter{CategoryID: receipts.ID},
			slices.Concat(more, []int64{photoInReceipts, docInReceipts})},
		{"a category and a kind show that kind of the category", domain.FileFilter{CategoryID: receipts.ID, Kind: domain.KindPhoto},
			[]int64{photoInReceipts}},
		{"an empty category shows nothing", domain.FileFilter{CategoryID: empty.ID}, nil},
		{"the uncategorised show the live files in no category", domain.FileFilter{Uncategorised: true},
			[]int64{uncategorisedPhoto, uncategorisedDoc}},
		{"the uncategorised of a kind", domain.FileFilter{Uncategorised: true, Kind: domain.KindDocument}, []int64{uncategorisedDoc}},
		{"the trash shows the trashed files only", domain.FileFilter{Trashed: true}, []int64{trashedUncategorised, trashedInReceipts}},
		{"the trash of a kind", domain.FileFilter{Trashed: true, Kind: domain.KindPhoto}, []int64{trashedUncategorised}},
		{"the trash of a category", domain.FileFilter{Trashed: true, CategoryID: receipts.ID}, []int64{trashedInReceipts}},
		{"no filter shows every live file", domain.FileFilter{},
			slices.Concat(more, []int64{uncategorisedPhoto, uncategorisedDoc, photoInReceipts, docInReceipts})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, f.listAll(t, ann.ID, tt.filter))
		})
	}

	refusals := []struct {
		name    string
		filter  domain.FileFilter
		wantErr error
	}{
		{"another user's category is forbidden", domain.FileFilter{CategoryID: bobs.ID}, domain.ErrForbidden},
		{"a deleted category is not found", domain.FileFilter{CategoryID: gone.ID}, domain.ErrNotFound},
		{"an unknown category is not found", domain.FileFilter{CategoryID: 999}, domain.ErrNotFound},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: ann.ID, Filter: tt.filter})
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Zero(t, page)
		})
	}
}

func TestListFilesSaysWhereThePageIs(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	owner, _ := library(t, f, 42, 19)
	list := func(c domain.Cursor) domain.Page[domain.File] {
		t.Helper()
		page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: owner.ID, Cursor: c, PageSize: 8})
		require.NoError(t, err)
		return page
	}
	var got [][3]int
	page := list(domain.Cursor{})
	for {
		got = append(got, [3]int{page.Number, page.Pages, page.Total})
		if page.Next == nil {
			break
		}
		page = list(*page.Next)
	}
	assert.Equal(t, [][3]int{{1, 3, 19}, {2, 3, 19}, {3, 3, 19}}, got, "page number, pages, files, going forward")
	back := list(*page.Prev)
	assert.Equal(t, [3]int{2, 3, 19}, [3]int{back.Number, back.Pages, back.Total}, "and going back")

	empty, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: owner.ID, Filter: domain.FileFilter{Trashed: true}})
	require.NoError(t, err)
	assert.Zero(t, empty.Total, "an empty list counts nothing")
}

// A page's buttons say which pages they open, so a page deep in a long list is not found by
// counting the files before it; a cursor that does not say (a flow returning to its list) is
// counted, and a search is numbered by its buttons and never counted.
func TestListFilesNumbersPagesByTheirButtons(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	owner, _ := library(t, f, 42, 19)
	list := func(filter domain.FileFilter, c domain.Cursor) domain.Page[domain.File] {
		t.Helper()
		page, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: owner.ID, Filter: filter, Cursor: c, PageSize: 8})
		require.NoError(t, err)
		return page
	}
	first := list(domain.FileFilter{}, domain.Cursor{})
	require.NotNil(t, first.Next)
	assert.Equal(t, 2, first.Next.Number, "the first page's Next opens the second")
	second := list(domain.FileFilter{}, *first.Next)
	assert.Equal(t, 1, second.Prev.Number, "the second page's Prev opens the first")
	assert.Equal(t, 3, second.Next.Number)

	trusted := *first.Next
	trusted.Number = 7
	assert.Equal(t, 7, list(domain.FileFilter{}, trusted).Number, "the button's number is taken, not counted")
	assert.Equal(t, 7, list(domain.FileFilter{}, trusted).Pages, "and the pages are at least as many")
	unnumbered := *first.Next
	unnumbered.Number = 0
	assert.Equal(t, 2, list(domain.FileFilter{}, unnumbered).Number, "a cursor without a number is counted")

	s, page, err := f.app.Commands.Search.Start(ctx, owner.ID, "doc", 8, "")
	require.NoError(t, err)
	assert.Equal(t, 1, page.Number, "a search's first page is the first")
	assert.Zero(t, page.Total, "a search is not counted")
	require.NotNil(t, page.Next)
	next := list(domain.FileFilter{SearchID: s.ID}, *page.Next)
	assert.Equal(t, 2, next.Number)
	assert.Zero(t, next.Total)
}
