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

// selecting is Ann's library of n documents (newest first in lists) to select from, with Bob.
type selecting struct {
	fixture
	ann, bob domain.User
	docs     []domain.File // docs[0] is the newest
}

func newSelecting(t *testing.T, n int) selecting {
	t.Helper()
	s := selecting{fixture: newFixture(app.Limits{})}
	s.ann, s.bob = s.register(t, 42), s.register(t, 43)
	for i := range n {
		s.docs = append([]domain.File{s.save(t, s.ann.ID, document(fmt.Sprintf("doc%d", i)))}, s.docs...)
	}
	return s
}

func (s selecting) in(filter domain.FileFilter, cursor domain.Cursor) app.ListFilesInput {
	return app.ListFilesInput{OwnerID: s.ann.ID, Filter: filter, Cursor: cursor, PageSize: domain.MinPageSize}
}

// open starts selecting on the first page of all Ann's live files.
func (s selecting) open(t *testing.T, filter domain.FileFilter) app.SelectionPage {
	t.Helper()
	p, err := s.app.Commands.Selections.Open(context.Background(), s.in(filter, domain.Cursor{}))
	require.NoError(t, err)
	return p
}

func (s selecting) toggle(t *testing.T, filter domain.FileFilter, cursor domain.Cursor, id int64) app.SelectionPage {
	t.Helper()
	p, err := s.app.Commands.Selections.Toggle(context.Background(), s.in(filter, cursor), id)
	require.NoError(t, err)
	return p
}

func TestSelectionsKeepTheSelectionAcrossPages(t *testing.T) {
	s := newSelecting(t, 7)
	all := domain.FileFilter{}
	first := s.open(t, all)
	require.NotNil(t, first.Page.Next)
	s.toggle(t, all, domain.Cursor{}, s.docs[0].ID)
	s.toggle(t, all, domain.Cursor{}, s.docs[1].ID)
	second := s.toggle(t, all, *first.Page.Next, s.docs[6].ID)
	assert.Equal(t, []int64{s.docs[5].ID, s.docs[6].ID}, fileIDs(second.Page.Items), "the second page is shown")
	assert.Equal(t, []int64{s.docs[0].ID, s.docs[1].ID, s.docs[6].ID}, second.Selection.FileIDs)

	back, err := s.app.Commands.Selections.Page(context.Background(), s.in(all, domain.Cursor{}))
	require.NoError(t, err)
	assert.Len(t, back.Selection.FileIDs, 3, "turning back to page 1 keeps what page 2 added")

	again := s.toggle(t, all, domain.Cursor{}, s.docs[1].ID)
	assert.Equal(t, []int64{s.docs[0].ID, s.docs[6].ID}, again.Selection.FileIDs, "a second press unselects")

	reopened := s.open(t, all)
	assert.Len(t, reopened.Selection.FileIDs, 2, "Select pressed again on the same list keeps the selection")
	other := s.open(t, domain.FileFilter{Kind: domain.KindDocument})
	assert.Empty(t, other.Selection.FileIDs, "Select on another list starts afresh")
	_, err = s.app.Commands.Selections.Page(context.Background(), s.in(all, domain.Cursor{}))
	assert.ErrorIs(t, err, domain.ErrSelectionExpired, "the old list's buttons are told it is over")
}

func TestSelectionsSelectTheWholePage(t *testing.T) {
	s := newSelecting(t, 7)
	all := domain.FileFilter{}
	s.open(t, all)
	s.toggle(t, all, domain.Cursor{}, s.docs[2].ID)
	p, err := s.app.Commands.Selections.TogglePage(context.Background(), s.in(all, domain.Cursor{}))
	require.NoError(t, err)
	assert.Len(t, p.Selection.FileIDs, domain.MinPageSize, "the page's other files are added once")
	assert.True(t, p.Selection.AllOf(fileIDs(p.Page.Items)))
	p, err = s.app.Commands.Selections.TogglePage(context.Background(), s.in(all, domain.Cursor{}))
	require.NoError(t, err)
	assert.Empty(t, p.Selection.FileIDs, "a whole page selected is unselected by a second press")
}

func TestSelectionsAreBounded(t *testing.T) {
	s := newSelecting(t, domain.MaxSelection+1)
	all := domain.FileFilter{}
	s.open(t, all)
	for _, f := range s.docs[:domain.MaxSelection] {
		s.toggle(t, all, domain.Cursor{}, f.ID)
	}
	_, err := s.app.Commands.Selections.Toggle(context.Background(), s.in(all, domain.Cursor{}), s.docs[domain.MaxSelection].ID)
	var full *domain.SelectionFullError
	require.ErrorAs(t, err, &full)
	assert.Equal(t, domain.MaxSelection, full.Max)
	p := s.toggle(t, all, domain.Cursor{}, s.docs[0].ID)
	assert.Len(t, p.Selection.FileIDs, domain.MaxSelection-1, "unselecting is always allowed")
}

func TestSelectionsExpire(t *testing.T) {
	s := newSelecting(t, 3)
	all := domain.FileFilter{}
	s.open(t, all)
	s.toggle(t, all, domain.Cursor{}, s.docs[0].ID)
	s.clock.Set(start.Add(domain.SelectionTTL - time.Second))
	s.toggle(t, all, domain.Cursor{}, s.docs[1].ID) // a change keeps it another hour
	s.clock.Set(start.Add(2*domain.SelectionTTL - 2*time.Second))
	_, err := s.app.Commands.Selections.Page(context.Background(), s.in(all, domain.Cursor{}))
	require.NoError(t, err, "an hour after the last change it is still there")
	s.clock.Set(start.Add(2 * domain.SelectionTTL))
	_, err = s.app.Commands.Selections.Toggle(context.Background(), s.in(all, domain.Cursor{}), s.docs[2].ID)
	assert.ErrorIs(t, err, domain.ErrSelectionExpired)
	_, err = s.app.Commands.Selections.Apply(context.Background(), s.ann.ID, all, domain.BatchTrash, 0)
	assert.ErrorIs(t, err, domain.ErrSelectionExpired)
	assert.Equal(t, 3, s.counts(t, s.ann.ID).Total, "an expired selection deletes nothing")
}

func TestSelectionsMoveThenUndoPutsEachFileBack(t *testing.T) {
	s := newSelecting(t, 3)
	receipts, taxes, work := s.category(t, s.ann.ID, "Receipts"), s.category(t, s.ann.ID, "Taxes"), s.category(t, s.ann.ID, "Work")
	s.move(t, s.ann.ID, s.docs[0].ID, receipts.ID)
	s.move(t, s.ann.ID, s.docs[1].ID, taxes.ID)
	all := domain.FileFilter{}
	s.open(t, all)
	for _, f := range s.docs {
		s.toggle(t, all, domain.Cursor{}, f.ID)
	}
	res, err := s.app.Commands.Selections.Apply(context.Background(), s.ann.ID, all, domain.BatchMove, work.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, res.Changed)
	assert.Equal(t, "Work", res.Category.Name)
	for _, f := range s.docs {
		assert.Equal(t, work.ID, *s.file(t, s.ann.ID, f.ID).CategoryID)
	}
	_, err = s.app.Commands.Selections.Page(context.Background(), s.in(all, domain.Cursor{}))
	assert.ErrorIs(t, err, domain.ErrSelectionExpired, "a batch ends the selection")

	undo, err := s.app.Commands.Selections.Undo(context.Background(), s.ann.ID, res.Batch.ID)
	require.NoError(t, err)
	assert.Equal(t, app.UndoResult{Batch: undo.Batch, Undone: 3}, undo)
	assert.Equal(t, receipts.ID, *s.file(t, s.ann.ID, s.docs[0].ID).CategoryID)
	assert.Equal(t, taxes.ID, *s.file(t, s.ann.ID, s.docs[1].ID).CategoryID)
	assert.Nil(t, s.file(t, s.ann.ID, s.docs[2].ID).CategoryID)

	_, err = s.app.Commands.Selections.Undo(context.Background(), s.ann.ID, res.Batch.ID)
	assert.ErrorIs(t, err, domain.ErrBatchUndone)
}

func TestSelectionsDeleteThenUndo(t *testing.T) {
	s := newSelecting(t, 3)
	all := domain.FileFilter{}
	s.open(t, all)
	s.toggle(t, all, domain.Cursor{}, s.docs[0].ID)
	s.toggle(t, all, domain.Cursor{}, s.docs[2].ID)
	res, err := s.app.Commands.Selections.Apply(context.Background(), s.ann.ID, all, domain.BatchTrash, 0)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Changed)
	assert.Equal(t, 2, s.counts(t, s.ann.ID).Trashed)

	undo, err := s.app.Commands.Selections.Undo(context.Background(), s.ann.ID, res.Batch.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, undo.Undone)
	assert.Equal(t, 0, s.counts(t, s.ann.ID).Trashed)
	assert.Equal(t, 3, s.counts(t, s.ann.ID).Total)
}

func TestSelectionsRestoreThenUndoPutsThemBackInTheTrash(t *testing.T) {
	s := newSelecting(t, 2)
	trash := domain.FileFilter{Trashed: true}
	trashed := []domain.File{s.trash(t, s.ann.ID, s.docs[0].ID), s.trash(t, s.ann.ID, s.docs[1].ID)}
	s.open(t, trash)
	s.toggle(t, trash, domain.Cursor{}, s.docs[0].ID)
	s.toggle(t, trash, domain.Cursor{}, s.docs[1].ID)
	s.clock.Set(start.Add(time.Minute))
	res, err := s.app.Commands.Selections.Apply(context.Background(), s.ann.ID, trash, domain.BatchRestore, 0)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Changed)
	assert.Equal(t, 0, s.counts(t, s.ann.ID).Trashed)
	_, err = s.app.Commands.Selections.Undo(context.Background(), s.ann.ID, res.Batch.ID)
	require.NoError(t, err)
	for _, f := range trashed {
		assert.Equal(t, *f.DeletedAt, *s.file(t, s.ann.ID, f.ID).DeletedAt, "back in the trash since when it was deleted")
	}
}

func TestSelectionsUndoLeavesWhatChangedSince(t *testing.T) {
	s := newSelecting(t, 3)
	work, home := s.category(t, s.ann.ID, "Work"), s.category(t, s.ann.ID, "Home")
	all := domain.FileFilter{}
	s.open(t, all)
	for _, f := range s.docs {
		s.toggle(t, all, domain.Cursor{}, f.ID)
	}
	res, err := s.app.Commands.Selections.Apply(context.Background(), s.ann.ID, all, domain.BatchMove, work.ID)
	require.NoError(t, err)
	s.move(t, s.ann.ID, s.docs[0].ID, home.ID) // moved again since
	s.trash(t, s.ann.ID, s.docs[1].ID)         // deleted since
	undo, err := s.app.Commands.Selections.Undo(context.Background(), s.ann.ID, res.Batch.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, undo.Undone)
	assert.Equal(t, 2, undo.Changed)
	assert.Equal(t, home.ID, *s.file(t, s.ann.ID, s.docs[0].ID).CategoryID, "what the user did since stands")
	assert.Nil(t, s.file(t, s.ann.ID, s.docs[2].ID).CategoryID)
}

func TestSelectionsKeepOthersOut(t *testing.T) {
	s := newSelecting(t, 1)
	bobs := s.save(t, s.bob.ID, document("bob's"))
	all := domain.FileFilter{}
	s.open(t, all)
	_, err := s.app.Commands.Selections.Toggle(context.Background(), s.in(all, domain.Cursor{}), bobs.ID)
	assert.ErrorIs(t, err, domain.ErrForbidden, "nobody selects another user's file")
	s.toggle(t, all, domain.Cursor{}, s.docs[0].ID)
	res, err := s.app.Commands.Selections.Apply(context.Background(), s.ann.ID, all, domain.BatchTrash, 0)
	require.NoError(t, err)
	_, err = s.app.Commands.Selections.Undo(context.Background(), s.bob.ID, res.Batch.ID)
	assert.ErrorIs(t, err, domain.ErrForbidden, "nobody undoes another user's batch")
	assert.Equal(t, 1, s.counts(t, s.ann.ID).Trashed)
	_, err = s.app.Commands.Selections.Files(context.Background(), s.bob.ID, all)
	assert.ErrorIs(t, err, domain.ErrSelectionExpired, "Bob has no selection of his own")
}

func TestSelectionsKeepTheLatestBatches(t *testing.T) {
	s := newSelecting(t, 1)
	cats := []domain.Category{s.category(t, s.ann.ID, "A"), s.category(t, s.ann.ID, "B")}
	all := domain.FileFilter{}
	var batches []int64
	for i := range domain.MaxBatchesKept + 1 {
		s.open(t, all)
		s.toggle(t, all, domain.Cursor{}, s.docs[0].ID)
		res, err := s.app.Commands.Selections.Apply(context.Background(), s.ann.ID, all, domain.BatchMove, cats[i%2].ID)
		require.NoError(t, err)
		batches = append(batches, res.Batch.ID)
	}
	_, err := s.app.Commands.Selections.Undo(context.Background(), s.ann.ID, batches[0])
	assert.ErrorIs(t, err, domain.ErrNotFound, "the oldest batch past the kept ones is forgotten")
	_, err = s.app.Commands.Selections.Undo(context.Background(), s.ann.ID, batches[1])
	assert.NoError(t, err, "the kept ones can be undone")
}

func TestSelectionsTagThenUndoTakesOffOnlyWhatTheBatchChanged(t *testing.T) {
	ctx := context.Background()
	s := newSelecting(t, 3)
	tags := func(f domain.File) []string {
		t.Helper()
		d, err := s.app.Queries.GetFile.Handle(ctx, app.GetFileInput{OwnerID: s.ann.ID, FileID: f.ID})
		require.NoError(t, err)
		var names []string
		for _, tag := range d.Tags {
			names = append(names, tag.Name)
		}
		return names
	}
	_, err := s.app.Commands.Tags.Edit(ctx, s.ann.ID, s.docs[0].ID, "trip draft")
	require.NoError(t, err)
	_, err = s.app.Commands.Tags.Edit(ctx, s.ann.ID, s.docs[1].ID, "draft")
	require.NoError(t, err)
	all := domain.FileFilter{}
	s.open(t, all)
	for _, f := range s.docs {
		s.toggle(t, all, domain.Cursor{}, f.ID)
	}

	_, err = s.app.Commands.Selections.ApplyTags(ctx, s.ann.ID, all, "#bad!tag")
	require.ErrorIs(t, err, domain.ErrInvalidTag)
	res, err := s.app.Commands.Selections.ApplyTags(ctx, s.ann.ID, all, "#trip, 2024 -draft")
	require.NoError(t, err)
	assert.Equal(t, domain.BatchTag, res.Batch.Action)
	assert.Equal(t, 3, res.Changed)
	assert.Equal(t, domain.TagEdit{Add: []string{"2024", "trip"}, Remove: []string{"draft"}}, sortedEdit(res.Tags))
	assert.ElementsMatch(t, []string{"trip", "2024"}, tags(s.docs[0]))
	assert.ElementsMatch(t, []string{"trip", "2024"}, tags(s.docs[1]))
	assert.ElementsMatch(t, []string{"trip", "2024"}, tags(s.docs[2]))
	_, err = s.app.Commands.Selections.Page(ctx, s.in(all, domain.Cursor{}))
	assert.ErrorIs(t, err, domain.ErrSelectionExpired, "a batch ends the selection")

	undo, err := s.app.Commands.Selections.Undo(ctx, s.ann.ID, res.Batch.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, undo.Undone)
	assert.ElementsMatch(t, []string{"trip", "draft"}, tags(s.docs[0]), "the tag it carried before stays; the one taken off is back")
	assert.ElementsMatch(t, []string{"draft"}, tags(s.docs[1]))
	assert.Empty(t, tags(s.docs[2]))
	_, err = s.app.Commands.Selections.Undo(ctx, s.ann.ID, res.Batch.ID)
	assert.ErrorIs(t, err, domain.ErrBatchUndone)
}

func TestSelectionsTagPassesOverFilesItDoesNotChange(t *testing.T) {
	ctx := context.Background()
	s := newSelecting(t, 2)
	_, err := s.app.Commands.Tags.Edit(ctx, s.ann.ID, s.docs[0].ID, "trip")
	require.NoError(t, err)
	all := domain.FileFilter{}
	s.open(t, all)
	s.toggle(t, all, domain.Cursor{}, s.docs[0].ID)
	_, err = s.app.Commands.Selections.ApplyTags(ctx, s.ann.ID, all, "trip -nothing")
	assert.ErrorIs(t, err, domain.ErrNothingSelected, "no file changes: no batch")

	s.toggle(t, all, domain.Cursor{}, s.docs[1].ID)
	res, err := s.app.Commands.Selections.ApplyTags(ctx, s.ann.ID, all, "trip")
	require.NoError(t, err)
	assert.Equal(t, 1, res.Changed)
	assert.Equal(t, 1, res.Skipped, "the file that carries it already is passed over")
}

func sortedEdit(e domain.TagEdit) domain.TagEdit {
	slices.Sort(e.Add)
	slices.Sort(e.Remove)
	return e
}

func TestSelectingAnAlbumsEntryActsOnTheWholeAlbum(t *testing.T) {
	ctx := context.Background()
	s := newSelecting(t, 1)
	work := s.category(t, s.ann.ID, "Work")
	first := s.sendAlbumFile(t, s.ann.ID, photo("a1"), "g1")
	s.sendAlbumFile(t, s.ann.ID, photo("a2"), "g1")
	last := s.sendAlbumFile(t, s.ann.ID, photo("a3"), "g1")
	all := domain.FileFilter{}
	page := s.open(t, all)
	require.Len(t, page.Page.Items, 2, "the album is one entry of the list, beside the document")
	s.toggle(t, all, domain.Cursor{}, last.File.ID) // the album's entry

	res, err := s.app.Commands.Selections.Apply(ctx, s.ann.ID, all, domain.BatchMove, work.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, res.Changed, "every file of the album moves")
	album, err := s.app.Queries.Albums.Open(ctx, s.ann.ID, *first.File.AlbumID)
	require.NoError(t, err)
	for _, f := range album.Files {
		assert.Equal(t, work.ID, *f.CategoryID, "%s moved with its album", f.Name)
	}
	assert.Nil(t, s.file(t, s.ann.ID, s.docs[0].ID).CategoryID, "the document, not selected, stays")

	undo, err := s.app.Commands.Selections.Undo(ctx, s.ann.ID, res.Batch.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, undo.Undone, "the album goes back as a unit")
}
