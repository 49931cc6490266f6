package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// The lists of files: a page in any order of any list, by keyset, and what a list counts.

// List returns a page of files as app.FileQuery describes, by keyset: no OFFSET.
func (r FileRepository) List(ctx context.Context, q app.FileQuery) ([]domain.File, error) {
	r.readCountAhead(ctx, q)
	rows, err := r.listRows(ctx, q)
	r.s.sealAhead()
	if err != nil {
		return nil, fmt.Errorf("list files of user %d: %w", q.OwnerID, err)
	}
	files := make([]domain.File, 0, len(rows))
	for _, row := range rows {
		f, err := toDomainFile(row)
		if err != nil {
			return nil, fmt.Errorf("list files of user %d: %w", q.OwnerID, err)
		}
		files = append(files, f)
	}
	return files, nil
}

func (r FileRepository) listRows(ctx context.Context, q app.FileQuery) ([]sqlcgen.File, error) {
	switch {
	case q.Limit <= 0:
		return nil, fmt.Errorf("limit %d is not positive", q.Limit)
	case q.AfterID > 0 && q.BeforeID > 0:
		return nil, errors.New("both AfterID and BeforeID are set")
	case q.CategoryID > 0 && q.Uncategorised:
		return nil, errors.New("both CategoryID and Uncategorised are set")
	case q.Sort != "" && !q.Sort.Valid():
		return nil, fmt.Errorf("unknown order %q", q.Sort)
	}
	if (q.Search != "" || q.TagID > 0) && (q.Trashed || strings.ContainsRune(q.Search, 0)) {
		// The trash is never searched nor listed by tag, and no text column can hold a NUL.
		return nil, nil
	}
	order := q.Sort.Or(domain.SortNewest)
	if q.TagID > 0 || order == domain.SortName || order == domain.SortSize {
		rows, err := r.listSorted(ctx, q, order)
		return rows, interpretError(err)
	}
	page := keyset{after: q.AfterID, before: q.BeforeID, up: q.BeforeID > 0, limit: int32(min(q.Limit, math.MaxInt32))}
	if order == domain.SortOldest {
		// The oldest first is the newest first walked the other way: the page after a file is
		// the newest-first page before it, and the first page the one above every id (0).
		page = keyset{after: q.BeforeID, before: q.AfterID, up: q.BeforeID == 0, limit: page.limit}
	}
	if page.after <= 0 {
		page.after = math.MaxInt64 // the first page: every id is below it
	}
	var rows []sqlcgen.File
	var err error
	switch {
	case q.Search != "":
		rows, err = r.search(ctx, q, page)
	case q.Trashed:
		rows, err = r.listTrashed(ctx, q, page)
	case q.CategoryID > 0:
		rows, err = r.listByCategory(ctx, q, page)
	case q.Uncategorised:
		rows, err = r.listUncategorised(ctx, q, page)
	default:
		rows, err = r.listLive(ctx, q, page)
	}
	return rows, interpretError(err)
}

// sortedList names a list of sortedQueries.
type sortedList int

const (
	listAll sortedList = iota
	listKind
	listCategory
	listUncategorised
	listTrashed
	listSearch
	listPrefix
	listTag
)

// sortedKey picks a query of sortedQueries: the list, the order, and whether it is the page
// before the cursor.
type sortedKey struct {
	list   sortedList
	order  domain.SortOrder
	before bool
}

// sortedArgs are the arguments of every query of sortedQueries; each takes those it needs.
type sortedArgs struct {
	owner, categoryID, tag int64
	kindName, pattern      string
	kind                   *string
	category               *int64
	uncategorised, first   bool
	cursor                 int64
	limit                  int32
}

type sortedQuery func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error)

// listSorted lists by name or size, or a tag's files in any order: the page after (or before)
// the cursor file's key, on the index of the list and order.
func (r FileRepository) listSorted(ctx context.Context, q app.FileQuery, order domain.SortOrder) ([]sqlcgen.File, error) {
	a := sortedArgs{
		owner: q.OwnerID, categoryID: q.CategoryID, tag: q.TagID, kindName: string(q.Kind),
		kind: optionalKind(q.Kind), category: optionalCategory(q.CategoryID), uncategorised: q.Uncategorised,
		cursor: q.AfterID, limit: int32(min(q.Limit, math.MaxInt32)),
	}
	key := sortedKey{list: sortedListOf(q), order: order, before: q.BeforeID > 0}
	if key.before {
		a.cursor = q.BeforeID
	}
	first := q.AfterID == 0 && q.BeforeID == 0
	switch {
	case order == domain.SortOldest: // a tag's files: the newest first walked the other way
		key.order, key.before = domain.SortNewest, !key.before
	case first && order == domain.SortNewest:
		a.cursor = math.MaxInt64
	case first && order == domain.SortSize:
		a.cursor, a.first = math.MaxInt64, true
	case first:
		a.first = true
	}
	run := sortedQueries[key]
	db := r.q
	if key.list == listTag {
		// A cached generic plan takes a tag for a handful of files and sorts the whole tag: a
		// custom plan sees the tag and walks its index in order, stopping at the page's end.
		db = r.find
	}
	if q.Search != "" {
		a.pattern, db = likePattern(q.Search, q.SearchPrefix), r.find
		if key.list == listPrefix {
			a.pattern = likePattern(q.Search, true)
		}
	}
	return run(ctx, db, a)
}

// sortedListOf is the list of sortedQueries that q pages through.
func sortedListOf(q app.FileQuery) sortedList {
	switch {
	case q.TagID > 0:
		return listTag
	case q.Search != "" && q.SearchPrefix && utf8.RuneCountInString(q.Search) <= prefixIndexRunes:
		return listPrefix
	case q.Search != "":
		return listSearch
	case q.Trashed:
		return listTrashed
	case q.CategoryID > 0:
		return listCategory
	case q.Uncategorised:
		return listUncategorised
	case q.Kind != "":
		return listKind
	}
	return listAll
}

// keyset is the position and size of a page: the ids below after, descending, or (up) the ids
// above before, ascending.
type keyset struct {
	after, before int64
	up            bool
	limit         int32
}

// listLive lists every live file or those of one kind: the hot paths, each with its own index.
func (r FileRepository) listLive(ctx context.Context, q app.FileQuery, p keyset) ([]sqlcgen.File, error) {
	switch {
	case p.up && q.Kind == "":
		return r.q.ListFilesBefore(ctx, sqlcgen.ListFilesBeforeParams{OwnerID: q.OwnerID, BeforeID: p.before, MaxRows: p.limit})
	case p.up:
		return r.q.ListFilesByKindBefore(ctx, sqlcgen.ListFilesByKindBeforeParams{OwnerID: q.OwnerID, Kind: string(q.Kind), BeforeID: p.before, MaxRows: p.limit})
	case q.Kind == "":
		return r.q.ListFilesAfter(ctx, sqlcgen.ListFilesAfterParams{OwnerID: q.OwnerID, AfterID: p.after, MaxRows: p.limit})
	default:
		return r.q.ListFilesByKindAfter(ctx, sqlcgen.ListFilesByKindAfterParams{OwnerID: q.OwnerID, Kind: string(q.Kind), AfterID: p.after, MaxRows: p.limit})
	}
}

func (r FileRepository) listByCategory(ctx context.Context, q app.FileQuery, p keyset) ([]sqlcgen.File, error) {
	if p.up {
		return r.q.ListFilesByCategoryBefore(ctx, sqlcgen.ListFilesByCategoryBeforeParams{
			OwnerID: q.OwnerID, CategoryID: q.CategoryID, Kind: optionalKind(q.Kind), BeforeID: p.before, MaxRows: p.limit,
		})
	}
	return r.q.ListFilesByCategoryAfter(ctx, sqlcgen.ListFilesByCategoryAfterParams{
		OwnerID: q.OwnerID, CategoryID: q.CategoryID, Kind: optionalKind(q.Kind), AfterID: p.after, MaxRows: p.limit,
	})
}

func (r FileRepository) listUncategorised(ctx context.Context, q app.FileQuery, p keyset) ([]sqlcgen.File, error) {
	if p.up {
		return r.q.ListUncategorisedFilesBefore(ctx, sqlcgen.ListUncategorisedFilesBeforeParams{
			OwnerID: q.OwnerID, Kind: optionalKind(q.Kind), BeforeID: p.before, MaxRows: p.limit,
		})
	}
	return r.q.ListUncategorisedFilesAfter(ctx, sqlcgen.ListUncategorisedFilesAfterParams{
		OwnerID: q.OwnerID, Kind: optionalKind(q.Kind), AfterID: p.after, MaxRows: p.limit,
	})
}

func (r FileRepository) listTrashed(ctx context.Context, q app.FileQuery, p keyset) ([]sqlcgen.File, error) {
	category := optionalCategory(q.CategoryID)
	if p.up {
		return r.q.ListTrashedFilesBefore(ctx, sqlcgen.ListTrashedFilesBeforeParams{
			OwnerID: q.OwnerID, Kind: optionalKind(q.Kind), CategoryID: category, Uncategorised: q.Uncategorised,
			BeforeID: p.before, MaxRows: p.limit,
		})
	}
	return r.q.ListTrashedFilesAfter(ctx, sqlcgen.ListTrashedFilesAfterParams{
		OwnerID: q.OwnerID, Kind: optionalKind(q.Kind), CategoryID: category, Uncategorised: q.Uncategorised,
		AfterID: p.after, MaxRows: p.limit,
	})
}

// optionalKind is the kind filter of the queries where it is optional: NULL for every kind.
func optionalKind(k domain.Kind) *string {
	if k == "" {
		return nil
	}
	s := string(k)
	return &s
}

// optionalCategory is the category filter of the queries where it is optional: NULL for none.
func optionalCategory(id int64) *int64 {
	if id <= 0 {
		return nil
	}
	return &id
}

// prefixIndexRunes is the longest prefix the prefix indexes serve: the caption's one keeps its
// first 32 characters, and lowercasing may turn one character into up to three. Longer prefixes
// go to the trigram indexes, which take any LIKE pattern.
const prefixIndexRunes = 8

// search lists the live files matching q.Search as app.FileQuery describes.
func (r FileRepository) search(ctx context.Context, q app.FileQuery, p keyset) ([]sqlcgen.File, error) {
	if q.Trashed || strings.ContainsRune(q.Search, 0) {
		// The trash is never searched, and no text column can hold a NUL.
		return nil, nil
	}
	pattern := likePattern(q.Search, q.SearchPrefix)
	kind, category := optionalKind(q.Kind), optionalCategory(q.CategoryID)
	// Short prefixes have indexes of their own (LIKE 'ab%' becomes a range on them).
	short := q.SearchPrefix && utf8.RuneCountInString(q.Search) <= prefixIndexRunes
	switch {
	case short && p.up:
		return r.find.SearchFilesByPrefixBefore(ctx, sqlcgen.SearchFilesByPrefixBeforeParams{
			OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			BeforeID: p.before, MaxRows: p.limit,
		})
	case short:
		return r.find.SearchFilesByPrefixAfter(ctx, sqlcgen.SearchFilesByPrefixAfterParams{
			OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			AfterID: p.after, MaxRows: p.limit,
		})
	default:
		return r.searchWords(ctx, q, pattern, p)
	}
}

// searchWindow is how many of the owner's files past the cursor a search of words reads first
// (see SearchFilesRecentAfter in db/queries/files.sql): a page of a word in one file of 100 is
// found there.
const searchWindow = 1000

// searchWords finds a page of files matching pattern in two parts: among the owner's
// searchWindow files past the cursor, then, if the page is not full and the owner has more, past
// them with the trigram indexes.
func (r FileRepository) searchWords(ctx context.Context, q app.FileQuery, pattern string, p keyset) ([]sqlcgen.File, error) {
	kind, category := optionalKind(q.Kind), optionalCategory(q.CategoryID)
	if p.up {
		recent, err := r.find.SearchFilesRecentBefore(ctx, sqlcgen.SearchFilesRecentBeforeParams{
			OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			BeforeID: p.before, WindowSize: searchWindow, MaxRows: p.limit,
		})
		if err != nil || len(recent) == int(p.limit) {
			return recent, err
		}
		w, err := r.q.SearchWindowBefore(ctx, sqlcgen.SearchWindowBeforeParams{
			OwnerID: q.OwnerID, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			BeforeID: p.before, WindowSize: searchWindow,
		})
		if err != nil || w.Files < searchWindow {
			return recent, err
		}
		rest, err := r.find.SearchFilesBefore(ctx, sqlcgen.SearchFilesBeforeParams{
			OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			BeforeID: w.Edge, MaxRows: p.limit - int32(len(recent)),
		})
		return append(recent, rest...), err
	}
	recent, err := r.find.SearchFilesRecentAfter(ctx, sqlcgen.SearchFilesRecentAfterParams{
		OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
		AfterID: p.after, WindowSize: searchWindow, MaxRows: p.limit,
	})
	if err != nil || len(recent) == int(p.limit) {
		return recent, err
	}
	w, err := r.q.SearchWindowAfter(ctx, sqlcgen.SearchWindowAfterParams{
		OwnerID: q.OwnerID, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
		AfterID: p.after, WindowSize: searchWindow,
	})
	if err != nil || w.Files < searchWindow {
		return recent, err
	}
	rest, err := r.find.SearchFilesAfter(ctx, sqlcgen.SearchFilesAfterParams{
		OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
		AfterID: w.Edge, MaxRows: p.limit - int32(len(recent)),
	})
	return append(recent, rest...), err
}

// likeEscaper escapes what LIKE gives a meaning: its wildcards and its escape character, the
// backslash (the queries say ESCAPE '\').
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// likePattern is the LIKE pattern matching text that contains query (or, with prefix, starts
// with it), every character of query taken literally: "50%" gives `%50\%%`.
func likePattern(query string, prefix bool) string {
	escaped := likeEscaper.Replace(query) + "%"
	if prefix {
		return escaped
	}
	return "%" + escaped
}
