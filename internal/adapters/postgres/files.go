package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// FileRepository implements app.FileRepository over PostgreSQL.
type FileRepository struct {
	q *sqlcgen.Queries
	// s is the unit of work's session, for reads ahead (readahead.go).
	s *session
	// find runs the searches, each planned with its pattern (see customPlans).
	find *sqlcgen.Queries
}

// newFileRepository returns the file repository over db, a transaction.
func newFileRepository(db sqlcgen.DBTX, s *session) FileRepository {
	return FileRepository{q: sqlcgen.New(db), find: sqlcgen.New(customPlans{db: db}), s: s}
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
	return r.get(ctx, ownerID, id, false)
}

// GetForUpdate is Get with the row locked until the unit of work ends: its Update cannot miss
// it, and so is not waited for (see Update).
func (r FileRepository) GetForUpdate(ctx context.Context, ownerID, id int64) (domain.File, error) {
	return r.get(ctx, ownerID, id, true)
}

func (r FileRepository) get(ctx context.Context, ownerID, id int64, lock bool) (domain.File, error) {
	if !lock {
		// Read already in this unit of work, nothing issued since that could change it.
		if v, _, ok := r.s.aheadOf(fileRead{ownerID, id}); ok {
			f := v.(domain.File)
			r.s.knownAhead(fileRead{ownerID, id}, f)
			return f, nil
		}
	}
	r.readCardAhead(ctx, ownerID, id)
	var row sqlcgen.File
	var err error
	if lock {
		row, err = r.q.GetFileForUpdate(ctx, sqlcgen.GetFileForUpdateParams{ID: id, OwnerID: ownerID})
	} else {
		row, err = r.q.GetFile(ctx, sqlcgen.GetFileParams{ID: id, OwnerID: ownerID})
	}
	r.s.sealAhead()
	if err == nil && lock {
		r.s.lockedFile(id)
	}
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
	r.s.knownAhead(fileRead{ownerID, id}, f)
	return f, nil
}

// fileRead keys a file read in the unit of work, for a later read of it.
type fileRead struct{ owner, id int64 }

// CountByKind counts an owner's live files per kind; kinds without files are absent.
func (r FileRepository) CountByKind(ctx context.Context, ownerID int64) (map[domain.Kind]int, error) {
	r.readTrashedAhead(ctx, ownerID)
	rows, err := r.q.CountFilesByKind(ctx, ownerID)
	r.s.sealAhead()
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
		AlbumID:        row.AlbumID,
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
	var n int64
	var err error
	if v, aerr, ok := r.s.aheadOf(uncategorisedOf{ownerID}); ok {
		n, _ = v.(int64)
		err = aerr
	} else {
		n, err = readCount(r.q.CountUncategorisedFiles(ctx, []int64{ownerID}).QueryRow)
	}
	if err != nil {
		return 0, fmt.Errorf("count uncategorised files of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// CountTrashed counts an owner's files in the trash.
func (r FileRepository) CountTrashed(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.countTrashed(ctx, ownerID)
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
	res := r.q.UpdateFile(ctx, []sqlcgen.UpdateFileParams{{
		ID:         f.ID,
		OwnerID:    f.OwnerID,
		Name:       f.Name,
		CategoryID: f.CategoryID,
		DeletedAt:  f.DeletedAt,

		RenamePending: f.RenamePending,
	}})
	if r.s.holdsFile(f.ID) {
		return r.queueUpdate(f, res)
	}
	n, err := r.sendWithCard(ctx, f, func() (n int64, err error) {
		res.QueryRow(func(_ int, got int64, e error) { n, err = got, e })
		return n, err
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
	if r.s != nil {
		delete(r.s.locked, id) // an Update after it must find out the row is gone
	}
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
	case q.TagID > 0:
		return r.countTag(ctx, q)
	}
	n, err := r.countListEntries(ctx, q)
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

// countTag counts a tag's live files (of one kind, if q says) from tag_counts; which page a list
// of a tag opened at a file is on is not counted (newer stays 0).
func (r FileRepository) countTag(ctx context.Context, q app.FileQuery) (total, newer int, err error) {
	if q.Trashed {
		return 0, 0, nil // as the lists: no tag lists the trash
	}
	n, err := r.q.CountTagFiles(ctx, sqlcgen.CountTagFilesParams{OwnerID: q.OwnerID, TagID: q.TagID, Kind: optionalKind(q.Kind)})
	if err != nil {
		return 0, 0, fmt.Errorf("count files of tag %d: %w", q.TagID, interpretError(err))
	}
	return int(n), 0, nil
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

func (c customPlans) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return c.db.SendBatch(ctx, b) // no search is a batch statement
}

func (c customPlans) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return c.db.QueryRow(ctx, sql, append([]any{pgx.QueryExecModeExec}, args...)...)
}

// clampInt32 is n as an int4 parameter, saturated rather than wrapped: an out-of-range value
// stays out of range, for the table's CHECKs to refuse.
func clampInt32(n int) int32 {
	return int32(min(max(n, math.MinInt32), math.MaxInt32))
}
