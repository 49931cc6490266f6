package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// AlbumRepository implements app.AlbumRepository over PostgreSQL: an album is found by its owner
// and media group id (a unique key), so a group's files meet in one row whatever transaction,
// process or instance each comes in.
type AlbumRepository struct {
	q *sqlcgen.Queries
}

// Arrive counts a file of the owner's media group in the group's album, made by its first file.
func (r AlbumRepository) Arrive(ctx context.Context, ownerID int64, group string, isNew bool, at time.Time) (domain.Album, error) {
	var added int32
	if isNew {
		added = 1
	}
	row, err := r.q.ArriveInAlbum(ctx, sqlcgen.ArriveInAlbumParams{OwnerID: ownerID, MediaGroupID: group, ArrivedAt: at, Added: added})
	if err != nil {
		return domain.Album{}, fmt.Errorf("album of media group %q of user %d: %w", group, ownerID, interpretError(err))
	}
	return toDomainAlbum(row), nil
}

func toDomainAlbum(row sqlcgen.Album) domain.Album {
	return domain.Album{
		ID: row.ID, OwnerID: row.OwnerID, MediaGroupID: row.MediaGroupID, Name: row.Name, CreatedAt: row.CreatedAt,
		Received: int(row.Received), Added: int(row.Added), LastFileAt: row.LastFileAt, PrevFileAt: row.PrevFileAt,
		ChatID: row.ChatID, MessageID: int(row.MessageID),
	}
}

// AddFile puts the owner's file into the owner's album, unless it is in an album already.
func (r AlbumRepository) AddFile(ctx context.Context, ownerID, albumID, fileID int64) (bool, error) {
	n, err := r.q.AddFileToAlbum(ctx, sqlcgen.AddFileToAlbumParams{AlbumID: albumID, FileID: fileID, OwnerID: ownerID})
	if err != nil {
		return false, fmt.Errorf("add file %d to album %d: %w", fileID, albumID, interpretError(err))
	}
	return n > 0, nil
}

// SetConfirmation records the message confirming the album's group.
func (r AlbumRepository) SetConfirmation(ctx context.Context, ownerID, albumID, chatID int64, messageID int) error {
	n, err := r.q.SetAlbumConfirmation(ctx, sqlcgen.SetAlbumConfirmationParams{ChatID: chatID, MessageID: clampInt32(messageID), ID: albumID, OwnerID: ownerID})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("confirm album %d: %w", albumID, interpretError(err))
	}
	return nil
}

// Get returns the owner's album: domain.ErrForbidden if it is someone else's, domain.ErrNotFound
// if there is none.
func (r AlbumRepository) Get(ctx context.Context, ownerID, id int64) (domain.Album, error) {
	row, err := r.q.GetAlbum(ctx, sqlcgen.GetAlbumParams{ID: id, OwnerID: ownerID})
	if errors.Is(err, pgx.ErrNoRows) {
		err = notOwned(ctx, r.q.AlbumExists, id)
	}
	if err != nil {
		return domain.Album{}, fmt.Errorf("get album %d of user %d: %w", id, ownerID, interpretError(err))
	}
	return toDomainAlbum(row), nil
}

// Rename stores the album's name, or returns domain.ErrNotFound.
func (r AlbumRepository) Rename(ctx context.Context, ownerID, id int64, name string) error {
	n, err := r.q.RenameAlbum(ctx, sqlcgen.RenameAlbumParams{Name: name, ID: id, OwnerID: ownerID})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("rename album %d: %w", id, interpretError(err))
	}
	return nil
}

// Files returns every file of the owner's album, live and trashed, oldest first.
func (r AlbumRepository) Files(ctx context.Context, ownerID, albumID int64) ([]domain.File, error) {
	rows, err := r.q.ListAlbumFiles(ctx, sqlcgen.ListAlbumFilesParams{OwnerID: ownerID, AlbumID: albumID})
	if err != nil {
		return nil, fmt.Errorf("files of album %d: %w", albumID, interpretError(err))
	}
	out := make([]domain.File, 0, len(rows))
	for _, row := range rows {
		f, err := toDomainFile(row)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// Summaries returns the owner's albums among ids holding live (or trashed) files, by id.
func (r AlbumRepository) Summaries(ctx context.Context, ownerID int64, ids []int64, trashed bool) (map[int64]domain.AlbumSummary, error) {
	out := map[int64]domain.AlbumSummary{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := r.q.SummariseAlbums(ctx, sqlcgen.SummariseAlbumsParams{Trashed: trashed, OwnerID: ownerID, Ids: ids})
	if err != nil {
		return nil, fmt.Errorf("summarise albums of user %d: %w", ownerID, interpretError(err))
	}
	for _, row := range rows {
		kinds := make([]domain.Kind, len(row.Kinds))
		for i, k := range row.Kinds {
			kinds[i] = domain.Kind(k)
		}
		out[row.ID] = domain.AlbumSummary{ID: row.ID, Name: row.Name, CreatedAt: row.CreatedAt, Files: int(row.Files), Bytes: row.Bytes, Kinds: kinds, Caption: row.Caption}
	}
	return out, nil
}
