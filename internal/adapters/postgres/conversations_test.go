package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres"
	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestAConversationOfAnUnknownStepIsLoggedAndReadAsNone(t *testing.T) {
	core, logs := observer.New(zapcore.WarnLevel)
	uow := postgres.NewUnitOfWork(newPool(t), zap.New(core))
	expires := time.Now().Add(time.Hour)
	var userID int64
	require.NoError(t, uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		u, err := domain.NewUser(domain.Profile{TelegramID: 5, FirstName: "Ada"}, time.Now())
		require.NoError(t, err)
		if u, err = r.Users.Upsert(ctx, u); err != nil {
			return err
		}
		userID = u.ID
		return r.Conversations.Put(ctx, domain.Conversation{UserID: u.ID, Step: domain.StepSearch, ExpiresAt: expires})
	}))
	// The schema holds no list of steps: a newer version's step is stored as it is.
	postgres.ForgeStep(t, uow, userID, "dance")

	err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		_, err := r.Conversations.Get(ctx, userID, time.Now())
		return err
	})
	require.ErrorIs(t, err, domain.ErrNotFound)
	entries := logs.FilterMessage("conversation of an unknown step read as none").All()
	require.Len(t, entries, 1)
	fields := entries[0].ContextMap()
	assert.Equal(t, "dance", fields["step"])
	assert.Equal(t, userID, fields["user_id"])
}
