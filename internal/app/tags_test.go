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

func captioned(uniqueID, caption string) domain.IncomingFile {
	in := document(uniqueID)
	in.Caption = caption
	return in
}

func tagNames(d app.FileDetails) []string {
	var names []string
	for _, t := range d.Tags {
		names = append(names, t.Name)
	}
	return names
}

func TestACaptionsHashtagsBecomeTags(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: captioned("a", "Trip #Holiday, #2024 and #holiday")})
	require.NoError(t, err)
	assert.Equal(t, []string{"2024", "holiday"}, res.Tags)

	t.Run("a file sent again with a new caption adds its hashtags", func(t *testing.T) {
		res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: captioned("a", "now #done")})
		require.NoError(t, err)
		assert.True(t, res.AlreadySaved)
		assert.Equal(t, []string{"2024", "done", "holiday"}, res.Tags)
	})
	t.Run("a caption with more hashtags than a file carries keeps the first", func(t *testing.T) {
		var caption []string
		for i := range domain.MaxTagsPerFile + 5 {
			caption = append(caption, fmt.Sprintf("#t%02d", i))
		}
		res, err := f.app.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: ann.ID, File: captioned("b", strings.Join(caption, " "))})
		require.NoError(t, err)
		require.Len(t, res.Tags, domain.MaxTagsPerFile)
		assert.Equal(t, "t00", res.Tags[0])
	})
	t.Run("the card shows them", func(t *testing.T) {
		d, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: res.File.ID})
		require.NoError(t, err)
		assert.Equal(t, []string{"2024", "done", "holiday"}, tagNames(d))
	})
}

func TestEditingTags(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	file := f.save(t, ann.ID, captioned("a", "#draft"))
	tests := []struct {
		name  string
		text  string
		want  []string
		error error
	}{
		{"several at once, with or without #, commas or spaces", "#Trip, work  2024", []string{"2024", "draft", "trip", "work"}, nil},
		{"a minus takes a tag off", "-draft -#work", []string{"2024", "trip"}, nil},
		{"a word that is no tag refuses the whole edit", "#ok not-a-tag", []string{"2024", "trip"}, domain.ErrInvalidTag},
		{"nothing at all is refused", " , ", []string{"2024", "trip"}, domain.ErrInvalidTag},
		{"taking off a tag the file lacks changes nothing", "-never", []string{"2024", "trip"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.app.Commands.Tags.Edit(ctx, ann.ID, file.ID, tt.text)
			if tt.error != nil {
				assert.ErrorIs(t, err, tt.error)
			} else {
				assert.NoError(t, err)
			}
			d, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: file.ID})
			require.NoError(t, err)
			assert.Equal(t, tt.want, tagNames(d))
		})
	}
	t.Run("more tags than a file carries are refused, none added", func(t *testing.T) {
		var words []string
		for i := range domain.MaxTagsPerFile - 1 {
			words = append(words, fmt.Sprintf("w%d", i))
		}
		_, err := f.app.Commands.Tags.Edit(ctx, ann.ID, file.ID, strings.Join(words, " "))
		assert.ErrorIs(t, err, domain.ErrTooManyTags)
		d, err := f.app.Commands.Tags.Edit(ctx, ann.ID, file.ID, "-trip "+strings.Join(words, " "))
		require.NoError(t, err, "taking one off first makes room")
		assert.Len(t, d.Tags, domain.MaxTagsPerFile)
	})
	t.Run("someone else's file is not tagged", func(t *testing.T) {
		_, err := f.app.Commands.Tags.Edit(ctx, bob.ID, file.ID, "#mine")
		assert.ErrorIs(t, err, domain.ErrForbidden)
	})
	t.Run("a file in the trash is not tagged", func(t *testing.T) {
		gone := f.trash(t, ann.ID, f.save(t, ann.ID, document("gone")).ID)
		_, err := f.app.Commands.Tags.Edit(ctx, ann.ID, gone.ID, "#x")
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}

func TestATagsFilesAreListedSearchedAndCounted(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob := f.register(t, 42), f.register(t, 43)
	var work []int64
	for i := range 7 {
		caption := "#other"
		if i%2 == 0 {
			caption = "#work"
		}
		file := f.save(t, ann.ID, captioned(fmt.Sprint("a", i), caption))
		if i%2 == 0 {
			work = append([]int64{file.ID}, work...)
		}
	}
	f.save(t, bob.ID, captioned("b", "#work"))
	page, err := f.app.Queries.Tags.List(ctx, ann.ID, domain.Cursor{}, 0)
	require.NoError(t, err)
	require.Len(t, page.Items, 2)
	assert.Equal(t, "other", page.Items[0].Name)
	assert.Equal(t, 4, page.Items[1].Files)
	tag := page.Items[1].ID

	assert.Equal(t, work, f.listAll(t, ann.ID, domain.FileFilter{TagID: tag}))
	_, err = f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: bob.ID, Filter: domain.FileFilter{TagID: tag}})
	assert.ErrorIs(t, err, domain.ErrForbidden, "another user's tag lists nothing")

	t.Run("/search #tag lists the tag's files", func(t *testing.T) {
		_, found, err := f.app.Commands.Search.Start(ctx, ann.ID, "#Work", 0, "")
		require.NoError(t, err)
		assert.Equal(t, work, fileIDs(found.Items))
		assert.Equal(t, 4, found.Total)
		_, none, err := f.app.Commands.Search.Start(ctx, ann.ID, "#never", 0, "")
		require.NoError(t, err)
		assert.Empty(t, none.Items, "a tag the user never used finds nothing")
	})
	t.Run("inline #tag finds the tag's files", func(t *testing.T) {
		found, err := f.app.Queries.Find.Inline(ctx, ann.ID, "#work", 0)
		require.NoError(t, err)
		assert.Equal(t, work, fileIDs(found.Items))
	})
}

// TestEveryOrderPagesBothWaysWithPageNumbers follows Next to the end and Prev back in each order:
// every file once, in the order, each page numbered.
func TestEveryOrderPagesBothWaysWithPageNumbers(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	for i := range 12 {
		in := named(fmt.Sprint("u", i), []string{"b.pdf", "A.pdf", "c.pdf"}[i%3])
		in.Size = int64(100 * (i % 4))
		f.save(t, ann.ID, in)
	}
	for _, order := range domain.SortOrders {
		t.Run(string(order), func(t *testing.T) {
			in := app.ListFilesInput{OwnerID: ann.ID, PageSize: domain.MinPageSize, Sort: order}
			var seen []domain.File
			var pages []domain.Page[domain.File]
			for range 10 {
				page, err := f.app.Queries.ListFiles.Handle(ctx, in)
				require.NoError(t, err)
				assert.Equal(t, len(pages)+1, page.Number)
				assert.Equal(t, 3, page.Pages)
				assert.Equal(t, 12, page.Total)
				seen, pages = append(seen, page.Items...), append(pages, page)
				if page.Next == nil {
					break
				}
				in.Cursor = *page.Next
			}
			require.Len(t, seen, 12)
			for i := 1; i < len(seen); i++ {
				assert.True(t, order.Before(seen[i-1], seen[i]), "%s: %v before %v", order, seen[i-1], seen[i])
			}
			in.Cursor = *pages[2].Prev
			back, err := f.app.Queries.ListFiles.Handle(ctx, in)
			require.NoError(t, err)
			assert.Equal(t, pages[1].Items, back.Items)
			assert.Equal(t, 2, back.Number)
		})
	}
	t.Run("an unknown order is refused", func(t *testing.T) {
		_, err := f.app.Queries.ListFiles.Handle(ctx, app.ListFilesInput{OwnerID: ann.ID, Sort: "random"})
		assert.ErrorIs(t, err, domain.ErrInvalidSettings)
	})
}

func TestAPageOfAnotherOrderWhoseNumberIsNotKnownSaysOnlyHowManyFiles(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	for i := range 12 {
		f.save(t, ann.ID, document(fmt.Sprint("d", i)))
	}
	in := app.ListFilesInput{OwnerID: ann.ID, PageSize: 5, Sort: domain.SortName}
	first, err := f.app.Queries.ListFiles.Handle(ctx, in)
	require.NoError(t, err)
	in.Cursor = *first.Next
	in.Cursor.Number = 0 // a place kept before pages were numbered
	page, err := f.app.Queries.ListFiles.Handle(ctx, in)
	require.NoError(t, err)
	assert.Zero(t, page.Number, "the files before it are not counted by id in another order")
	assert.Equal(t, 12, page.Total)
}

func TestTheOrderIsASetting(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	s := ann.Settings()
	s.Sort = domain.SortSize
	u, err := f.app.Commands.Settings.Update(ctx, ann, s)
	require.NoError(t, err)
	assert.Equal(t, domain.SortSize, u.Sort)
	again, err := f.app.Commands.RegisterUser.Handle(ctx, domain.Profile{TelegramID: 42, FirstName: "Ann"})
	require.NoError(t, err)
	assert.Equal(t, domain.SortSize, again.Sort, "kept across contacts")
	s.Sort = "random"
	_, err = f.app.Commands.Settings.Update(ctx, ann, s)
	assert.ErrorIs(t, err, domain.ErrInvalidSettings)
}

func TestAnEditedCaptionsHashtagsBecomeTags(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann := f.register(t, 42)
	file := f.save(t, ann.ID, captioned("a", "#draft"))
	_, err := f.app.Commands.ManageFiles.EditCaption(ctx, ann.ID, "a", "final #Report")
	require.NoError(t, err)
	d, err := f.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: ann.ID, FileID: file.ID})
	require.NoError(t, err)
	assert.Equal(t, []string{"draft", "report"}, tagNames(d), "the new hashtags are added, the old tags stay")
}
