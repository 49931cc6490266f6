package domain

import (
	"fmt"
	"time"
)

// Page size bounds and default, in files per list page.
const (
	MinPageSize     = 5
	MaxPageSize     = 20
	DefaultPageSize = 8
)

// User is a person who talks to the bot.
type User struct {
	ID           int64 // internal id
	TelegramID   int64
	Username     string
	FirstName    string
	LastName     string
	LanguageCode string
	PageSize     int
	BlockedBot   bool
	JoinedAt     time.Time
	LastSeenAt   time.Time
}

// Profile is what Telegram tells about a user on every contact.
type Profile struct {
	TelegramID   int64
	Username     string
	FirstName    string
	LastName     string
	LanguageCode string
}

// NewUser builds a user first seen at now from their Telegram profile.
func NewUser(p Profile, now time.Time) (User, error) {
	if p.TelegramID == 0 {
		return User{}, fmt.Errorf("new user: telegram id is required: %w", ErrInvalidUser)
	}
	return User{
		TelegramID:   p.TelegramID,
		Username:     p.Username,
		FirstName:    p.FirstName,
		LastName:     p.LastName,
		LanguageCode: p.LanguageCode,
		PageSize:     DefaultPageSize,
		JoinedAt:     now,
		LastSeenAt:   now,
	}, nil
}

// DisplayName is how the bot addresses the user.
func (u User) DisplayName() string {
	switch {
	case u.FirstName != "":
		return u.FirstName
	case u.Username != "":
		return u.Username
	default:
		return "there"
	}
}
