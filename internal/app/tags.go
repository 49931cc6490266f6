package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Tags lets a user change the tags of a file; ListTags reads them.
type Tags struct {
	uow   UnitOfWork
	clock Clock
}

// NewTags builds the tag commands.
func NewTags(uow UnitOfWork, clock Clock) Tags { return Tags{uow: uow, clock: clock} }

// Edit applies tags written as text (domain.ParseTagEdit: "#trip 2024 -old") to the owner's live
// file and returns the file as its card shows it. A file would carry more than
// domain.MaxTagsPerFile: domain.ErrTooManyTags, and nothing changes.
func (h Tags) Edit(ctx context.Context, owner, fileID int64, text string) (FileDetails, error) {
	edit, err := domain.ParseTagEdit(text)
	if err != nil {
		return FileDetails{}, fmt.Errorf("edit the tags of file %d: %w", fileID, err)
	}
	return inTx(ctx, h.uow, fmt.Sprintf("edit the tags of file %d", fileID), func(ctx context.Context, r Repos) (FileDetails, error) {
		f, err := liveFile(ctx, r, owner, fileID)
		if err != nil {
			return FileDetails{}, err
		}
		if err := r.Tags.Remove(ctx, owner, f.ID, edit.Remove); err != nil {
			return FileDetails{}, err
		}
		if err := addTags(ctx, r, f, edit.Add, h.clock, false); err != nil {
			return FileDetails{}, err
		}
		return detailsOf(ctx, r, f)
	})
}

// addTags puts tags on f. Past domain.MaxTagsPerFile in all, fit keeps the first that fit (a
// caption's hashtags) and otherwise nothing is added: domain.ErrTooManyTags.
func addTags(ctx context.Context, r Repos, f domain.File, names []string, clock Clock, fit bool) error {
	if len(names) == 0 {
		return nil
	}
	have, err := r.Tags.OfFile(ctx, f.OwnerID, f.ID)
	if err != nil {
		return err
	}
	var add []string
	for _, n := range names {
		if !slices.ContainsFunc(have, func(t domain.Tag) bool { return t.Name == n }) && !slices.Contains(add, n) {
			add = append(add, n)
		}
	}
	if room := domain.MaxTagsPerFile - len(have); len(add) > room {
		if !fit {
			return fmt.Errorf("file %d carries %d tags, %d more: %w", f.ID, len(have), len(add), domain.ErrTooManyTags)
		}
		add = add[:max(room, 0)]
	}
	if len(add) == 0 {
		return nil
	}
	return r.Tags.Add(ctx, f.OwnerID, f.ID, add, clock.Now())
}

// ListTags reads a user's tags.
type ListTags struct {
	uow UnitOfWork
}

// NewListTags builds the tag queries.
func NewListTags(uow UnitOfWork) ListTags { return ListTags{uow: uow} }

// Get returns one of the user's tags.
func (h ListTags) Get(ctx context.Context, owner, id int64) (domain.Tag, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("get tag %d", id), func(ctx context.Context, r Repos) (domain.Tag, error) {
		return r.Tags.Get(ctx, owner, id)
	})
}

// List returns a page of the user's tags that live files carry, by name, with their file counts.
func (h ListTags) List(ctx context.Context, owner int64, cursor domain.Cursor, pageSize int) (domain.Page[domain.TagSummary], error) {
	size := clampPageSize(pageSize)
	return inTx(ctx, h.uow, fmt.Sprintf("list the tags of user %d", owner), func(ctx context.Context, r Repos) (domain.Page[domain.TagSummary], error) {
		return tagPage(ctx, r.Tags, owner, cursor, size)
	})
}

func tagPage(ctx context.Context, tags TagRepository, owner int64, c domain.Cursor, size int) (domain.Page[domain.TagSummary], error) {
	q := TagQuery{OwnerID: owner, Limit: size + 1}
	var page domain.Page[domain.TagSummary]
	if c.Backward && !c.IsFirst() {
		q.BeforeID = c.ID
		items, err := tags.List(ctx, q)
		if err != nil || len(items) <= size {
			if err != nil {
				return page, err
			}
			return tagPage(ctx, tags, owner, domain.Cursor{}, size) // fewer than a page before: the first
		}
		items = items[:size]
		slices.Reverse(items)
		page.Items = items
		page.Prev, page.Next = &domain.Cursor{ID: items[0].ID, Backward: true}, &domain.Cursor{ID: items[len(items)-1].ID}
		return page, nil
	}
	q.AfterID = c.ID
	items, err := tags.List(ctx, q)
	if err != nil {
		return page, err
	}
	if len(items) == 0 && !c.IsFirst() {
		return tagPage(ctx, tags, owner, domain.Cursor{}, size)
	}
	if len(items) > size {
		items = items[:size]
		page.Next = &domain.Cursor{ID: items[len(items)-1].ID}
	}
	if !c.IsFirst() {
		page.Prev = &domain.Cursor{ID: items[0].ID, Backward: true}
	}
	page.Items = items
	return page, nil
}
