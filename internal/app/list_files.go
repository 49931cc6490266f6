package app

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ListFiles pages through a user's files in their order, with keyset cursors.
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
	PageSize int              // clamped to [domain.MinPageSize, domain.MaxPageSize]; 0 means the default
	Sort     domain.SortOrder // "" is the newest first
}

// Handle returns the requested page. A cursor that points past the end (its files were deleted)
// yields the first page rather than an empty one.
func (h ListFiles) Handle(ctx context.Context, in ListFilesInput) (domain.Page[domain.File], error) {
	if in.Filter.Kind != "" && !in.Filter.Kind.Valid() {
		return domain.Page[domain.File]{}, fmt.Errorf("list files of kind %q: %w", in.Filter.Kind, domain.ErrNotFound)
	}
	if in.Sort != "" && !in.Sort.Valid() {
		return domain.Page[domain.File]{}, fmt.Errorf("list files in order %q: %w", in.Sort, domain.ErrInvalidSettings)
	}
	size := clampPageSize(in.PageSize)
	what := fmt.Sprintf("list files of user %d", in.OwnerID)
	return inTx(ctx, h.uow, what, func(ctx context.Context, r Repos) (domain.Page[domain.File], error) {
		q, err := fileQueryOf(ctx, r, in)
		if err != nil {
			return domain.Page[domain.File]{}, err
		}
		page, err := listPage(ctx, r.Files, q, in.Cursor, size)
		if err != nil {
			return domain.Page[domain.File]{}, err
		}
		return page, countPage(ctx, r.Files, q, size, &page)
	})
}

// fileQueryOf is the query of a list, its paging aside: the category, saved search or tag it names
// checked to be the owner's. A search for one #tag lists that tag's files.
func fileQueryOf(ctx context.Context, r Repos, in ListFilesInput) (FileQuery, error) {
	f := in.Filter
	q := FileQuery{
		OwnerID: in.OwnerID, Kind: f.Kind, CategoryID: f.CategoryID, Uncategorised: f.Uncategorised,
		Trashed: f.Trashed, TagID: f.TagID, Sort: in.Sort,
	}
	if f.CategoryID > 0 {
		if _, err := ownedCategory(ctx, r, in.OwnerID, f.CategoryID); err != nil {
			return FileQuery{}, err
		}
	}
	if f.TagID > 0 {
		if _, err := r.Tags.Get(ctx, in.OwnerID, f.TagID); err != nil {
			return FileQuery{}, err
		}
	}
	if f.SearchID > 0 {
		s, err := ownedSearch(ctx, r, in.OwnerID, f.SearchID)
		if err != nil {
			return FileQuery{}, err
		}
		return searchQuery(ctx, r, q, s.Text)
	}
	return q, nil
}

// searchQuery narrows q to the files a search text finds: those of a tag for "#tag", else those
// whose name or caption holds the text.
func searchQuery(ctx context.Context, r Repos, q FileQuery, text string) (FileQuery, error) {
	name, ok := domain.TagQuery(text)
	if !ok {
		q.Search, q.SearchPrefix = text, domain.PrefixSearch(text)
		return q, nil
	}
	tag, err := r.Tags.ByName(ctx, q.OwnerID, name)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		q.TagID = noTag
	case err != nil:
		return FileQuery{}, err
	default:
		q.TagID = tag.ID
	}
	return q, nil
}

// noTag is the id of a tag no one has: a search for a tag the user never used finds nothing.
const noTag = math.MaxInt64

func clampPageSize(n int) int {
	if n == 0 {
		return domain.DefaultPageSize
	}
	return min(max(n, domain.MinPageSize), domain.MaxPageSize)
}

// listPage finds the page c opens, numbered where the cursor says which page it opens (Number 0
// where it does not), and its neighbours' cursors numbered after it.
func listPage(ctx context.Context, files FileRepository, q FileQuery, c domain.Cursor, size int) (domain.Page[domain.File], error) {
	q.Limit, q.AfterID, q.BeforeID = size+1, 0, 0
	if c.Backward && !c.IsFirst() {
		q.BeforeID = c.ID
		items, err := files.List(ctx, q)
		if err != nil {
			return domain.Page[domain.File]{}, err
		}
		if len(items) > size {
			items = items[:size]
			slices.Reverse(items)
			// A full page before the cursor is not the first: a number saying so is out of date.
			n := c.Number
			if n == 1 {
				n = 0
			}
			return numbered(domain.Page[domain.File]{Items: items, Prev: cursorBefore(items), Next: cursorAfter(items)}, n), nil
		}
		// Fewer than a page before the cursor: that is the first page, and it should be full.
		return listPage(ctx, files, q, domain.Cursor{}, size)
	}
	q.AfterID = c.ID
	items, err := files.List(ctx, q)
	if err != nil {
		return domain.Page[domain.File]{}, err
	}
	if len(items) == 0 && !c.IsFirst() {
		return listPage(ctx, files, q, domain.Cursor{}, size)
	}
	var page domain.Page[domain.File]
	if len(items) > size {
		items = items[:size]
		page.Next = cursorAfter(items)
	}
	if !c.IsFirst() {
		page.Prev = cursorBefore(items)
	}
	page.Items = items
	n := c.Number
	if c.IsFirst() {
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

// countPage says where page is in its list: how many files the list holds and how many pages,
// and, where the cursor did not say which page this is, its number, by counting the files before
// it (in the newest-first order only, the one ids follow; another order leaves it unknown). A
// search is not counted: its page keeps the number its cursor gave it, if any.
func countPage(ctx context.Context, files FileRepository, q FileQuery, size int, page *domain.Page[domain.File]) error {
	if len(page.Items) == 0 || q.Search != "" {
		return nil
	}
	var newerThan int64
	if page.Number == 0 && q.Sort.Or(domain.SortNewest) == domain.SortNewest {
		newerThan = page.Items[0].ID
	}
	total, newer, err := files.CountList(ctx, q, newerThan)
	if err != nil {
		return err
	}
	if newerThan > 0 {
		*page = numbered(*page, newer/size+1)
	}
	page.Total = total
	page.Pages = max((total+size-1)/size, page.Number)
	return nil
}
