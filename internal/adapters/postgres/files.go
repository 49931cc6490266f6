package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// FileRepository implements app.FileRepository over PostgreSQL.
type FileRepository struct {
	q *sqlcgen.Queries
	// find runs the searches, each planned with its pattern (see customPlans).
	find *sqlcgen.Queries
}

// newFileRepository returns the file repository over db, a transaction.
func newFileRepository(db sqlcgen.DBTX) FileRepository {
	return FileRepository{q: sqlcgen.New(db), find: sqlcgen.New(customPlans{db: db})}
}

// Save inserts f unless its owner already keeps a file with the same UniqueID; then only the
// stored TelegramFileID is refreshed, and the caption replaced when f has one. The duplicate is resolved by ON CONFLICT, so it never
// aborts the transaction.
func (r FileRepository) Save(ctx context.Context, f domain.File) (domain.File, bool, error) {
	row, err := r.q.InsertOrRefreshFile(ctx, sqlcgen.InsertOrRefreshFileParams{
		OwnerID:        f.OwnerID,
		TelegramFileID: f.TelegramFileID,
		FileUniqueID:   f.UniqueID,
		Name:           f.Name,
		MimeType:       f.MIMEType,
		Size:           f.Size,
		Kind:           string(f.Kind),
		Carrier:        string(f.Carrier),
		CategoryID:     f.CategoryID,
		Caption:        f.Caption,
		CreatedAt:      f.CreatedAt,
		DeletedAt:      f.DeletedAt,
		RenamePending:  f.RenamePending,
		BotID:          botOf(f),
		OriginKind:     string(f.Origin.Kind),
		OriginName:     f.Origin.Name,
		OriginDate:     originDate(f.Origin),
	})
	if err != nil {
		return domain.File{}, false, fmt.Errorf("save file %q of user %d: %w", f.UniqueID, f.OwnerID, interpretError(err))
	}
	stored, err := toDomainFile(sqlcgen.File{
		ID: row.ID, OwnerID: row.OwnerID, TelegramFileID: row.TelegramFileID, FileUniqueID: row.FileUniqueID,
		Name: row.Name, MimeType: row.MimeType, Size: row.Size, Kind: row.Kind, Carrier: row.Carrier, CategoryID: row.CategoryID,
		Caption: row.Caption, CreatedAt: row.CreatedAt, DeletedAt: row.DeletedAt, RenamePending: row.RenamePending,
		BotID: row.BotID, StorageChatID: row.StorageChatID, StorageMessageID: row.StorageMessageID,
		OriginKind: row.OriginKind, OriginName: row.OriginName, OriginDate: row.OriginDate,
	})
	if err != nil {
		return domain.File{}, false, fmt.Errorf("save file %q of user %d: %w", f.UniqueID, f.OwnerID, err)
	}
	return stored, row.Created, nil
}

// Get returns the owner's file with that id: domain.ErrForbidden if it is someone else's,
// domain.ErrNotFound if there is none. The owner is in the query: another owner's row is never read.
func (r FileRepository) Get(ctx context.Context, ownerID, id int64) (domain.File, error) {
	row, err := r.q.GetFile(ctx, sqlcgen.GetFileParams{ID: id, OwnerID: ownerID})
	if errors.Is(err, pgx.ErrNoRows) {
		err = notOwned(ctx, r.q.FileExists, id)
	}
	if err != nil {
		return domain.File{}, fmt.Errorf("get file %d of user %d: %w", id, ownerID, interpretError(err))
	}
	f, err := toDomainFile(row)
	if err != nil {
		return domain.File{}, fmt.Errorf("get file %d: %w", id, err)
	}
	return f, nil
}

// List returns a page of files as app.FileQuery describes, by keyset: no OFFSET.
func (r FileRepository) List(ctx context.Context, q app.FileQuery) ([]domain.File, error) {
	rows, err := r.listRows(ctx, q)
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
	}
	page := keyset{after: q.AfterID, before: q.BeforeID, limit: int32(min(q.Limit, math.MaxInt32))}
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

// keyset is the position and size of a page: the ids below after, or (when before > 0) the ids
// above before.
type keyset struct {
	after, before int64
	limit         int32
}

// listLive lists every live file or those of one kind: the hot paths, each with its own index.
func (r FileRepository) listLive(ctx context.Context, q app.FileQuery, p keyset) ([]sqlcgen.File, error) {
	switch {
	case p.before > 0 && q.Kind == "":
		return r.q.ListFilesBefore(ctx, sqlcgen.ListFilesBeforeParams{OwnerID: q.OwnerID, BeforeID: p.before, MaxRows: p.limit})
	case p.before > 0:
		return r.q.ListFilesByKindBefore(ctx, sqlcgen.ListFilesByKindBeforeParams{OwnerID: q.OwnerID, Kind: string(q.Kind), BeforeID: p.before, MaxRows: p.limit})
	case q.Kind == "":
		return r.q.ListFilesAfter(ctx, sqlcgen.ListFilesAfterParams{OwnerID: q.OwnerID, AfterID: p.after, MaxRows: p.limit})
	default:
		return r.q.ListFilesByKindAfter(ctx, sqlcgen.ListFilesByKindAfterParams{OwnerID: q.OwnerID, Kind: string(q.Kind), AfterID: p.after, MaxRows: p.limit})
	}
}

func (r FileRepository) listByCategory(ctx context.Context, q app.FileQuery, p keyset) ([]sqlcgen.File, error) {
	if p.before > 0 {
		return r.q.ListFilesByCategoryBefore(ctx, sqlcgen.ListFilesByCategoryBeforeParams{
			OwnerID: q.OwnerID, CategoryID: q.CategoryID, Kind: optionalKind(q.Kind), BeforeID: p.before, MaxRows: p.limit,
		})
	}
	return r.q.ListFilesByCategoryAfter(ctx, sqlcgen.ListFilesByCategoryAfterParams{
		OwnerID: q.OwnerID, CategoryID: q.CategoryID, Kind: optionalKind(q.Kind), AfterID: p.after, MaxRows: p.limit,
	})
}

func (r FileRepository) listUncategorised(ctx context.Context, q app.FileQuery, p keyset) ([]sqlcgen.File, error) {
	if p.before > 0 {
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
	if p.before > 0 {
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

// CountByKind counts an owner's live files per kind; kinds without files are absent.
func (r FileRepository) CountByKind(ctx context.Context, ownerID int64) (map[domain.Kind]int, error) {
	rows, err := r.q.CountFilesByKind(ctx, ownerID)
	if err != nil {
		return nil, fmt.Errorf("count files of user %d: %w", ownerID, interpretError(err))
	}
	counts := make(map[domain.Kind]int, len(rows))
	for _, row := range rows {
		counts[domain.Kind(row.Kind)] = int(row.Files)
	}
	return counts, nil
}

// toDomainFile rebuilds a file from its row; a kind the domain does not know is an error.
func toDomainFile(row sqlcgen.File) (domain.File, error) {
	kind, carrier := domain.Kind(row.Kind), domain.Kind(row.Carrier)
	if !kind.Valid() || !carrier.Valid() {
		return domain.File{}, fmt.Errorf("file %d has unknown kind %q or carrier %q", row.ID, row.Kind, row.Carrier)
	}
	return domain.File{
		ID:             row.ID,
		OwnerID:        row.OwnerID,
		TelegramFileID: row.TelegramFileID,
		UniqueID:       row.FileUniqueID,
		Name:           row.Name,
		MIMEType:       row.MimeType,
		Size:           row.Size,
		Kind:           kind,
		Carrier:        carrier,
		CategoryID:     row.CategoryID,
		Caption:        row.Caption,
		CreatedAt:      row.CreatedAt,
		DeletedAt:      row.DeletedAt,
		RenamePending:  row.RenamePending,
		BotID:          deref(row.BotID),
		Copy:           domain.StorageCopy{ChatID: deref(row.StorageChatID), MessageID: deref(row.StorageMessageID)},
		Origin:         toDomainOrigin(row),
	}, nil
}

// botOf is the file's bot as stored: NULL when not recorded.
func botOf(f domain.File) *int64 {
	if f.BotID == 0 {
		return nil
	}
	return &f.BotID
}

func deref(n *int64) int64 {
	if n == nil {
		return 0
	}
	return *n
}

func toDomainOrigin(row sqlcgen.File) domain.Origin {
	if row.OriginKind == "" || row.OriginDate == nil {
		return domain.Origin{}
	}
	return domain.Origin{Kind: domain.OriginKind(row.OriginKind), Name: row.OriginName, Date: row.OriginDate.UTC()}
}

// originDate is a file's origin date as stored: NULL for a file not forwarded.
func originDate(o domain.Origin) *time.Time {
	if !o.Forwarded() {
		return nil
	}
	return &o.Date
}

// SetCaption stores the caption of the owner's file, or returns domain.ErrNotFound.
func (r FileRepository) SetCaption(ctx context.Context, ownerID, id int64, caption string) error {
	n, err := r.q.SetFileCaption(ctx, sqlcgen.SetFileCaptionParams{ID: id, OwnerID: ownerID, Caption: caption})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("set caption of file %d: %w", id, interpretError(err))
	}
	return nil
}

// notOwned explains why a read by id and owner found no row: domain.ErrForbidden when a row of
// that id exists (someone else's; only its existence is read), domain.ErrNotFound otherwise.
func notOwned(ctx context.Context, exists func(ctx context.Context, id int64) (bool, error), id int64) error {
	found, err := exists(ctx, id)
	switch {
	case err != nil:
		return err
	case found:
		return domain.ErrForbidden
	}
	return domain.ErrNotFound
}

// CountUncategorised counts an owner's live files in no category.
func (r FileRepository) CountUncategorised(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.CountUncategorisedFiles(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("count uncategorised files of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// CountTrashed counts an owner's files in the trash.
func (r FileRepository) CountTrashed(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.CountTrashedFiles(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("count trashed files of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// Update stores f's Name, CategoryID, DeletedAt and RenamePending if f.OwnerID keeps the file, or
// returns domain.ErrNotFound. A category
// that does not exist is refused by its foreign key, which aborts the transaction: the use case
// checks the category first.
func (r FileRepository) Update(ctx context.Context, f domain.File) error {
	n, err := r.q.UpdateFile(ctx, sqlcgen.UpdateFileParams{
		ID:         f.ID,
		OwnerID:    f.OwnerID,
		Name:       f.Name,
		CategoryID: f.CategoryID,
		DeletedAt:  f.DeletedAt,

		RenamePending: f.RenamePending,
	})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("update file %d: %w", f.ID, interpretError(err))
	}
	return nil
}

// ReplaceTelegramFileID records the file id of the file uploaded again under its name, unless
// the stored id is no longer oldID; it reports whether it was replaced.
func (r FileRepository) ReplaceTelegramFileID(ctx context.Context, ownerID, id int64, oldID, newID string) (bool, error) {
	n, err := r.q.ReplaceTelegramFileID(ctx, sqlcgen.ReplaceTelegramFileIDParams{ID: id, OwnerID: ownerID, OldFileID: oldID, NewFileID: newID})
	if err != nil {
		return false, fmt.Errorf("replace the telegram file id of file %d: %w", id, interpretError(err))
	}
	return n == 1, nil
}

// Delete removes the owner's file for good, or returns domain.ErrNotFound.
func (r FileRepository) Delete(ctx context.Context, ownerID, id int64) error {
	n, err := r.q.DeleteFile(ctx, sqlcgen.DeleteFileParams{ID: id, OwnerID: ownerID})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("delete file %d: %w", id, interpretError(err))
	}
	return nil
}

// PurgeTrashed deletes for good at most limit files trashed before cutoff, the longest trashed
// first, and returns how many it deleted. Files another transaction is purging are skipped, not
// waited for (FOR UPDATE SKIP LOCKED): concurrent purges share the work, each file deleted once.
func (r FileRepository) PurgeTrashed(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("purge trashed files: limit %d is not positive", limit)
	}
	n, err := r.q.PurgeTrashedFiles(ctx, sqlcgen.PurgeTrashedFilesParams{
		Cutoff:  cutoff,
		MaxRows: int32(min(limit, math.MaxInt32)),
	})
	if err != nil {
		return 0, fmt.Errorf("purge files trashed before %s: %w", cutoff.Format(time.RFC3339), interpretError(err))
	}
	return int(n), nil
}

// EmptyTrash deletes for good every file in the owner's trash and returns how many it deleted.
func (r FileRepository) EmptyTrash(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.EmptyTrash(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("empty the trash of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// CountList counts the files the list q selects, its paging aside: the total from file_counts,
// and, when newerThan > 0, those newer than newerThan by counting them.
func (r FileRepository) CountList(ctx context.Context, q app.FileQuery, newerThan int64) (total, newer int, err error) {
	switch {
	case q.CategoryID > 0 && q.Uncategorised:
		return 0, 0, errors.New("count files: both CategoryID and Uncategorised are set")
	case q.Search != "":
		return 0, 0, errors.New("count files: a search is not counted")
	}
	n, err := r.q.CountFileList(ctx, sqlcgen.CountFileListParams{
		OwnerID: q.OwnerID, Trashed: q.Trashed, Kind: optionalKind(q.Kind),
		CategoryID: optionalCategory(q.CategoryID), Uncategorised: q.Uncategorised,
	})
	if err == nil && newerThan > 0 {
		var m int64
		m, err = r.q.CountNewerInList(ctx, sqlcgen.CountNewerInListParams{
			NewerThan: newerThan, OwnerID: q.OwnerID, Trashed: q.Trashed, Kind: optionalKind(q.Kind),
			CategoryID: optionalCategory(q.CategoryID), Uncategorised: q.Uncategorised,
		})
		newer = int(m)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("count files of user %d: %w", q.OwnerID, interpretError(err))
	}
	return int(n), newer, nil
}

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
	if p.before > 0 {
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
