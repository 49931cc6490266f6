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

func listPage(ctx context.Context, files FileRepository, in ListFilesInput, search string, size int) (domain.Page[domain.File], error) {
	q := FileQuery{
		OwnerID: in.OwnerID, Kind: in.Filter.Kind, CategoryID: in.Filter.CategoryID,
		Uncategorised: in.Filter.Uncategorised, Trashed: in.Filter.Trashed, Limit: size + 1,
		Search: search, SearchPrefix: search != "" && domain.PrefixSearch(search),
	}
	if in.Cursor.Backward && !in.Cursor.IsFirst() {
		q.BeforeID = in.Cursor.ID
		items, err := files.List(ctx, q)
		if err != nil {
			return domain.Page[domain.File]{}, err
		}
		if len(items) > size {
			items = items[:size]
			slices.Reverse(items)
			return domain.Page[domain.File]{Items: items, Prev: cursorBefore(items), Next: cursorAfter(items)}, nil
		}
		// Fewer than a page before the cursor: that is the first page, and it should be full.
		return listPage(ctx, files, ListFilesInput{OwnerID: in.OwnerID, Filter: in.Filter}, search, size)
	}
	q.AfterID = in.Cursor.ID
	items, err := files.List(ctx, q)
	if err != nil {
		return domain.Page[domain.File]{}, err
	}
	if len(items) == 0 && !in.Cursor.IsFirst() {
		return listPage(ctx, files, ListFilesInput{OwnerID: in.OwnerID, Filter: in.Filter}, search, size)
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
	return page, nil
}

func cursorAfter(items []domain.File) *domain.Cursor {
	return &domain.Cursor{ID: items[len(items)-1].ID}
}

func cursorBefore(items []domain.File) *domain.Cursor {
	return &domain.Cursor{ID: items[0].ID, Backward: true}
}

// countPage says where page is in its list: how many files the list holds, which page this is
// and how many there are. One count over the owner's files of the list, no more.
func countPage(ctx context.Context, files FileRepository, in ListFilesInput, search string, size int, page *domain.Page[domain.File]) error {
	if len(page.Items) == 0 {
		return nil
	}
	q := FileQuery{
		OwnerID: in.OwnerID, Kind: in.Filter.Kind, CategoryID: in.Filter.CategoryID,
		Uncategorised: in.Filter.Uncategorised, Trashed: in.Filter.Trashed,
		Search: search, SearchPrefix: search != "" && domain.PrefixSearch(search),
	}
	total, newer, err := files.CountList(ctx, q, page.Items[0].ID)
	if err != nil {
		return err
	}
	page.Total, page.Number = total, newer/size+1
	page.Pages = max((total+size-1)/size, page.Number)
	return nil
}
