package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// kept is a file to keep for a search test: its name and caption.
type kept struct{ name, caption string }

// keepAll saves the files for owner, in order, and returns them as stored.
func (f fixture) keepAll(t *testing.T, owner int64, files []kept) []domain.File {
	t.Helper()
	stored := make([]domain.File, len(files))
	for i, k := range files {
		in := named(fmt.Sprintf("u%d-%d", owner, i), k.name)
		in.Caption = k.caption
		stored[i] = f.save(t, owner, in)
	}
	return stored
}

func fileNames(files []domain.File) []string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	return names
}

func TestSearchFilesStartFindsByNameAndCaption(t *testing.T) {
	tests := []struct {
		name  string
		files []kept
		query string
		want  []string // the names found, in any order
	}{
		{"a word of the name finds the file", []kept{{"march report.pdf", ""}, {"invoice.pdf", ""}}, "report", []string{"march report.pdf"}},
		{"spaces in the query are folded before matching", []kept{{"march report.pdf", ""}, {"march.pdf", ""}}, "  march \t  report ", []string{"march report.pdf"}},
		{"a percent sign is matched literally", []kept{{"50% off.pdf", ""}, {"500 off.pdf", ""}}, "50%", []string{"50% off.pdf"}},
		{"an underscore is matched literally", []kept{{"a_b.txt", ""}, {"axb.txt", ""}}, "a_b", []string{"a_b.txt"}},
		{"a backslash is matched literally", []kept{{`dir\file.txt`, ""}, {"dirfile.txt", ""}, {`dir\\file.txt`, ""}}, `r\f`, []string{`dir\file.txt`}},
		{"the case of the name is ignored", []kept{{"Annual REPORT.pdf", ""}}, "rEpOrT", []string{"Annual REPORT.pdf"}},
		{"the case of a Cyrillic name is ignored", []kept{{"Отчёт за МАРТ.pdf", ""}, {"Счёт.pdf", ""}}, "отчёт за март", []string{"Отчёт за МАРТ.pdf"}},
		{"a Cyrillic query in capitals finds a name in lower case", []kept{{"паспорт.jpg", ""}}, "ПАСПОРТ", []string{"паспорт.jpg"}},
		{"a caption matches like a name", []kept{{"scan.pdf", "Passport of Ann"}, {"other.pdf", "visa"}}, "passport", []string{"scan.pdf"}},
		{"the name or the caption is enough", []kept{{"tax.pdf", ""}, {"scan.pdf", "tax return"}, {"visa.pdf", ""}}, "tax", []string{"tax.pdf", "scan.pdf"}},
		{"three letters match in the middle of a name", []kept{{"report.pdf", ""}, {"rep.pdf", ""}}, "ort", []string{"report.pdf"}},
		{"two letters match only the start of a name", []kept{{"report.pdf", ""}, {"prepaid.pdf", ""}, {"core.pdf", ""}}, "re", []string{"report.pdf"}},
		{"two letters match the start of a caption", []kept{{"scan.pdf", "receipt"}, {"other.pdf", "a receipt"}}, "re", []string{"scan.pdf"}},
		{"one letter matches only starts, ignoring case", []kept{{"Photo.jpg", ""}, {"snap.jpg", "photo"}, {"zip.zip", ""}}, "p", []string{"Photo.jpg", "snap.jpg"}},
		{"two Cyrillic letters match only the start of a name", []kept{{"отчёт.pdf", ""}, {"лот.pdf", ""}}, "ОТ", []string{"отчёт.pdf"}},
		{"a query matching nothing finds nothing", []kept{{"report.pdf", ""}}, "invoice", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(app.Limits{})
			ann := f.register(t, 42)
			f.keepAll(t, ann.ID, tt.files)

			s, page, err := f.app.Commands.Search.Start(context.Background(), ann.ID, tt.query, domain.MaxPageSize, "")
			require.NoError(t, err)
			assert.ElementsMatch(t, tt.want, fileNames(page.Items))
			assert.Equal(t, ann.ID, s.OwnerID)
			assert.Equal(t, strings.Join(strings.Fields(tt.query), " "), s.Text)
		})
	}
}

func TestSearchFilesStartRefusesABadQuery(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		tooLong bool
		ok      bool
	}{
		{"an empty query is refused", "", false, false},
		{"a query of spaces is refused as empty", "  \t ", false, false},
		{"a query of exactly the maximum length is run", strings.Repeat("я", domain.MaxQueryLen), false, true},
		{"a query one rune too long is refused", strings.Repeat("я", domain.MaxQueryLen+1), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(app.Limits{})
			ann := f.register(t, 42)

			s, page, err := f.app.Commands.Search.Start(context.Background(), ann.ID, tt.query, 0, "")
			if tt.ok {
				require.NoError(t, err)
				assert.NotZero(t, s.ID)
				assert.Empty(t, page.Items)
				return
			}
			assert.ErrorIs(t, err, domain.ErrInvalidQuery)
			var queryErr *domain.QueryError
			require.ErrorAs(t, err, &queryErr)
			assert.Equal(t, tt.tooLong, queryErr.TooLong)
			assert.Equal(t, domain.MaxQueryLen, queryErr.Max)
			assert.Zero(t, s)
		})
	}
}

func TestSearchFilesFindsOnlyTheUsersLiveFiles(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	anns := f.keepAll(t, ann.ID, []kept{{"report live.pdf", ""}, {"report old.pdf", ""}, {"notes.txt", "report draft"}})
	f.trash(t, ann.ID, anns[1].ID)
	f.keepAll(t, bob.ID, []kept{{"report of bob.pdf", ""}})

	tests := []struct {
		name  string
		user  domain.User
		query string
		want  []string // newest first
	}{
		{"a trashed file is never found", ann, "report", []string{"notes.txt", "report live.pdf"}},
		{"a trashed file is not found by a prefix either", ann, "re", []string{"notes.txt", "report live.pdf"}},
		{"another user's file is never found", ann, "bob", []string{}},
		{"a user finds only their own files", bob, "report", []string{"report of bob.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, page, err := f.app.Commands.Search.Start(ctx, tt.user.ID, tt.query, 0, "")
			require.NoError(t, err)
			assert.Equal(t, tt.want, fileNames(page.Items))
		})
	}
}

func TestSearchFilesPagesThroughTheResults(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	var matching []int64 // newest first
	for i := range 24 {
		name := fmt.Sprintf("invoice %02d.pdf", i)
		if i%2 == 1 {
			name = fmt.Sprintf("photo %02d.jpg", i)
		}
		file := f.save(t, ann.ID, named(fmt.Sprintf("f%d", i), name))
		if i%2 == 0 {
			matching = append([]int64{file.ID}, matching...)
		}
	}
	s, first, err := f.app.Commands.Search.Start(ctx, ann.ID, "invoice", domain.MinPageSize, "")
	require.NoError(t, err)
	page := func(c domain.Cursor) domain.Page[domain.File] {
		t.Helper()
		p, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{
			OwnerID: ann.ID, Filter: domain.FileFilter{SearchID: s.ID}, Cursor: c, PageSize: domain.MinPageSize,
		})
		require.NoError(t, err)
		return p
	}

	t.Run("the first page is the newest matches, with a next page and no previous one", func(t *testing.T) {
		assert.Equal(t, matching[:5], fileIDs(first.Items))
		assert.Nil(t, first.Prev)
		require.NotNil(t, first.Next)
	})
	t.Run("following Next lists every match once, newest first", func(t *testing.T) {
		assert.Equal(t, matching, f.listAll(t, ann.ID, domain.FileFilter{SearchID: s.ID}))
	})
	t.Run("going forward then back returns the same pages", func(t *testing.T) {
		second := page(*first.Next)
		assert.Equal(t, matching[5:10], fileIDs(second.Items))
		require.NotNil(t, second.Next)
		third := page(*second.Next)
		assert.Equal(t, matching[10:12], fileIDs(third.Items))
		assert.Nil(t, third.Next)

		require.NotNil(t, third.Prev)
		assert.Equal(t, matching[5:10], fileIDs(page(*third.Prev).Items))
		require.NotNil(t, second.Prev)
		back := page(*second.Prev)
		assert.Equal(t, matching[:5], fileIDs(back.Items))
		assert.Nil(t, back.Prev)
	})
	t.Run("a file trashed after the search started drops out of its pages", func(t *testing.T) {
		f.trash(t, ann.ID, matching[6])
		ids := f.listAll(t, ann.ID, domain.FileFilter{SearchID: s.ID})
		assert.NotContains(t, ids, matching[6])
		assert.Len(t, ids, len(matching)-1)
	})
	t.Run("a file kept after the search started shows up in its pages", func(t *testing.T) {
		file := f.save(t, ann.ID, named("late", "late invoice.pdf"))
		assert.Equal(t, file.ID, page(domain.Cursor{}).Items[0].ID)
	})
}

func TestSearchFilesSavedSearchBelongsToItsUser(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	f.keepAll(t, ann.ID, []kept{{"report.pdf", ""}})
	s, _, err := f.app.Commands.Search.Start(ctx, ann.ID, "report", 0, "")
	require.NoError(t, err)

	tests := []struct {
		name    string
		user    int64
		id      int64
		wantErr error
	}{
		{"the user who ran a search gets it back", ann.ID, s.ID, nil},
		{"another user's search is forbidden", bob.ID, s.ID, domain.ErrForbidden},
		{"an unknown search is not found", ann.ID, s.ID + 100, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.app.Queries.Find.Get(ctx, tt.user, tt.id)
			_, listErr := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: tt.user, Filter: domain.FileFilter{SearchID: tt.id}})
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.ErrorIs(t, listErr, tt.wantErr, "the result pages are refused too")
				assert.Zero(t, got)
				return
			}
			require.NoError(t, err)
			require.NoError(t, listErr)
			assert.Equal(t, s, got)
		})
	}
}

func TestSearchFilesInline(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	var all []int64 // Ann's live files, newest first
	for i := range 120 {
		name := fmt.Sprintf("scored %03d.pdf", i) // "re" in the middle
		if i%4 == 0 {
			name = fmt.Sprintf("receipt %03d.pdf", i)
		}
		all = append([]int64{f.save(t, ann.ID, named(fmt.Sprintf("f%d", i), name)).ID}, all...)
	}
	trashed := f.trash(t, ann.ID, f.save(t, ann.ID, named("trashed", "receipt trashed.pdf")).ID)
	f.save(t, bob.ID, named("bob", "receipt of bob.pdf"))
	var receipts, others []int64
	for _, id := range all {
		if strings.HasPrefix(f.file(t, ann.ID, id).Name, "receipt") {
			receipts = append(receipts, id)
		} else {
			others = append(others, id)
		}
	}

	// follow pages through the inline results of text and returns every page's ids.
	follow := func(t *testing.T, text string) [][]int64 {
		t.Helper()
		var pages [][]int64
		var after int64
		for range 10 {
			page, err := f.app.Queries.Find.Inline(ctx, ann.ID, text, after)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(page.Items), app.MaxInlineResults)
			pages = append(pages, fileIDs(page.Items))
			if page.Next == nil {
				return pages
			}
			after = page.Next.ID
		}
		require.Fail(t, "following Next never ends")
		return nil
	}

	tests := []struct {
		name string
		text string
		want [][]int64
	}{
		{"no text gives the newest files, 50 a page, each page after the last", "", [][]int64{all[:50], all[50:100], all[100:]}},
		{"blank text gives the newest files too", "   ", [][]int64{all[:50], all[50:100], all[100:]}},
		{"text gives the matching files only", "receipt", [][]int64{receipts}},
		{"short text matches starts only, not the middle of a name", "RE", [][]int64{receipts}},
		{"longer text matches the middle of a name too", "ORE", [][]int64{others[:50], others[50:]}},
		{"text matching nothing gives an empty page", "invoice", [][]int64{{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := follow(t, tt.text)
			assert.Equal(t, tt.want, pages)
			for _, p := range pages {
				assert.NotContains(t, p, trashed.ID)
			}
		})
	}

	t.Run("a page of exactly 50 matches has no next page", func(t *testing.T) {
		g := newFixture(app.Limits{})
		carol := g.register(t, 44)
		for i := range app.MaxInlineResults {
			g.save(t, carol.ID, document(fmt.Sprintf("c%d", i)))
		}
		page, err := g.app.Queries.Find.Inline(ctx, carol.ID, "", 0)
		require.NoError(t, err)
		assert.Len(t, page.Items, app.MaxInlineResults)
		assert.Nil(t, page.Next)
	})

	t.Run("too long a text is refused", func(t *testing.T) {
		page, err := f.app.Queries.Find.Inline(ctx, ann.ID, strings.Repeat("x", domain.MaxQueryLen+1), 0)
		assert.ErrorIs(t, err, domain.ErrInvalidQuery)
		var queryErr *domain.QueryError
		require.ErrorAs(t, err, &queryErr)
		assert.True(t, queryErr.TooLong)
		assert.Empty(t, page.Items)
	})
}

func TestSearchFilesKeepsEachUsersNewestSearches(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	f.keepAll(t, ann.ID, []kept{{"report.pdf", ""}})
	bobs, _, err := f.app.Commands.Search.Start(ctx, bob.ID, "report", 0, "")
	require.NoError(t, err)
	var anns []domain.Search
	for i := range app.MaxSavedSearches + 2 {
		s, _, err := f.app.Commands.Search.Start(ctx, ann.ID, fmt.Sprint("report ", i), 0, "")
		require.NoError(t, err)
		anns = append(anns, s)
	}
	pages := func(user int64, s domain.Search) error {
		_, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: user, Filter: domain.FileFilter{SearchID: s.ID}})
		return err
	}
	tests := []struct {
		name    string
		user    int64
		search  domain.Search
		wantErr error
	}{
		{"the oldest search past the limit is gone", ann.ID, anns[0], domain.ErrNotFound},
		{"the second oldest past the limit is gone", ann.ID, anns[1], domain.ErrNotFound},
		{"the oldest kept search still pages", ann.ID, anns[2], nil},
		{"the newest search pages", ann.ID, anns[len(anns)-1], nil},
		{"another user's searches are not pruned by hers", bob.ID, bobs, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := pages(tt.user, tt.search)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			assert.NoError(t, err)
		})
	}
}
