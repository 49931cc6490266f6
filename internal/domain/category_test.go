package domain_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestNewCategory(t *testing.T) {
	now := time.Date(2026, time.March, 1, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr domain.NameRule // "" when the category is made
	}{
		{"a category keeps its trimmed name", "  Receipts ", "Receipts", ""},
		{"a name of the maximum length is accepted", strings.Repeat("ж", domain.MaxCategoryNameLen), strings.Repeat("ж", domain.MaxCategoryNameLen), ""},
		{"an empty name is refused", "  ", "", domain.NameEmpty},
		{"a name over the maximum is refused", strings.Repeat("ж", domain.MaxCategoryNameLen+1), "", domain.NameTooLong},
		{"a name with a control character is refused", "Rec\teipts", "", domain.NameControlChar},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := domain.NewCategory(7, tt.in, now)
			if tt.wantErr != "" {
				var nameErr *domain.NameError
				require.ErrorAs(t, err, &nameErr)
				assert.Equal(t, tt.wantErr, nameErr.Reason)
				assert.Equal(t, domain.MaxCategoryNameLen, nameErr.Max)
				assert.Zero(t, c)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, domain.Category{OwnerID: 7, Name: tt.want, CreatedAt: now}, c)
		})
	}
}

func TestCategoryLimitError(t *testing.T) {
	err := fmt.Errorf("create category: %w", &domain.CategoryLimitError{Limit: 50})

	t.Run("a wrapped category limit error matches ErrQuotaExceeded", func(t *testing.T) {
		assert.ErrorIs(t, err, domain.ErrQuotaExceeded)
	})
	t.Run("a category limit error matches no other domain error", func(t *testing.T) {
		assert.NotErrorIs(t, err, domain.ErrTooLarge)
		assert.NotErrorIs(t, err, domain.ErrInvalidName)
	})
	t.Run("a category limit error tells the limit", func(t *testing.T) {
		var limitErr *domain.CategoryLimitError
		require.ErrorAs(t, err, &limitErr)
		assert.Equal(t, 50, limitErr.Limit)
		assert.Equal(t, "category limit of 50 reached", limitErr.Error())
	})
}
