package tags

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// library is what the orders page through: 23 files of the owner whose names and sizes tie
// often ("Same.pdf" and "same.pdf" compare equal, sizes take four values), going round kinds,
// two categories and none, a tag on every other one, three in the trash; and someone else's.
type library struct {
	owner    int64
	category int64
	tag      int64
	files    []domain.File // as stored, trashed ones included
}

var libraryNames = []string{"Same.pdf", "alpha.txt", "same.pdf", "Zeta.doc", "beta", "same.PDF", "Alpha.txt", "_under", "ä-umlaut", "10.jpg", "9.jpg"}

func seedLibrary(t *testing.T, uow app.UnitOfWork) library {
	t.Helper()
	lib := library{owner: fixture.OneUser(t, uow).ID}
	other := fixture.MustUpsert(t, uow, fixture.NewUser(7)).ID
	var other2 domain.Category
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		for _, name := range []string{"A", "B"} {
			c, err := r.Categories.Create(ctx, domain.Category{OwnerID: lib.owner, Name: name, CreatedAt: fixture.T0})
			require.NoError(t, err)
			lib.category, other2 = c.ID, c
		}
	})
	kinds := []domain.Kind{domain.KindDocument, domain.KindPhoto, domain.KindVideo}
	for i := range 23 {
		f := fixture.NewFile(lib.owner, fmt.Sprintf("u%02d", i), kinds[i%3])
		f.Name = libraryNames[i%len(libraryNames)]
		f.Size = int64(1000 * (i % 4))
		f.Caption = "report " + f.Name
		switch i % 3 {
		case 0:
			f.CategoryID = &lib.category
		case 1:
			f.CategoryID = &other2.ID
		}
		if i%3 == 0 && i%2 == 1 { // a file of the category in the trash
			at := fixture.T0.Add(time.Hour)
			f.DeletedAt = &at
		}
		lib.files = append(lib.files, fixture.MustSave(t, uow, f))
	}
	fixture.MustSave(t, uow, fixture.NewFile(other, "theirs", domain.KindDocument))
	fixture.Do(t, uow, func(ctx context.Context, r app.Repos) {
		for i, f := range lib.files {
			if i%2 == 0 {
				require.NoError(t, r.Tags.Add(ctx, lib.owner, f.ID, []string{"paged"}, fixture.T0))
			}
		}
		tag, err := r.Tags.ByName(ctx, lib.owner, "paged")
		require.NoError(t, err)
		lib.tag = tag.ID
	})
	return lib
}

// expected is what q lists of lib, in q's order, by the order's own rules.
func (lib library) expected(q app.FileQuery) []int64 {
	var out []domain.File
	for i, f := range lib.files {
		switch {
		case f.Trashed() != q.Trashed,
			q.Kind != "" && f.Kind != q.Kind,
			q.CategoryID > 0 && (f.CategoryID == nil || *f.CategoryID != q.CategoryID),
			q.Uncategorised && f.CategoryID != nil,
			q.TagID > 0 && i%2 != 0,
			q.Search != "" && f.Trashed():
			continue
		}
		out = append(out, f)
	}
	order := q.Sort.Or(domain.SortNewest)
	slices.SortFunc(out, func(a, b domain.File) int {
		if order.Before(a, b) {
			return -1
		}
		return 1
	})
	return fixture.IDs(out)
}

// testOrders pages through every list in every order, forward to the end and back to the start,
// three files at a time: every file comes once, in the order, with no gap where keys tie.
func testOrders(t *testing.T, newUOW fixture.NewUOW) {
	uow := newUOW(t)
	lib := seedLibrary(t, uow)
	lists := []struct {
		name string
		q    app.FileQuery
	}{
		{"every file", app.FileQuery{}},
		{"one kind", app.FileQuery{Kind: domain.KindPhoto}},
		{"a category", app.FileQuery{CategoryID: lib.category}},
		{"a category, one kind", app.FileQuery{CategoryID: lib.category, Kind: domain.KindDocument}},
		{"the uncategorised", app.FileQuery{Uncategorised: true}},
		{"the trash", app.FileQuery{Trashed: true}},
		{"a tag", app.FileQuery{TagID: lib.tag}},
		{"a tag, one kind", app.FileQuery{TagID: lib.tag, Kind: domain.KindVideo}},
		{"a search", app.FileQuery{Search: "report"}},
		{"a short prefix search", app.FileQuery{Search: "rep", SearchPrefix: true}},
		{"a search, one kind", app.FileQuery{Search: "report", Kind: domain.KindPhoto}},
	}
	for _, l := range lists {
		for _, order := range domain.SortOrders {
			t.Run(l.name+" by "+string(order), func(t *testing.T) {
				q := l.q
				q.OwnerID, q.Sort = lib.owner, order
				want := lib.expected(q)
				require.NotEmpty(t, want)
				assert.Equal(t, want, pageForward(t, uow, q), "forward")
				assert.Equal(t, want, pageBack(t, uow, q, want[len(want)-1]), "back from the last")
			})
		}
	}
}

// pageForward lists q three at a time from the first page, each page after the last file seen.
func pageForward(t *testing.T, uow app.UnitOfWork, q app.FileQuery) []int64 {
	t.Helper()
	var seen []int64
	for range 30 {
		q.Limit = 3
		page := list(t, uow, q)
		seen = append(seen, page...)
		if len(page) < 3 {
			return seen
		}
		q.AfterID = page[len(page)-1]
	}
	t.Fatal("paging forward did not end")
	return nil
}

// pageBack lists q three at a time before last, each page before the first file seen, and
// returns every file in q's order, last included.
func pageBack(t *testing.T, uow app.UnitOfWork, q app.FileQuery, last int64) []int64 {
	t.Helper()
	seen := []int64{last}
	q.BeforeID = last
	for range 30 {
		q.Limit = 3
		page := list(t, uow, q) // nearest first
		for _, id := range page {
			seen = append([]int64{id}, seen...)
		}
		if len(page) < 3 {
			return seen
		}
		q.BeforeID = page[len(page)-1]
	}
	t.Fatal("paging back did not end")
	return nil
}
