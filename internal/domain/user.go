package domain

import (
	"fmt"
	"strings"
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
	Language     Language  // chosen in the settings; "" follows LanguageCode
	Sort         SortOrder // the order of every list; "" is SortNewest, as storage reads it
	// DefaultCategoryID is where uploads go when no upload flow says otherwise; nil for none.
	DefaultCategoryID *int64
	BlockedBot        bool
	JoinedAt          time.Time
	LastSeenAt        time.Time
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

// DisplayName is the name the bot addresses the user by: the first name, else the username, else
// "" (how to greet someone nameless is the adapter's words, not the domain's).
func (u User) DisplayName() string {
	if u.FirstName != "" {
		return u.FirstName
	}
	return u.Username
}

// Language is a language the bot speaks.
type Language string

// The languages.
const (
	English Language = "en"
	Russian Language = "ru"
)

// Languages lists the languages the bot speaks, in the order the settings offer them.
var Languages = []Language{English, Russian}

// Valid reports whether l is a language the bot speaks.
func (l Language) Valid() bool { return l == English || l == Russian }

// Lang is the language to speak to the user: the one they chose, else their Telegram language
// when the bot speaks it, else English.
func (u User) Lang() Language {
	if u.Language.Valid() {
		return u.Language
	}
	// The primary subtag, not a prefix: "ru-RU" is Russian, "rup" (Aromanian) or "bem" (Bemba) is not.
	primary, _, _ := strings.Cut(strings.ToLower(u.LanguageCode), "-")
	primary, _, _ = strings.Cut(primary, "_")
	switch primary {
	case "ru", "uk", "be":
		return Russian
	}
	return English
}

// Settings are what a user sets in /settings.
type Settings struct {
	PageSize          int
	Language          Language
	DefaultCategoryID *int64
	Sort              SortOrder // "" is SortNewest
}

// Validate checks the settings: page size within bounds, a known language or "".
func (s Settings) Validate() error {
	if s.PageSize < MinPageSize || s.PageSize > MaxPageSize {
		return fmt.Errorf("page size %d outside %d..%d: %w", s.PageSize, MinPageSize, MaxPageSize, ErrInvalidSettings)
	}
	if s.Language != "" && !s.Language.Valid() {
		return fmt.Errorf("unknown language %q: %w", s.Language, ErrInvalidSettings)
	}
	if s.Sort != "" && !s.Sort.Valid() {
		return fmt.Errorf("unknown order %q: %w", s.Sort, ErrInvalidSettings)
	}
	return nil
}

// Settings returns the user's current settings.
func (u User) Settings() Settings {
	return Settings{PageSize: u.PageSize, Language: u.Language, DefaultCategoryID: u.DefaultCategoryID, Sort: u.Sort}
}
