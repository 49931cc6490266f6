package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// SearchFiles runs a new search of a user's files by name or caption, and keeps it (that is what
// makes it a command); FindFiles reads the kept searches and answers inline queries.
type SearchFiles struct {
	uow  UnitOfWork
	list ListFiles
}

// NewSearchFiles builds the search command.
func NewSearchFiles(uow UnitOfWork) SearchFiles {
	return SearchFiles{uow: uow, list: NewListFiles(uow)}
}

// MaxSavedSearches is how many of a user's searches are kept, the newest: the pages of older ones
// can no longer be turned (their buttons say the list is gone), so searches do not pile up.
const MaxSavedSearches = 50

// Start runs a new search: the query is normalised (a *domain.QueryError if empty or too long)
// and saved, so its result pages can be turned with ListFiles and FileFilter.SearchID.
func (h SearchFiles) Start(ctx context.Context, owner int64, text string, pageSize int, sort domain.SortOrder) (domain.Search, domain.Page[domain.File], error) {
	text, err := domain.NormalizeQuery(text)
	if err != nil {
		return domain.Search{}, domain.Page[domain.File]{}, fmt.Errorf("search: %w", err)
	}
	type started struct {
		s    domain.Search
		page domain.Page[domain.File]
	}
	res, err := inTx(ctx, h.uow, fmt.Sprintf("search %q", text), func(ctx context.Context, r Repos) (started, error) {
		s, err := r.Searches.Save(ctx, domain.Search{OwnerID: owner, Text: text})
		if err != nil {
			return started{}, err
		}
		page, err := h.list.Handle(ctx, ListFilesInput{OwnerID: owner, Filter: domain.FileFilter{SearchID: s.ID}, PageSize: pageSize, Sort: sort})
		if err != nil {
			return started{}, err
		}
		// After the page: the pruning is not waited for, and goes with the commit.
		return started{s: s, page: page}, r.Searches.Prune(ctx, owner, MaxSavedSearches)
	})
	return res.s, res.page, err
}

// FindFiles reads a user's kept searches and finds their files for inline queries.
type FindFiles struct {
	uow UnitOfWork
}

// NewFindFiles builds the search queries.
func NewFindFiles(uow UnitOfWork) FindFiles { return FindFiles{uow: uow} }

// Get returns one of the user's saved searches.
func (h FindFiles) Get(ctx context.Context, owner, id int64) (domain.Search, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("get search %d", id), func(ctx context.Context, r Repos) (domain.Search, error) {
		return ownedSearch(ctx, r, owner, id)
	})
}

// MaxInlineResults is the most results one inline answer may carry (Telegram's limit).
const MaxInlineResults = 50

// Inline answers an inline query: the user's live files matching text ("#tag": those carrying
// the tag; all of them when text is empty or blank), newest first, a page of at most
// MaxInlineResults after the file id afterID.
func (h FindFiles) Inline(ctx context.Context, owner int64, text string, afterID int64) (domain.Page[domain.File], error) {
	q := FileQuery{OwnerID: owner, AfterID: afterID, Limit: MaxInlineResults + 1}
	// "@bot " followed by spaces is no query yet: it shows the newest files, as "@bot" alone does.
	var norm string
	if strings.TrimSpace(text) != "" {
		var err error
		if norm, err = domain.NormalizeQuery(text); err != nil {
			return domain.Page[domain.File]{}, fmt.Errorf("inline search: %w", err)
		}
	}
	items, err := inTx(ctx, h.uow, fmt.Sprintf("inline search %q", text), func(ctx context.Context, r Repos) ([]domain.File, error) {
		q := q
		if norm != "" {
			var err error
			if q, err = searchQuery(ctx, r, q, norm); err != nil {
				return nil, err
			}
		}
		return r.Files.List(ctx, q)
	})
	if err != nil {
		return domain.Page[domain.File]{}, err
	}
	var page domain.Page[domain.File]
	if len(items) > MaxInlineResults {
		items = items[:MaxInlineResults]
		page.Next = cursorAfter(items)
	}
	page.Items = items
	return page, nil
}

func ownedSearch(ctx context.Context, r Repos, owner, id int64) (domain.Search, error) {
	s, err := r.Searches.Get(ctx, owner, id)
	if err != nil {
		return domain.Search{}, err
	}
	if s.OwnerID != owner {
		return domain.Search{}, fmt.Errorf("search %d of user %d: %w", id, owner, domain.ErrForbidden)
	}
	return s, nil
}
