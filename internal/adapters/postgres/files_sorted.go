package postgres

// Code written out from one pattern per query of db/queries/files_sorted.sql and
// file_tags_sorted.sql: each entry maps the arguments every list shares to its query's own.

import (
	"context"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// sortedQueries are the keyset queries of the orders with a key of their own (name, size), and
// those of a tag's files in every order, by list, order and direction.
var sortedQueries = map[sortedKey]sortedQuery{
	{listAll, domain.SortName, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListFilesByNameAfter(ctx, sqlcgen.ListFilesByNameAfterParams{OwnerID: a.owner, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listAll, domain.SortName, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListFilesByNameBefore(ctx, sqlcgen.ListFilesByNameBeforeParams{OwnerID: a.owner, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listAll, domain.SortSize, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListFilesBySizeAfter(ctx, sqlcgen.ListFilesBySizeAfterParams{OwnerID: a.owner, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listAll, domain.SortSize, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListFilesBySizeBefore(ctx, sqlcgen.ListFilesBySizeBeforeParams{OwnerID: a.owner, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listKind, domain.SortName, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListFilesOfKindByNameAfter(ctx, sqlcgen.ListFilesOfKindByNameAfterParams{OwnerID: a.owner, Kind: a.kindName, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listKind, domain.SortName, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListFilesOfKindByNameBefore(ctx, sqlcgen.ListFilesOfKindByNameBeforeParams{OwnerID: a.owner, Kind: a.kindName, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listKind, domain.SortSize, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListFilesOfKindBySizeAfter(ctx, sqlcgen.ListFilesOfKindBySizeAfterParams{OwnerID: a.owner, Kind: a.kindName, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listKind, domain.SortSize, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListFilesOfKindBySizeBefore(ctx, sqlcgen.ListFilesOfKindBySizeBeforeParams{OwnerID: a.owner, Kind: a.kindName, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listCategory, domain.SortName, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListCategoryFilesByNameAfter(ctx, sqlcgen.ListCategoryFilesByNameAfterParams{OwnerID: a.owner, CategoryID: a.categoryID, Kind: a.kind, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listCategory, domain.SortName, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListCategoryFilesByNameBefore(ctx, sqlcgen.ListCategoryFilesByNameBeforeParams{OwnerID: a.owner, CategoryID: a.categoryID, Kind: a.kind, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listCategory, domain.SortSize, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListCategoryFilesBySizeAfter(ctx, sqlcgen.ListCategoryFilesBySizeAfterParams{OwnerID: a.owner, CategoryID: a.categoryID, Kind: a.kind, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listCategory, domain.SortSize, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListCategoryFilesBySizeBefore(ctx, sqlcgen.ListCategoryFilesBySizeBeforeParams{OwnerID: a.owner, CategoryID: a.categoryID, Kind: a.kind, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listUncategorised, domain.SortName, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListUncategorisedFilesByNameAfter(ctx, sqlcgen.ListUncategorisedFilesByNameAfterParams{OwnerID: a.owner, Kind: a.kind, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listUncategorised, domain.SortName, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListUncategorisedFilesByNameBefore(ctx, sqlcgen.ListUncategorisedFilesByNameBeforeParams{OwnerID: a.owner, Kind: a.kind, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listUncategorised, domain.SortSize, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListUncategorisedFilesBySizeAfter(ctx, sqlcgen.ListUncategorisedFilesBySizeAfterParams{OwnerID: a.owner, Kind: a.kind, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listUncategorised, domain.SortSize, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListUncategorisedFilesBySizeBefore(ctx, sqlcgen.ListUncategorisedFilesBySizeBeforeParams{OwnerID: a.owner, Kind: a.kind, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listTrashed, domain.SortName, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTrashedFilesByNameAfter(ctx, sqlcgen.ListTrashedFilesByNameAfterParams{OwnerID: a.owner, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listTrashed, domain.SortName, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTrashedFilesByNameBefore(ctx, sqlcgen.ListTrashedFilesByNameBeforeParams{OwnerID: a.owner, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listTrashed, domain.SortSize, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTrashedFilesBySizeAfter(ctx, sqlcgen.ListTrashedFilesBySizeAfterParams{OwnerID: a.owner, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listTrashed, domain.SortSize, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTrashedFilesBySizeBefore(ctx, sqlcgen.ListTrashedFilesBySizeBeforeParams{OwnerID: a.owner, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listSearch, domain.SortName, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListSearchFilesByNameAfter(ctx, sqlcgen.ListSearchFilesByNameAfterParams{OwnerID: a.owner, Pattern: a.pattern, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listSearch, domain.SortName, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListSearchFilesByNameBefore(ctx, sqlcgen.ListSearchFilesByNameBeforeParams{OwnerID: a.owner, Pattern: a.pattern, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listSearch, domain.SortSize, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListSearchFilesBySizeAfter(ctx, sqlcgen.ListSearchFilesBySizeAfterParams{OwnerID: a.owner, Pattern: a.pattern, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listSearch, domain.SortSize, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListSearchFilesBySizeBefore(ctx, sqlcgen.ListSearchFilesBySizeBeforeParams{OwnerID: a.owner, Pattern: a.pattern, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listPrefix, domain.SortName, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListSearchFilesByPrefixByNameAfter(ctx, sqlcgen.ListSearchFilesByPrefixByNameAfterParams{OwnerID: a.owner, Pattern: a.pattern, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listPrefix, domain.SortName, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListSearchFilesByPrefixByNameBefore(ctx, sqlcgen.ListSearchFilesByPrefixByNameBeforeParams{OwnerID: a.owner, Pattern: a.pattern, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listPrefix, domain.SortSize, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListSearchFilesByPrefixBySizeAfter(ctx, sqlcgen.ListSearchFilesByPrefixBySizeAfterParams{OwnerID: a.owner, Pattern: a.pattern, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listPrefix, domain.SortSize, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListSearchFilesByPrefixBySizeBefore(ctx, sqlcgen.ListSearchFilesByPrefixBySizeBeforeParams{OwnerID: a.owner, Pattern: a.pattern, Kind: a.kind, CategoryID: a.category, Uncategorised: a.uncategorised, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listTag, domain.SortName, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTagFilesByNameAfter(ctx, sqlcgen.ListTagFilesByNameAfterParams{OwnerID: a.owner, TagID: a.tag, Kind: a.kind, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listTag, domain.SortName, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTagFilesByNameBefore(ctx, sqlcgen.ListTagFilesByNameBeforeParams{OwnerID: a.owner, TagID: a.tag, Kind: a.kind, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listTag, domain.SortSize, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTagFilesBySizeAfter(ctx, sqlcgen.ListTagFilesBySizeAfterParams{OwnerID: a.owner, TagID: a.tag, Kind: a.kind, CursorID: a.cursor, First: a.first, MaxRows: a.limit})
	},
	{listTag, domain.SortSize, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTagFilesBySizeBefore(ctx, sqlcgen.ListTagFilesBySizeBeforeParams{OwnerID: a.owner, TagID: a.tag, Kind: a.kind, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listTag, domain.SortNewest, false}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTagFilesAfter(ctx, sqlcgen.ListTagFilesAfterParams{OwnerID: a.owner, TagID: a.tag, Kind: a.kind, CursorID: a.cursor, MaxRows: a.limit})
	},
	{listTag, domain.SortNewest, true}: func(ctx context.Context, q *sqlcgen.Queries, a sortedArgs) ([]sqlcgen.File, error) {
		return q.ListTagFilesBefore(ctx, sqlcgen.ListTagFilesBeforeParams{OwnerID: a.owner, TagID: a.tag, Kind: a.kind, CursorID: a.cursor, MaxRows: a.limit})
	},
}
