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

// BulkSendRepository implements app.BulkSendRepository over PostgreSQL: a partial unique index
// keeps one running send per owner, whatever instances race.
type BulkSendRepository struct {
	q *sqlcgen.Queries
}

// Create stores s, unless the owner has one running (ON CONFLICT DO NOTHING: the unit of work
// goes on).
func (r BulkSendRepository) Create(ctx context.Context, s domain.BulkSend) (domain.BulkSend, error) {
	row, err := r.q.CreateBulkSend(ctx, sqlcgen.CreateBulkSendParams{OwnerID: s.OwnerID, ChatID: s.ChatID, FileIds: s.FileIDs, MovedAt: s.MovedAt})
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.BulkSend{}, fmt.Errorf("send-all of user %d: %w", s.OwnerID, domain.ErrDuplicate)
	}
	if err != nil {
		return domain.BulkSend{}, fmt.Errorf("send-all of user %d: %w", s.OwnerID, interpretError(err))
	}
	return toDomainBulkSend(row), nil
}

func toDomainBulkSend(row sqlcgen.BulkSend) domain.BulkSend {
	return domain.BulkSend{
		ID: row.ID, OwnerID: row.OwnerID, ChatID: row.ChatID, MessageID: int(row.MessageID),
		FileIDs: row.FileIds, Sent: int(row.Sent), State: domain.BulkSendState(row.State), MovedAt: row.MovedAt,
	}
}

func bulkSendOf(row sqlcgen.BulkSend, err error, what string) (domain.BulkSend, error) {
	if err != nil {
		return domain.BulkSend{}, fmt.Errorf("%s: %w", what, interpretError(err))
	}
	return toDomainBulkSend(row), nil
}

// Get returns the send with that id.
func (r BulkSendRepository) Get(ctx context.Context, id int64) (domain.BulkSend, error) {
	row, err := r.q.GetBulkSend(ctx, id)
	return bulkSendOf(row, err, fmt.Sprintf("send-all %d", id))
}

// Running returns the owner's running send.
func (r BulkSendRepository) Running(ctx context.Context, ownerID int64) (domain.BulkSend, error) {
	row, err := r.q.RunningBulkSend(ctx, ownerID)
	return bulkSendOf(row, err, fmt.Sprintf("running send-all of user %d", ownerID))
}

// SetMessage records the send's progress message.
func (r BulkSendRepository) SetMessage(ctx context.Context, id int64, messageID int) error {
	n, err := r.q.SetBulkSendMessage(ctx, sqlcgen.SetBulkSendMessageParams{ID: id, MessageID: int32(messageID)})
	switch {
	case err != nil:
		return fmt.Errorf("message of send-all %d: %w", id, interpretError(err))
	case n == 0:
		return fmt.Errorf("message of send-all %d: %w", id, domain.ErrNotFound)
	}
	return nil
}

// Advance records the files done, never fewer than before.
func (r BulkSendRepository) Advance(ctx context.Context, id int64, sent int, at time.Time) (domain.BulkSend, error) {
	row, err := r.q.AdvanceBulkSend(ctx, sqlcgen.AdvanceBulkSendParams{ID: id, Sent: int32(sent), MovedAt: at})
	return bulkSendOf(row, err, fmt.Sprintf("advance send-all %d", id))
}

// End moves the owner's running send to state.
func (r BulkSendRepository) End(ctx context.Context, ownerID, id int64, state domain.BulkSendState) (domain.BulkSend, error) {
	row, err := r.q.EndBulkSend(ctx, sqlcgen.EndBulkSendParams{ID: id, OwnerID: ownerID, State: string(state)})
	return bulkSendOf(row, err, fmt.Sprintf("end send-all %d of user %d", id, ownerID))
}
