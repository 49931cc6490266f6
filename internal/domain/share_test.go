package domain_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestNewShare(t *testing.T) {
	now := time.Date(2026, time.March, 1, 9, 30, 0, 0, time.UTC)
	const token = "AbCdEfGhIjKlMnOpQrStUv"
	tests := []struct {
		name     string
		token    string
		file     int64
		category int64
		wantErr  error // nil when the share is made
	}{
		{"a share of one file is made", token, 5, 0, nil},
		{"a share of one category is made", token, 0, 9, nil},
		{"a share of nothing is refused", token, 0, 0, domain.ErrNotFound},
		{"a share of a file and a category at once is refused", token, 5, 9, domain.ErrNotFound},
		{"a share with a malformed token is refused", "short", 5, 0, domain.ErrInvalidToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := domain.NewShare(7, tt.token, tt.file, tt.category, now)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, s)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, domain.Share{Token: tt.token, OwnerID: 7, FileID: tt.file, CategoryID: tt.category, CreatedAt: now}, s)
			assert.True(t, s.Active())
		})
	}
}

func TestShareActive(t *testing.T) {
	revokedAt := time.Date(2026, time.March, 1, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name  string
		share domain.Share
		want  bool
	}{
		{"a share never revoked works", domain.Share{ID: 1}, true},
		{"a revoked share no longer works", domain.Share{ID: 1, RevokedAt: &revokedAt}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.share.Active())
		})
	}
}

func TestValidToken(t *testing.T) {
	tests := []struct {
		name  string
		token string
		want  bool
	}{
		{"a token of the URL-safe alphabet is valid", "AZaz09_-AZaz09_-AZaz0", true},
		{"a token of the shortest length is valid", strings.Repeat("a", 16), true},
		{"a token of the longest length is valid", strings.Repeat("a", 64), true},
		{"the empty token is refused", "", false},
		{"a token one character too short is refused", strings.Repeat("a", 15), false},
		{"a token one character too long is refused", strings.Repeat("a", 65), false},
		{"a token with padding is refused", strings.Repeat("a", 20) + "==", false},
		{"a token of the standard base64 alphabet is refused", strings.Repeat("a", 20) + "+/", false},
		{"a token with a space is refused", strings.Repeat("a", 10) + " " + strings.Repeat("a", 10), false},
		{"a token with a dot is refused", strings.Repeat("a", 10) + "." + strings.Repeat("a", 10), false},
		{"a token with a non-ASCII letter is refused", strings.Repeat("a", 20) + "ж", false},
		{"a token of multi-byte letters is refused even when short enough in runes", strings.Repeat("ж", 16), false},
		{"a token with a NUL is refused", strings.Repeat("a", 20) + "\x00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, domain.ValidToken(tt.token))
		})
	}
}
