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

// ShareRepository implements app.ShareRepository over PostgreSQL. A share is deleted with the
// file or category it shares (ON DELETE CASCADE).
type ShareRepository struct {
	q *sqlcgen.Queries
}

// Create stores s and returns it with its id, or domain.ErrDuplicate when its token exists. The
// duplicate is found by ON CONFLICT DO NOTHING, never by a unique violation, so the transaction
// stays usable for another token. A share of nothing or of more than one file, category or album
// is refused by the table's CHECK, one of a file, category or album that does not exist by a
// foreign key.
func (r ShareRepository) Create(ctx context.Context, s domain.Share) (domain.Share, error) {
	row, err := r.q.CreateShare(ctx, sqlcgen.CreateShareParams{
		Token:      s.Token,
		OwnerID:    s.OwnerID,
		FileID:     nullID(s.FileID),
		CategoryID: nullID(s.CategoryID),
		AlbumID:    nullID(s.AlbumID),
		CreatedAt:  s.CreatedAt,
		RevokedAt:  s.RevokedAt,
		Uses:       clampInt32(s.Uses),
		ExpiresAt:  s.Limits.ExpiresAt,
		MaxViewers: clampInt32(s.Limits.MaxViewers),
		Viewers:    clampInt32(s.Viewers),
		Protect:    s.Limits.Protect,
	})
	if errors.Is(err, pgx.ErrNoRows) {
		// No row returned: the insert did nothing because of the token.
		err = domain.ErrDuplicate
	}
	if err != nil {
		return domain.Share{}, fmt.Errorf("create share of user %d: %w", s.OwnerID, interpretError(err))
	}
	return toDomainShare(row), nil
}

// Get returns the owner's share: domain.ErrForbidden if it is someone else's, domain.ErrNotFound
// if there is none.
func (r ShareRepository) Get(ctx context.Context, ownerID, id int64) (domain.Share, error) {
	row, err := r.q.GetShare(ctx, sqlcgen.GetShareParams{ID: id, OwnerID: ownerID})
	if errors.Is(err, pgx.ErrNoRows) {
		err = notOwned(ctx, r.q.ShareExists, id)
	}
	if err != nil {
		return domain.Share{}, fmt.Errorf("get share %d of user %d: %w", id, ownerID, interpretError(err))
	}
	return toDomainShare(row), nil
}

// Grant records that viewer opened the share at at; an unknown share or viewer is refused by
// the foreign keys.
func (r ShareRepository) Grant(ctx context.Context, shareID, viewerID int64, at time.Time) error {
	_, err := r.q.GrantShare(ctx, sqlcgen.GrantShareParams{ShareID: shareID, ViewerID: viewerID, GrantedAt: at})
	if err != nil {
		return fmt.Errorf("grant share %d to user %d: %w", shareID, viewerID, interpretError(err))
	}
	return nil
}

// Granted returns the share, active or revoked, if viewer holds a grant for it, or
// domain.ErrNotFound.
func (r ShareRepository) Granted(ctx context.Context, shareID, viewerID int64) (domain.Share, error) {
	row, err := r.q.GetGrantedShare(ctx, sqlcgen.GetGrantedShareParams{ShareID: shareID, ViewerID: viewerID})
	if err != nil {
		return domain.Share{}, fmt.Errorf("share %d granted to user %d: %w", shareID, viewerID, interpretError(err))
	}
	return toDomainShare(row), nil
}

// ListActivePage returns a page of the owner's active shares by keyset, each with the name of
// what it shares.
func (r ShareRepository) ListActivePage(ctx context.Context, q app.ShareQuery) ([]domain.ShareSummary, error) {
	switch {
	case q.Limit <= 0:
		return nil, fmt.Errorf("list shares: limit %d is not positive", q.Limit)
	case q.AfterID > 0 && q.BeforeID > 0:
		return nil, errors.New("list shares: both AfterID and BeforeID are set")
	}
	limit := clampInt32(q.Limit)
	var out []domain.ShareSummary
	if q.BeforeID > 0 {
		rows, err := r.q.ListActiveSharesBefore(ctx, sqlcgen.ListActiveSharesBeforeParams{OwnerID: q.OwnerID, BeforeID: q.BeforeID, MaxRows: limit})
		if err != nil {
			return nil, fmt.Errorf("list shares of user %d: %w", q.OwnerID, interpretError(err))
		}
		for _, row := range rows {
			out = append(out, domain.ShareSummary{Share: toDomainShare(row.Share), Name: row.TargetName, AlbumCreatedAt: row.AlbumCreatedAt})
		}
		return out, nil
	}
	after := q.AfterID
	if after <= 0 {
		after = math.MaxInt64 // the first page: every id is below it
	}
	rows, err := r.q.ListActiveSharesAfter(ctx, sqlcgen.ListActiveSharesAfterParams{OwnerID: q.OwnerID, AfterID: after, MaxRows: limit})
	if err != nil {
		return nil, fmt.Errorf("list shares of user %d: %w", q.OwnerID, interpretError(err))
	}
	for _, row := range rows {
		out = append(out, domain.ShareSummary{Share: toDomainShare(row.Share), Name: row.TargetName, AlbumCreatedAt: row.AlbumCreatedAt})
	}
	return out, nil
}

// CountActive counts the owner's active shares.
func (r ShareRepository) CountActive(ctx context.Context, ownerID int64) (int, error) {
	n, err := r.q.CountActiveShares(ctx, ownerID)
	if err != nil {
		return 0, fmt.Errorf("count shares of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// CountLive counts the owner's shares neither revoked nor expired at at.
func (r ShareRepository) CountLive(ctx context.Context, ownerID int64, at time.Time) (int, error) {
	n, err := r.q.CountLiveShares(ctx, sqlcgen.CountLiveSharesParams{OwnerID: ownerID, At: at})
	if err != nil {
		return 0, fmt.Errorf("count live shares of user %d: %w", ownerID, interpretError(err))
	}
	return int(n), nil
}

// ByToken returns the share with that token, active or revoked, or domain.ErrNotFound.
func (r ShareRepository) ByToken(ctx context.Context, token string) (domain.Share, error) {
	row, err := r.q.GetShareByToken(ctx, token)
	if err != nil {
		// The token is a secret: it stays out of the error.
		return domain.Share{}, fmt.Errorf("share by token: %w", interpretError(err))
	}
	return toDomainShare(row), nil
}

// ListActive returns the owner's active shares, newest (highest id) first, each with the name of
// the file or category it shares.
func (r ShareRepository) ListActive(ctx context.Context, ownerID int64) ([]domain.ShareSummary, error) {
	rows, err := r.q.ListActiveShares(ctx, ownerID)
	if err != nil {
		return nil, fmt.Errorf("list shares of user %d: %w", ownerID, interpretError(err))
	}
	out := make([]domain.ShareSummary, len(rows))
	for i, row := range rows {
		out[i] = domain.ShareSummary{Share: toDomainShare(row.Share), Name: row.TargetName, AlbumCreatedAt: row.AlbumCreatedAt}
	}
	return out, nil
}

// Revoke marks the owner's share revoked at at; a revoked share keeps its first time.
// domain.ErrNotFound if the owner has no such share.
func (r ShareRepository) Revoke(ctx context.Context, ownerID, id int64, at time.Time) error {
	n, err := r.q.RevokeShare(ctx, sqlcgen.RevokeShareParams{ID: id, OwnerID: ownerID, RevokedAt: at})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("revoke share %d: %w", id, interpretError(err))
	}
	return nil
}

// RevokeForFile revokes the file's active shares at at and returns how many.
func (r ShareRepository) RevokeForFile(ctx context.Context, fileID int64, at time.Time) (int, error) {
	n, err := r.q.RevokeFileShares(ctx, sqlcgen.RevokeFileSharesParams{FileID: fileID, RevokedAt: at})
	if err != nil {
		return 0, fmt.Errorf("revoke shares of file %d: %w", fileID, interpretError(err))
	}
	return int(n), nil
}

// CountUse adds one to the share's uses, or returns domain.ErrNotFound.
func (r ShareRepository) CountUse(ctx context.Context, id int64) error {
	n, err := r.q.CountShareUse(ctx, id)
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("count use of share %d: %w", id, interpretError(err))
	}
	return nil
}

func toDomainShare(row sqlcgen.Share) domain.Share {
	return domain.Share{
		ID:         row.ID,
		Token:      row.Token,
		OwnerID:    row.OwnerID,
		FileID:     idOrZero(row.FileID),
		CategoryID: idOrZero(row.CategoryID),
		AlbumID:    idOrZero(row.AlbumID),
		CreatedAt:  row.CreatedAt,
		RevokedAt:  row.RevokedAt,
		Uses:       int(row.Uses),
		Limits:     domain.ShareLimits{ExpiresAt: row.ExpiresAt, MaxViewers: int(row.MaxViewers), Protect: row.Protect},
		Viewers:    int(row.Viewers),
	}
}

// Admit grants the share to viewer; a viewer new to it takes one of its places, if one is left
// (TakeShareSeat, whose row lock orders a race for the last one), or is refused, their grant taken
// back.
func (r ShareRepository) Admit(ctx context.Context, shareID, viewerID int64, at time.Time) (bool, error) {
	fail := func(err error) (bool, error) {
		return false, fmt.Errorf("admit user %d to share %d: %w", viewerID, shareID, interpretError(err))
	}
	added, err := r.q.AddShareGrant(ctx, sqlcgen.AddShareGrantParams{ShareID: shareID, ViewerID: viewerID, GrantedAt: at})
	if err != nil {
		return fail(err)
	}
	if added == 0 { // admitted before: the grant's time is refreshed
		return true, r.Grant(ctx, shareID, viewerID, at)
	}
	seated, err := r.q.TakeShareSeat(ctx, shareID)
	if err != nil {
		return fail(err)
	}
	if seated == 0 {
		if _, err := r.q.DeleteShareGrant(ctx, sqlcgen.DeleteShareGrantParams{ShareID: shareID, ViewerID: viewerID}); err != nil {
			return fail(err)
		}
		return false, nil
	}
	return true, nil
}

// SetLimits stores the limits of the owner's share, or returns domain.ErrNotFound.
func (r ShareRepository) SetLimits(ctx context.Context, ownerID, id int64, l domain.ShareLimits) error {
	n, err := r.q.SetShareLimits(ctx, sqlcgen.SetShareLimitsParams{
		ID: id, OwnerID: ownerID, ExpiresAt: l.ExpiresAt, MaxViewers: clampInt32(l.MaxViewers), Protect: l.Protect,
	})
	if err == nil && n == 0 {
		err = domain.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("set limits of share %d: %w", id, interpretError(err))
	}
	return nil
}
