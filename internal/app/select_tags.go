package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ApplyTags puts the tags written as text (domain.ParseTagEdit: "#trip 2024 -old") on the live
// files of the user's selection on the list filter selects, and takes the "-" ones off, as one
// batch that one undo reverses (each file losing only the tags the batch put on it, and getting
// back only those it took off). A file that would carry more than domain.MaxTagsPerFile, or that
// the text does not change, is passed over. Errors as Apply's, and the text's own
// (domain.ErrInvalidTag, ...).
func (h Selections) ApplyTags(ctx context.Context, owner int64, filter domain.FileFilter, text string) (BatchResult, error) {
	edit, err := domain.ParseTagEdit(text)
	if err != nil {
		return BatchResult{}, fmt.Errorf("tag the selection of user %d: %w", owner, err)
	}
	what := fmt.Sprintf("tag the selection of user %d", owner)
	return inTx(ctx, h.uow, what, func(ctx context.Context, r Repos) (BatchResult, error) {
		sel, err := h.current(ctx, r, owner, filter)
		if err != nil {
			return BatchResult{}, err
		}
		ids, err := entriesOf(ctx, r, owner, filter, sel.FileIDs)
		if err != nil {
			return BatchResult{}, err
		}
		b := domain.NewBatch(owner, domain.BatchTag, nil, h.clock.Now())
		var res BatchResult
		for _, id := range ids {
			item, ok, err := tagOne(ctx, r, b, id, edit)
			if err != nil {
				return BatchResult{}, err
			}
			if !ok {
				continue
			}
			b.Items = append(b.Items, item)
			res.Tags.Add = union(res.Tags.Add, item.TagsAdded)
			res.Tags.Remove = union(res.Tags.Remove, item.TagsRemoved)
		}
		return recordBatch(ctx, r, b, len(ids), res)
	})
}

// tagOne changes the tags of one selected file as edit says and returns what it did; false when
// it passes the file over (gone, in the trash, unchanged, or it would carry too many).
func tagOne(ctx context.Context, r Repos, b domain.Batch, id int64, edit domain.TagEdit) (domain.BatchItem, bool, error) {
	f, err := ownedFile(ctx, r, b.OwnerID, id)
	if gone(err) {
		return domain.BatchItem{}, false, nil
	}
	if err != nil || !b.Applies(f) {
		return domain.BatchItem{}, false, err
	}
	have, err := r.Tags.OfFile(ctx, b.OwnerID, f.ID)
	if err != nil {
		return domain.BatchItem{}, false, err
	}
	add, remove, err := domain.TagChange(tagNames(have), edit)
	if err != nil || len(add)+len(remove) == 0 {
		return domain.BatchItem{}, false, nil // too many for this file, or nothing to change
	}
	if err := r.Tags.Remove(ctx, b.OwnerID, f.ID, remove); err != nil {
		return domain.BatchItem{}, false, err
	}
	if err := r.Tags.Add(ctx, b.OwnerID, f.ID, add, b.At); err != nil {
		return domain.BatchItem{}, false, err
	}
	return domain.BatchItem{FileID: f.ID, CategoryID: f.CategoryID, DeletedAt: f.DeletedAt, TagsAdded: add, TagsRemoved: remove}, true, nil
}

// untagOne undoes a tag batch's item on f: the tags it put on come off, those it took off go
// back (as many as fit).
func untagOne(ctx context.Context, r Repos, f domain.File, item domain.BatchItem, clock Clock) error {
	if err := r.Tags.Remove(ctx, f.OwnerID, f.ID, item.TagsAdded); err != nil {
		return err
	}
	return addTags(ctx, r, f, item.TagsRemoved, clock, true)
}

func tagNames(tags []domain.Tag) []string {
	names := make([]string, len(tags))
	for i, t := range tags {
		names[i] = t.Name
	}
	return names
}

// union is a with the names of b it lacks, in order.
func union(a, b []string) []string {
	for _, n := range b {
		if !slices.Contains(a, n) {
			a = append(a, n)
		}
	}
	return a
}
