package domain_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestTooLargeError(t *testing.T) {
	err := fmt.Errorf("save file: %w", &domain.TooLargeError{Size: 21, Limit: 20})

	t.Run("a wrapped too-large error matches ErrTooLarge", func(t *testing.T) {
		assert.ErrorIs(t, err, domain.ErrTooLarge)
	})
	t.Run("a too-large error matches no other domain error", func(t *testing.T) {
		assert.NotErrorIs(t, err, domain.ErrInvalidFile)
		assert.NotErrorIs(t, err, domain.ErrQuotaExceeded)
	})
	t.Run("a too-large error carries the size and the limit", func(t *testing.T) {
		var tooLarge *domain.TooLargeError
		require.ErrorAs(t, err, &tooLarge)
		assert.Equal(t, int64(21), tooLarge.Size)
		assert.Equal(t, int64(20), tooLarge.Limit)
		assert.Contains(t, tooLarge.Error(), "21")
		assert.Contains(t, tooLarge.Error(), "20")
	})
}

func TestNameError(t *testing.T) {
	err := fmt.Errorf("rename: %w", &domain.NameError{Reason: domain.NameTooLong, Max: 64})

	t.Run("a wrapped name error matches ErrInvalidName", func(t *testing.T) {
		assert.ErrorIs(t, err, domain.ErrInvalidName)
		assert.NotErrorIs(t, err, domain.ErrNotFound)
	})
	t.Run("a name error tells the rule and the maximum", func(t *testing.T) {
		var nameErr *domain.NameError
		require.True(t, errors.As(err, &nameErr))
		assert.Equal(t, "invalid name: too_long (max 64)", nameErr.Error())
	})
}
