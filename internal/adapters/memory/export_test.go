package memory

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// ForgeStep sets the step of the user's stored conversation as it is, unchecked, as a newer
// version that knows more steps would have left it (repotest.ForgeStep).
func ForgeStep(t *testing.T, uow app.UnitOfWork, userID int64, step domain.Step) {
	t.Helper()
	s := uow.(UnitOfWork).store
	defer s.lock(t.Context())()
	c, ok := s.data.conversations[userID]
	require.True(t, ok, "user %d has a conversation to forge", userID)
	c.Step = step
	s.data.conversations[userID] = c
}
