package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// TagRepository implements app.TagRepository over PostgreSQL: tags, and file_tags with the sort
// keys of each tagged file.
type TagRepository struct {
	q *sqlcgen.Queries
	s *session
}

// Add puts the tags of those names on the owner's file, making the new ones.
func (r TagRepository) Add(ctx context.Context, ownerID, fileID int64, names []string, at time.Time) error {
	// Batch statements: a failure fails the unit of work's next read or its COMMIT.
	params := make([]sqlcgen.TagFileByNameParams, len(names))
	for i, name := range names {
		params[i] = sqlcgen.TagFileByNameParams{OwnerID: ownerID, Name: name, CreatedAt: at, FileID: fileID}
	}
	if len(params) > 0 {
		r.q.TagFileByName(ctx, params)
	}
	return nil
}

// Remove takes the tags of those names off the owner's file and forgets the unused ones.
func (r TagRepository) Remove(ctx context.Context, ownerID, fileID int64, names []string) error {
	if len(names) == 0 {
		return nil
	}
	for _, name := range names {
		if _, err := r.q.UntagFile(ctx, sqlcgen.UntagFileParams{OwnerID: ownerID, Name: name, FileID: fileID}); err != nil {
			return fmt.Errorf("untag file %d of %q: %w", fileID, name, interpretError(err))
		}
	}
	if err := r.q.DeleteUnusedTags(ctx, sqlcgen.DeleteUnusedTagsParams{OwnerID: ownerID, Names: names}); err != nil {
		return fmt.Errorf("forget the unused tags of user %d: %w", ownerID, interpretError(err))
	}
	return nil
}

// OfFile returns the tags the owner's file carries, by name.
func (r TagRepository) OfFile(ctx context.Context, ownerID, fileID int64) ([]domain.Tag, error) {
	var rows []sqlcgen.Tag
	var err error
	if v, aerr, ok := r.s.aheadOf(tagsOf{ownerID, fileID}); ok {
		rows, err = v.([]sqlcgen.Tag), aerr
	} else {
		rows, err = readTagsOfFile(r.q.TagsOfFile(ctx, []sqlcgen.TagsOfFileParams{{FileID: fileID, OwnerID: ownerID}}))
	}
	if err != nil {
		return nil, fmt.Errorf("tags of file %d: %w", fileID, interpretError(err))
	}
	tags := make([]domain.Tag, len(rows))
	for i, row := range rows {
		tags[i] = toDomainTag(row)
	}
	return tags, nil
}

// NamesOfFiles returns the tag names of each of the owner's files given, in one query.
func (r TagRepository) NamesOfFiles(ctx context.Context, ownerID int64, fileIDs []int64) (map[int64][]string, error) {
	rows, err := r.q.TagNamesOfFiles(ctx, sqlcgen.TagNamesOfFilesParams{OwnerID: ownerID, FileIds: fileIDs})
	if err != nil {
		return nil, fmt.Errorf("tags of %d files of user %d: %w", len(fileIDs), ownerID, interpretError(err))
	}
	out := map[int64][]string{}
	for _, row := range rows {
		out[row.FileID] = append(out[row.FileID], row.Name)
	}
	return out, nil
}

// Get returns the owner's tag: domain.ErrForbidden if it is someone else's.
func (r TagRepository) Get(ctx context.Context, ownerID, id int64) (domain.Tag, error) {
	row, err := r.q.GetTag(ctx, sqlcgen.GetTagParams{ID: id, OwnerID: ownerID})
	if errors.Is(err, pgx.ErrNoRows) {
		err = notOwned(ctx, r.q.TagExists, id)
	}
	if err != nil {
		return domain.Tag{}, fmt.Errorf("get tag %d of user %d: %w", id, ownerID, interpretError(err))
	}
	return toDomainTag(row), nil
}

// ByName returns the owner's tag of that name, or domain.ErrNotFound.
func (r TagRepository) ByName(ctx context.Context, ownerID int64, name string) (domain.Tag, error) {
	row, err := r.q.GetTagByName(ctx, sqlcgen.GetTagByNameParams{OwnerID: ownerID, Name: name})
	if err != nil {
		return domain.Tag{}, fmt.Errorf("tag %q of user %d: %w", name, ownerID, interpretError(err))
	}
	return toDomainTag(row), nil
}

// List returns a page of the owner's tags that live files carry, by name, with their counts.
func (r TagRepository) List(ctx context.Context, q app.TagQuery) ([]domain.TagSummary, error) {
	if q.Limit <= 0 || (q.AfterID > 0 && q.BeforeID > 0) {
		return nil, fmt.Errorf("list tags: limit %d, after %d, before %d", q.Limit, q.AfterID, q.BeforeID)
	}
	limit := int32(min(q.Limit, math.MaxInt32))
	var out []domain.TagSummary
	if q.BeforeID > 0 {
		rows, err := r.q.ListTagsBefore(ctx, sqlcgen.ListTagsBeforeParams{OwnerID: q.OwnerID, CursorID: q.BeforeID, MaxRows: limit})
		if err != nil {
			return nil, fmt.Errorf("list tags of user %d: %w", q.OwnerID, interpretError(err))
		}
		for _, row := range rows {
			out = append(out, tagSummary(row.ID, row.OwnerID, row.Name, row.CreatedAt, row.Files))
		}
		return out, nil
	}
	rows, err := r.q.ListTagsAfter(ctx, sqlcgen.ListTagsAfterParams{OwnerID: q.OwnerID, CursorID: q.AfterID, MaxRows: limit})
	if err != nil {
		return nil, fmt.Errorf("list tags of user %d: %w", q.OwnerID, interpretError(err))
	}
	for _, row := range rows {
		out = append(out, tagSummary(row.ID, row.OwnerID, row.Name, row.CreatedAt, row.Files))
	}
	return out, nil
}

func tagSummary(id, owner int64, name string, created time.Time, files int64) domain.TagSummary {
	return domain.TagSummary{Tag: domain.Tag{ID: id, OwnerID: owner, Name: name, CreatedAt: created}, Files: int(files)}
}

func toDomainTag(row sqlcgen.Tag) domain.Tag {
	return domain.Tag{ID: row.ID, OwnerID: row.OwnerID, Name: row.Name, CreatedAt: row.CreatedAt}
}
