package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ListFiles pages through a user's files, newest first, with keyset cursors.
type ListFiles struct {
	uow UnitOfWork
}

// NewListFiles builds the ListFiles use case.
func NewListFiles(uow UnitOfWork) ListFiles { return ListFiles{uow: uow} }

// ListFilesInput selects a page of the owner's files.
type ListFilesInput struct {
	OwnerID  int64
	Filter   domain.FileFilter
	Cursor   domain.Cursor
	PageSize int // clamped to [domain.MinPageSize, domain.MaxPageSize]; 0 means the default
}

// Handle returns the requested page. A cursor that points past the end (its files were deleted)
// yields the first page rather than an empty one.
func (h ListFiles) Handle(ctx context.Context, in ListFilesInput) (domain.Page[domain.File], error) {
	if in.Filter.Kind != "" && !in.Filter.Kind.Valid() {
		return domain.Page[domain.File]{}, fmt.Errorf("list files of kind %q: %w", in.Filter.Kind, domain.ErrNotFound)
	}
	size := clampPageSize(in.PageSize)
	what := fmt.Sprintf("list files of user %d", in.OwnerID)
	return inTx(ctx, h.uow, what, func(ctx context.Context, r Repos) (domain.Page[domain.File], error) {
		if in.Filter.CategoryID > 0 {
			if _, err := ownedCategory(ctx, r, in.OwnerID, in.Filter.CategoryID); err != nil {
				return domain.Page[domain.File]{}, err
			}
		}
		var search string
		if in.Filter.SearchID > 0 {
			s, err := ownedSearch(ctx, r, in.OwnerID, in.Filter.SearchID)
			if err != nil {
				return domain.Page[domain.File]{}, err
			}
			search = s.Text
		}
		page, err := listPage(ctx, r.Files, in, search, size)
		if err != nil {
			return domain.Page[domain.File]{}, err
		}
		return page, countPage(ctx, r.Files, in, search, size, &page)
	})
}

func clampPageSize(n int) int {
	if n == 0 {
		return domain.DefaultPageSize
	}
	return min(max(n, domain.MinPageSize), domain.MaxPageSize)
}

// listPage finds the page in.Cursor opens, numbered where the cursor says which page it opens
// (Number 0 where it does not), and its neighbours' cursors numbered after it.
func listPage(ctx context.Context, files FileRepository, in ListFilesInput, search string, size int) (domain.Page[domain.File], error) {
	q := FileQuery{
		OwnerID: in.OwnerID, Kind: in.Filter.Kind, CategoryID: in.Filter.CategoryID,
		Uncategorised: in.Filter.Uncategorised, Trashed: in.Filter.Trashed, Limit: size + 1,
		Search: search, SearchPrefix: search != "" && domain.PrefixSearch(search),
	}
	first := ListFilesInput{OwnerID: in.OwnerID, Filter: in.Filter}
	if in.Cursor.Backward && !in.Cursor.IsFirst() {
		q.BeforeID = in.Cursor.ID
		items, err := files.List(ctx, q)
		if err != nil {
			return domain.Page[domain.File]{}, err
		}
		if len(items) > size {
			items = items[:size]
			slices.Reverse(items)
			// A full page before the cursor is not the first: a number saying so is out of date.
			n := in.Cursor.Number
			if n == 1 {
				n = 0
			}
			return numbered(domain.Page[domain.File]{Items: items, Prev: cursorBefore(items), Next: cursorAfter(items)}, n), nil
		}
		// Fewer than a page before the cursor: that is the first page, and it should be full.
		return listPage(ctx, files, first, search, size)
	}
	q.AfterID = in.Cursor.ID
	items, err := files.List(ctx, q)
	if err != nil {
		return domain.Page[domain.File]{}, err
	}
	if len(items) == 0 && !in.Cursor.IsFirst() {
		return listPage(ctx, files, first, search, size)
	}
	var page domain.Page[domain.File]
	if len(items) > size {
		items = items[:size]
		page.Next = cursorAfter(items)
	}
	if !in.Cursor.IsFirst() {
		page.Prev = cursorBefore(items)
	}
	page.Items = items
	n := in.Cursor.Number
	if in.Cursor.IsFirst() {
		n = 1
	}
	return numbered(page, n), nil
}

// numbered gives page the number n (0: not known) and its neighbours' cursors theirs.
func numbered(page domain.Page[domain.File], n int) domain.Page[domain.File] {
	page.Number = n
	if n > 0 && page.Next != nil {
		page.Next.Number = n + 1
	}
	if n > 1 && page.Prev != nil {
		page.Prev.Number = n - 1
	}
	return page
}

func cursorAfter(items []domain.File) *domain.Cursor {
	return &domain.Cursor{ID: items[len(items)-1].ID}
}

func cursorBefore(items []domain.File) *domain.Cursor {
	return &domain.Cursor{ID: items[0].ID, Backward: true}
}

// countPage says where page is in its list: how many files the list holds (read from counters,
// whatever the list's size) and how many pages, and, where the cursor did not say which page
// this is, its number, by counting the files before it. A search is not counted: its page keeps
// the number its cursor gave it, if any.
func countPage(ctx context.Context, files FileRepository, in ListFilesInput, search string, size int, page *domain.Page[domain.File]) error {
	if len(page.Items) == 0 || search != "" {
		return nil
	}
	q := FileQuery{
		OwnerID: in.OwnerID, Kind: in.Filter.Kind, CategoryID: in.Filter.CategoryID,
		Uncategorised: in.Filter.Uncategorised, Trashed: in.Filter.Trashed,
	}
	var newerThan int64
	if page.Number == 0 {
		newerThan = page.Items[0].ID
	}
	total, newer, err := files.CountList(ctx, q, newerThan)
	if err != nil {
		return err
	}
	if page.Number == 0 {
		*page = numbered(*page, newer/size+1)
	}
	page.Total = total
	page.Pages = max((total+size-1)/size, page.Number)
	return nil
}
