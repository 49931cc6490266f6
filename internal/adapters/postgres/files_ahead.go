package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// What the file repository reads ahead (readahead.go), and the keys it keeps the answers under.
type (
	tagsOf       struct{ owner, file int64 } // a file's tags, read with the file
	categoryOf   struct{ owner, file int64 } // a file's category, read with the file
	trashedOf    struct{ owner int64 }       // the trash's count, read with the counts by kind
	listCountsOf struct{ list listKey }      // a list's entries, read with its page
	// the owner's live files in no category, read with the list of categories
	uncategorisedOf struct{ owner int64 }
)

// listKey is what a list's count depends on.
type listKey struct {
	owner, category int64
	kind            domain.Kind
	trashed, uncat  bool
}

// readCardAhead queues the tags and the category of the owner's file, which its card shows.
func (r FileRepository) readCardAhead(ctx context.Context, ownerID, id int64) {
	if r.s == nil {
		return
	}
	tags := r.q.TagsOfFile(ctx, []sqlcgen.TagsOfFileParams{{FileID: id, OwnerID: ownerID}})
	r.s.readingAhead(tagsOf{ownerID, id}, func() (any, error) { return readTagsOfFile(tags) })
	category := r.q.CategoryOfFile(ctx, []sqlcgen.CategoryOfFileParams{{FileID: id, OwnerID: ownerID}})
	r.s.readingAhead(categoryOf{ownerID, id}, func() (any, error) {
		var c sqlcgen.Category
		var err error
		category.QueryRow(func(_ int, row sqlcgen.Category, e error) { c, err = row, e })
		return c, err // none (uncategorised): pgx.ErrNoRows, which no call takes
	})
}

// readTagsOfFile reads the answer of a queued TagsOfFile.
func readTagsOfFile(res *sqlcgen.TagsOfFileBatchResults) ([]sqlcgen.Tag, error) {
	var rows []sqlcgen.Tag
	var err error
	res.Query(func(_ int, got []sqlcgen.Tag, e error) { rows, err = got, e })
	return rows, err
}

// readTrashedAhead queues the count of the owner's trash, which the kinds menu shows with the
// counts by kind.
func (r FileRepository) readTrashedAhead(ctx context.Context, ownerID int64) {
	if r.s == nil {
		return
	}
	res := r.q.CountTrashedFiles(ctx, []int64{ownerID})
	r.s.readingAhead(trashedOf{ownerID}, func() (any, error) { return readCount(res.QueryRow) })
}

func (r FileRepository) countTrashed(ctx context.Context, ownerID int64) (int64, error) {
	if v, err, ok := r.s.aheadOf(trashedOf{ownerID}); ok {
		n, _ := v.(int64)
		return n, err
	}
	return readCount(r.q.CountTrashedFiles(ctx, []int64{ownerID}).QueryRow)
}

// readCount reads the answer of a queued count.
func readCount(queryRow func(func(int, int64, error))) (int64, error) {
	var n int64
	var err error
	queryRow(func(_ int, got int64, e error) { n, err = got, e })
	return n, err
}

// countable reports whether a list's entries are counted by countListEntries, and the key of
// the count.
func countable(q app.FileQuery) (listKey, bool) {
	ok := q.Search == "" && q.TagID == 0 && !(q.CategoryID > 0 && q.Uncategorised)
	return listKey{owner: q.OwnerID, category: q.CategoryID, kind: q.Kind, trashed: q.Trashed, uncat: q.Uncategorised}, ok
}

// readCountAhead queues the count of a list's entries with a page of it (not with a whole list
// read in batches).
func (r FileRepository) readCountAhead(ctx context.Context, q app.FileQuery) {
	key, ok := countable(q)
	if r.s == nil || !ok || q.Limit <= 0 || q.Limit > domain.MaxPageSize+1 {
		return
	}
	total, _ := r.queueListCounts(ctx, q, false)
	r.s.readingAhead(listCountsOf{key}, func() (any, error) { return readCount(total.QueryRow) })
	_, behind := r.queueListCounts(ctx, q, true)
	r.s.readingAhead(listCountsOf{key}, func() (any, error) { return readCount(behind.QueryRow) })
}

// queueListCounts queues one of a list's two counts: its files, or (behind) those behind their
// album's entry.
func (r FileRepository) queueListCounts(ctx context.Context, q app.FileQuery, behind bool) (*sqlcgen.CountFileListBatchResults, *sqlcgen.CountAlbumFilesBehindBatchResults) {
	if behind {
		return nil, r.q.CountAlbumFilesBehind(ctx, []sqlcgen.CountAlbumFilesBehindParams{{
			OwnerID: q.OwnerID, Trashed: q.Trashed, Kind: optionalKind(q.Kind),
			CategoryID: optionalCategory(q.CategoryID), Uncategorised: q.Uncategorised,
		}})
	}
	return r.q.CountFileList(ctx, []sqlcgen.CountFileListParams{{
		OwnerID: q.OwnerID, Trashed: q.Trashed, Kind: optionalKind(q.Kind),
		CategoryID: optionalCategory(q.CategoryID), Uncategorised: q.Uncategorised,
	}}), nil
}

// countListEntries counts a list's entries: its files, less those behind their album's entry
// (an album is one entry, whatever number of its files the list holds). Both counts travel
// together; read with the page, they are not read again.
func (r FileRepository) countListEntries(ctx context.Context, q app.FileQuery) (int64, error) {
	if key, ok := countable(q); ok {
		// Both were read ahead together, or neither is current.
		if v, err, ok := r.s.aheadOf(listCountsOf{key}); ok {
			if b, berr, ok := r.s.aheadOf(listCountsOf{key}); ok {
				return v.(int64) - b.(int64), errors.Join(err, berr)
			}
		}
	}
	if r.s == nil {
		total, _ := r.queueListCounts(ctx, q, false)
		n, err := readCount(total.QueryRow)
		if err != nil {
			return 0, err
		}
		_, behind := r.queueListCounts(ctx, q, true)
		b, err := readCount(behind.QueryRow)
		return n - b, err
	}
	var n, b int64
	var nerr, berr error
	total, behind := r.queueListCounts(ctx, q, false)
	r.s.p.WhenSent(func() error { n, nerr = readCount(total.QueryRow); return nil })
	_, behind = r.queueListCounts(ctx, q, true)
	r.s.p.WhenSent(func() error { b, berr = readCount(behind.QueryRow); return nil })
	if err := r.s.p.Flush(ctx); err != nil {
		return 0, err
	}
	return n - b, errors.Join(nerr, berr)
}

// sendWithCard sends the statement just queued, which read reads, with the tags and category
// of f read after it: the card a change of a file shows next.
func (r FileRepository) sendWithCard(ctx context.Context, f domain.File, read func() (int64, error)) (int64, error) {
	if r.s == nil {
		return read()
	}
	var n int64
	var err error
	r.s.p.WhenSent(func() error { n, err = read(); return nil })
	r.readCardAhead(ctx, f.OwnerID, f.ID)
	if ferr := r.s.p.Flush(ctx); ferr != nil && err == nil {
		err = ferr
	}
	r.s.sealAhead()
	return n, err
}

// queueUpdate leaves the update of a file this unit of work locked (GetForUpdate) in the queue:
// it cannot miss the row, so nothing waits for its count, and it travels with the next read or
// COMMIT. It changes no answer read ahead (the file's tags, a category's row): they stay current.
func (r FileRepository) queueUpdate(f domain.File, res *sqlcgen.UpdateFileBatchResults) error {
	r.s.p.WhenSent(func() error {
		var n int64
		var err error
		res.QueryRow(func(_ int, got int64, e error) { n, err = got, e })
		if err == nil && n != 1 {
			err = fmt.Errorf("update file %d: the locked row was not updated", f.ID)
		}
		return err
	})
	r.s.keepAhead(1)
	return nil
}
