package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestNewUser(t *testing.T) {
	now := time.Date(2026, time.March, 1, 9, 30, 0, 0, time.UTC)

	t.Run("a new user keeps the profile and gets the defaults", func(t *testing.T) {
		u, err := domain.NewUser(domain.Profile{
			TelegramID: 42, Username: "ann", FirstName: "Ann", LastName: "Lee", LanguageCode: "en",
		}, now)
		require.NoError(t, err)
		assert.Equal(t, domain.User{
			TelegramID: 42, Username: "ann", FirstName: "Ann", LastName: "Lee", LanguageCode: "en",
			PageSize: domain.DefaultPageSize, JoinedAt: now, LastSeenAt: now,
		}, u)
	})
	t.Run("a profile without a Telegram id is refused", func(t *testing.T) {
		u, err := domain.NewUser(domain.Profile{Username: "ann"}, now)
		require.Error(t, err)
		assert.Zero(t, u)
	})
}

func TestUserDisplayName(t *testing.T) {
	tests := []struct {
		name string
		user domain.User
		want string
	}{
		{"a user is called by first name", domain.User{FirstName: "Ann", Username: "ann_l"}, "Ann"},
		{"a user without a first name is called by username", domain.User{Username: "ann_l", LastName: "Lee"}, "ann_l"},
		{"a user without either has no name to be called by", domain.User{LastName: "Lee"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.user.DisplayName())
		})
	}
}
