package postgres

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ByUniqueID returns the owner's file, live or trashed, with that Telegram file_unique_id, or
// domain.ErrNotFound.
func (r FileRepository) ByUniqueID(ctx context.Context, ownerID int64, uniqueID string) (domain.File, error) {
	row, err := r.q.GetFileByUniqueID(ctx, sqlcgen.GetFileByUniqueIDParams{OwnerID: ownerID, FileUniqueID: uniqueID})
	if err != nil {
		return domain.File{}, fmt.Errorf("file %q of user %d: %w", uniqueID, ownerID, interpretError(err))
	}
	f, err := toDomainFile(row)
	if err != nil {
		return domain.File{}, fmt.Errorf("file %q of user %d: %w", uniqueID, ownerID, err)
	}
	return f, nil
}

// Usage tells how many files and bytes the owner keeps, the trash included, and per kind how many
// live ones. One query gives a row per kind and state; they are added up here.
func (r FileRepository) Usage(ctx context.Context, ownerID int64) (domain.Usage, error) {
	rows, err := r.q.FileUsage(ctx, ownerID)
	if err != nil {
		return domain.Usage{}, fmt.Errorf("usage of user %d: %w", ownerID, interpretError(err))
	}
	u := domain.Usage{ByKind: make(map[domain.Kind]domain.KindUsage, len(rows))}
	for _, row := range rows {
		u.Add(domain.Kind(row.Kind), int(row.Files), row.Bytes, row.Live)
	}
	return u, nil
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
	case short && p.before > 0:
		return r.find.SearchFilesByPrefixBefore(ctx, sqlcgen.SearchFilesByPrefixBeforeParams{
			OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			BeforeID: p.before, MaxRows: p.limit,
		})
	case short:
		return r.find.SearchFilesByPrefixAfter(ctx, sqlcgen.SearchFilesByPrefixAfterParams{
			OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			AfterID: p.after, MaxRows: p.limit,
		})
	case p.before > 0:
		return r.find.SearchFilesBefore(ctx, sqlcgen.SearchFilesBeforeParams{
			OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			BeforeID: p.before, MaxRows: p.limit,
		})
	default:
		return r.find.SearchFilesAfter(ctx, sqlcgen.SearchFilesAfterParams{
			OwnerID: q.OwnerID, Pattern: pattern, Kind: kind, CategoryID: category, Uncategorised: q.Uncategorised,
			AfterID: p.after, MaxRows: p.limit,
		})
	}
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

// customPlans runs sqlc queries as unnamed statements (pgx.QueryExecModeExec), which PostgreSQL
// plans with the values of their parameters every time. A search needs that: only a plan that
// sees the pattern can tell a rare word (the trigram indexes) from a common one (the owner's
// newest files, stopping at the page's end), and only it turns a short prefix into an index range.
// A cached statement falls back to a generic plan after five runs, blind to the pattern.
type customPlans struct {
	db sqlcgen.DBTX
}

func (c customPlans) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return c.db.Exec(ctx, sql, append([]any{pgx.QueryExecModeExec}, args...)...)
}

func (c customPlans) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return c.db.Query(ctx, sql, append([]any{pgx.QueryExecModeExec}, args...)...)
}

func (c customPlans) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return c.db.QueryRow(ctx, sql, append([]any{pgx.QueryExecModeExec}, args...)...)
}

// clampInt32 is n as an int4 parameter, saturated rather than wrapped: an out-of-range value
// stays out of range, for the table's CHECKs to refuse.
func clampInt32(n int) int32 {
	return int32(min(max(n, math.MinInt32), math.MaxInt32))
}
