package postgres

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ForgeStep sets the step of the user's stored conversation as it is, bypassing Put's check, as a
// newer version that knows more steps would have left it (repotest.ForgeStep).
func ForgeStep(t *testing.T, uow app.UnitOfWork, userID int64, step domain.Step) {
	t.Helper()
	tag, err := uow.(*UnitOfWork).db.Pool().Exec(t.Context(),
		"UPDATE conversations SET step = $2 WHERE user_id = $1", userID, string(step))
	require.NoError(t, err)
	require.EqualValues(t, 1, tag.RowsAffected(), "user %d has a conversation to forge", userID)
}
