package domain_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestQuotaError(t *testing.T) {
	tests := []struct {
		name string
		err  *domain.QuotaError
		want string
	}{
		{"a files quota error tells the limit and the use", &domain.QuotaError{Quota: domain.QuotaFiles, Limit: 100, Used: 100}, "files quota of 100 reached (100 used)"},
		{"a bytes quota error tells the limit and the use", &domain.QuotaError{Quota: domain.QuotaBytes, Limit: 1000, Used: 950}, "bytes quota of 1000 reached (950 used)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wrapped := fmt.Errorf("save file: %w", tt.err)
			assert.ErrorIs(t, wrapped, domain.ErrQuotaExceeded)
			assert.NotErrorIs(t, wrapped, domain.ErrTooLarge)
			var quotaErr *domain.QuotaError
			require.ErrorAs(t, wrapped, &quotaErr)
			assert.Equal(t, tt.err, quotaErr)
			assert.Equal(t, tt.want, quotaErr.Error())
		})
	}
}
