package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// SearchFiles finds a user's files by name or caption.
type SearchFiles struct {
	uow  UnitOfWork
	list ListFiles
}

// NewSearchFiles builds the search use cases.
func NewSearchFiles(uow UnitOfWork) SearchFiles {
	return SearchFiles{uow: uow, list: NewListFiles(uow)}
}

// MaxSavedSearches is how many of a user's searches are kept, the newest: the pages of older ones
// can no longer be turned (their buttons say the list is gone), so searches do not pile up.
const MaxSavedSearches = 50

// Start runs a new search: the query is normalised (a *domain.QueryError if empty or too long)
// and saved, so its result pages can be turned with ListFiles and FileFilter.SearchID.
func (h SearchFiles) Start(ctx context.Context, owner int64, text string, pageSize int) (domain.Search, domain.Page[domain.File], error) {
	text, err := domain.NormalizeQuery(text)
	if err != nil {
		return domain.Search{}, domain.Page[domain.File]{}, fmt.Errorf("search: %w", err)
	}
	var s domain.Search
	var page domain.Page[domain.File]
	err = h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		if s, err = r.Searches.Save(ctx, domain.Search{OwnerID: owner, Text: text}); err != nil {
			return err
		}
		if _, err = r.Searches.Prune(ctx, owner, MaxSavedSearches); err != nil {
			return err
		}
		page, err = h.list.Handle(ctx, ListFilesInput{OwnerID: owner, Filter: domain.FileFilter{SearchID: s.ID}, PageSize: pageSize})
		return err
	})
	if err != nil {
		return domain.Search{}, domain.Page[domain.File]{}, fmt.Errorf("search %q: %w", text, err)
	}
	return s, page, nil
}

// Get returns one of the user's saved searches.
func (h SearchFiles) Get(ctx context.Context, owner, id int64) (domain.Search, error) {
	var s domain.Search
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		var err error
		s, err = ownedSearch(ctx, r, owner, id)
		return err
	})
	if err != nil {
		return domain.Search{}, fmt.Errorf("get search %d: %w", id, err)
	}
	return s, nil
}

// MaxInlineResults is the most results one inline answer may carry (Telegram's limit).
const MaxInlineResults = 50

// Inline answers an inline query: the user's live files matching text (all of them, newest
// first, when text is empty or blank), a page of at most MaxInlineResults after the file id
// afterID.
func (h SearchFiles) Inline(ctx context.Context, owner int64, text string, afterID int64) (domain.Page[domain.File], error) {
	q := FileQuery{OwnerID: owner, AfterID: afterID, Limit: MaxInlineResults + 1}
	// "@bot " followed by spaces is no query yet: it shows the newest files, as "@bot" alone does.
	if strings.TrimSpace(text) != "" {
		norm, err := domain.NormalizeQuery(text)
		if err != nil {
			return domain.Page[domain.File]{}, fmt.Errorf("inline search: %w", err)
		}
		q.Search, q.SearchPrefix = norm, domain.PrefixSearch(norm)
	}
	var items []domain.File
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		var err error
		items, err = r.Files.List(ctx, q)
		return err
	})
	if err != nil {
		return domain.Page[domain.File]{}, fmt.Errorf("inline search %q: %w", text, err)
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
