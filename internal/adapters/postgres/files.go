package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"

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
	})
	if err != nil {
		return domain.File{}, false, fmt.Errorf("save file %q of user %d: %w", f.UniqueID, f.OwnerID, interpretError(err))
	}
	stored, err := toDomainFile(sqlcgen.File{
		ID: row.ID, OwnerID: row.OwnerID, TelegramFileID: row.TelegramFileID, FileUniqueID: row.FileUniqueID,
		Name: row.Name, MimeType: row.MimeType, Size: row.Size, Kind: row.Kind, Carrier: row.Carrier, CategoryID: row.CategoryID,
		Caption: row.Caption, CreatedAt: row.CreatedAt, DeletedAt: row.DeletedAt, RenamePending: row.RenamePending,
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
	}, nil
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
