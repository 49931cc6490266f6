package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap/zaptest"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// TestWhatTheDatabaseRefusesIsPermanentAndAnOutageIsNot: a data exception or a constraint
// violation comes back on every try, so the update is parked at once; a database out of reach
// or a timeout may pass, so the update is tried again.
func TestWhatTheDatabaseRefusesIsPermanentAndAnOutageIsNot(t *testing.T) {
	pool := newPool(t)
	_, err := pool.Exec(t.Context(), `
		CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.telegram_id = 13 THEN RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation'; END IF;
			IF NEW.telegram_id = 14 THEN RAISE EXCEPTION 'bad value' USING ERRCODE = 'invalid_text_representation'; END IF;
			RETURN NEW;
		END $$;
		CREATE TRIGGER refuse BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse();`)
	require.NoError(t, err)
	uow := postgres.NewUnitOfWork(pool, zaptest.NewLogger(t))
	register := func(ctx context.Context, telegramID int64) error {
		return uow.Do(ctx, func(ctx context.Context, r app.Repos) error {
			u, err := domain.NewUser(domain.Profile{TelegramID: telegramID, FirstName: "X"}, time.Now())
			require.NoError(t, err)
			_, err = r.Users.Upsert(ctx, u)
			return err
		})
	}
	for _, id := range []int64{13, 14} {
		err := register(t.Context(), id)
		require.Error(t, err)
		assert.ErrorIs(t, err, app.ErrPermanent, "user %d", id)
	}
	require.NoError(t, register(t.Context(), 15))

	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	err = register(canceled, 16)
	require.Error(t, err)
	assert.False(t, app.Permanent(err), "a context that ended: %v", err)

	pool.Close()
	err = register(t.Context(), 17)
	require.Error(t, err)
	assert.False(t, app.Permanent(err), "a closed pool: %v", err)
}
