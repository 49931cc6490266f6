package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Selections holds select-many: a user picks files on a list, page after page, then moves,
// deletes, restores or gets them all at once, and undoes that batch in one step. The selection is
// stored (a restart keeps it) and expires; each batch is one unit of work.
type Selections struct {
	uow   UnitOfWork
	clock Clock
	list  ListFiles
}

// NewSelections builds the select-many use cases.
func NewSelections(uow UnitOfWork, clock Clock) Selections {
	return Selections{uow: uow, clock: clock, list: NewListFiles(uow)}
}

// SelectionPage is a page of a list with the user's selection on it.
type SelectionPage struct {
	Selection domain.Selection
	Page      domain.Page[domain.File]
}

// Open starts selecting on the list and page in asks for; a selection under way on that list is
// kept (pressing Select again loses nothing), one on another list or expired is replaced.
func (h Selections) Open(ctx context.Context, in ListFilesInput) (SelectionPage, error) {
	now := h.clock.Now()
	return inTx(ctx, h.uow, fmt.Sprintf("open a selection of user %d", in.OwnerID), func(ctx context.Context, r Repos) (SelectionPage, error) {
		sel, err := r.Selections.Get(ctx, in.OwnerID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return SelectionPage{}, err
		}
		if err != nil || sel.Expired(now) || sel.Filter != in.Filter {
			sel = domain.NewSelection(in.OwnerID, in.Filter, now)
			if err := r.Selections.Put(ctx, sel); err != nil {
				return SelectionPage{}, err
			}
		}
		return h.page(ctx, sel, in)
	})
}

// Page shows another page of the list with the selection under way on it:
// domain.ErrSelectionExpired if there is none on that list any more.
func (h Selections) Page(ctx context.Context, in ListFilesInput) (SelectionPage, error) {
	return h.change(ctx, in, "show a page of the selection", nil)
}

// Toggle selects a file of the list, or unselects it, and returns the page again. The file must be
// the user's and still on the list's side of the trash; past domain.MaxSelection it is refused.
func (h Selections) Toggle(ctx context.Context, in ListFilesInput, fileID int64) (SelectionPage, error) {
	return h.change(ctx, in, fmt.Sprintf("toggle file %d in the selection", fileID), func(ctx context.Context, r Repos, sel *domain.Selection, page domain.Page[domain.File]) error {
		// A file on the page shown (read in this unit of work) is the user's and on the list:
		// nothing more to read, and the press costs no round trip more.
		if !sel.Has(fileID) && !slices.ContainsFunc(page.Items, func(f domain.File) bool { return f.ID == fileID }) {
			f, err := ownedFile(ctx, r, in.OwnerID, fileID)
			if err != nil {
				return err
			}
			if f.Trashed() != in.Filter.Trashed {
				return fmt.Errorf("file %d left the list: %w", fileID, domain.ErrNotFound)
			}
		}
		return sel.Toggle(fileID, h.clock.Now())
	})
}

// TogglePage selects every file of the page, or unselects them all when all are selected.
func (h Selections) TogglePage(ctx context.Context, in ListFilesInput) (SelectionPage, error) {
	return h.change(ctx, in, "toggle a page in the selection", func(_ context.Context, _ Repos, sel *domain.Selection, page domain.Page[domain.File]) error {
		return sel.TogglePage(idsOf(page.Items), h.clock.Now())
	})
}

// Current returns the user's selection on the list filter selects, or domain.ErrSelectionExpired.
func (h Selections) Current(ctx context.Context, owner int64, filter domain.FileFilter) (domain.Selection, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("get the selection of user %d", owner), func(ctx context.Context, r Repos) (domain.Selection, error) {
		return h.current(ctx, r, owner, filter)
	})
}

// Clear forgets the user's selection.
func (h Selections) Clear(ctx context.Context, owner int64) error {
	return doTx(ctx, h.uow, fmt.Sprintf("clear the selection of user %d", owner), func(ctx context.Context, r Repos) error {
		return r.Selections.Clear(ctx, owner)
	})
}

// Files returns the selected files that are still the user's and live, in the order they were
// picked, to send them back: domain.ErrNothingSelected if none is.
func (h Selections) Files(ctx context.Context, owner int64, filter domain.FileFilter) ([]domain.File, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("get the selected files of user %d", owner), func(ctx context.Context, r Repos) ([]domain.File, error) {
		sel, err := h.current(ctx, r, owner, filter)
		if err != nil {
			return nil, err
		}
		ids, err := entriesOf(ctx, r, owner, filter, sel.FileIDs)
		if err != nil {
			return nil, err
		}
		var files []domain.File
		for _, id := range ids {
			f, err := liveFile(ctx, r, owner, id)
			if gone(err) {
				continue
			}
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
		if len(files) == 0 {
			return nil, domain.ErrNothingSelected
		}
		return files, nil
	})
}

// selectionChange changes the selection, seeing the page of the list shown.
type selectionChange func(ctx context.Context, r Repos, sel *domain.Selection, page domain.Page[domain.File]) error

// change loads the selection under way on in's list, applies fn (if any) and stores it, and
// returns the page with the selection as it is now.
func (h Selections) change(ctx context.Context, in ListFilesInput, what string, fn selectionChange) (SelectionPage, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("%s of user %d", what, in.OwnerID), func(ctx context.Context, r Repos) (SelectionPage, error) {
		sel, err := h.current(ctx, r, in.OwnerID, in.Filter)
		if err != nil {
			return SelectionPage{}, err
		}
		shown, err := h.page(ctx, sel, in)
		if err != nil || fn == nil {
			return shown, err
		}
		if err := fn(ctx, r, &sel, shown.Page); err != nil {
			return SelectionPage{}, err
		}
		if err := r.Selections.Put(ctx, sel); err != nil {
			return SelectionPage{}, err
		}
		shown.Selection = sel
		return shown, nil
	})
}

// current is the owner's selection on the list filter selects, unless it expired.
func (h Selections) current(ctx context.Context, r Repos, owner int64, filter domain.FileFilter) (domain.Selection, error) {
	sel, err := r.Selections.Get(ctx, owner)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.Selection{}, domain.ErrSelectionExpired
	case err != nil:
		return domain.Selection{}, err
	case sel.Expired(h.clock.Now()) || sel.Filter != filter:
		return domain.Selection{}, domain.ErrSelectionExpired
	}
	return sel, nil
}

func (h Selections) page(ctx context.Context, sel domain.Selection, in ListFilesInput) (SelectionPage, error) {
	page, err := h.list.Handle(ctx, in) // joins the unit of work under way
	if err != nil {
		return SelectionPage{}, err
	}
	return SelectionPage{Selection: sel, Page: page}, nil
}

// gone reports whether err says a file is not the user's (any more): what a batch passes over.
func gone(err error) bool {
	return errors.Is(err, domain.ErrNotFound) || errors.Is(err, domain.ErrForbidden)
}

func idsOf(files []domain.File) []int64 {
	ids := make([]int64, len(files))
	for i, f := range files {
		ids[i] = f.ID
	}
	return ids
}

// entriesOf is the files the picks stand for: each picked file and, where the list shows it as
// its album's entry, the album's files the list keeps (as ⬇ Send all takes them), in the order
// picked; a file gone is left out. An album is acted on as a unit.
func entriesOf(ctx context.Context, r Repos, owner int64, filter domain.FileFilter, picked []int64) ([]int64, error) {
	q, err := fileQueryOf(ctx, r, ListFilesInput{OwnerID: owner, Filter: filter})
	if err != nil {
		return nil, err
	}
	var ids []int64
	seen := map[int64]bool{}
	add := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, id := range picked {
		f, err := ownedFile(ctx, r, owner, id)
		if gone(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := addEntry(ctx, r, q, f, add); err != nil {
			return nil, err
		}
	}
	return ids, nil
}
