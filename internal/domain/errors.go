// Package domain holds File Keeper's entities and their rules. It imports only the standard library.
package domain

import (
	"errors"
	"fmt"
)

// Errors returned by the domain and the use cases; adapters map them to user-facing texts.
var (
	// ErrNotFound means the requested entity does not exist (or is not visible to the caller).
	ErrNotFound = errors.New("not found")
	// ErrForbidden means the entity exists but belongs to someone else.
	ErrForbidden = errors.New("forbidden")
	// ErrDuplicate means a uniqueness rule would be broken.
	ErrDuplicate = errors.New("duplicate")
	// ErrInvalidName means a file or category name breaks the naming rules.
	ErrInvalidName = errors.New("invalid name")
	// ErrInvalidUser means a user lacks what identifies them (a Telegram id).
	ErrInvalidUser = errors.New("invalid user")
	// ErrInvalidFile means a file lacks what is needed to keep it (e.g. a Telegram file id).
	ErrInvalidFile = errors.New("invalid file")
	// ErrTooLarge means a file exceeds the size limit.
	ErrTooLarge = errors.New("file too large")
	// ErrQuotaExceeded means the user's quota is used up.
	ErrQuotaExceeded = errors.New("quota exceeded")
	// ErrInvalidQuery means a search query is empty or too long.
	ErrInvalidQuery = errors.New("invalid search query")
	// ErrInvalidToken means a share token is malformed.
	ErrInvalidToken = errors.New("invalid share token")
	// ErrInvalidSettings means settings out of their bounds.
	ErrInvalidSettings = errors.New("invalid settings")
	// ErrRevoked means a share link was revoked.
	ErrRevoked = errors.New("share revoked")
	// ErrLinkExpired means a share link's time is over.
	ErrLinkExpired = errors.New("share link expired")
	// ErrLinkUsedUp means a share link admitted as many people as it may.
	ErrLinkUsedUp = errors.New("share link used up")
	// ErrLinkProtected means a share link protects what it gives: it is not to be kept elsewhere.
	ErrLinkProtected = errors.New("share link protects its files")
)

// NameError explains why a name was refused; it matches ErrInvalidName with errors.Is.
type NameError struct {
	Reason NameRule
	Max    int
}

// NameRule names the naming rule that was broken.
type NameRule string

// The naming rules.
const (
	NameEmpty       NameRule = "empty"
	NameTooLong     NameRule = "too_long"
	NameControlChar NameRule = "control_char"
)

func (e *NameError) Error() string {
	return fmt.Sprintf("invalid name: %s (max %d)", e.Reason, e.Max)
}

// Is makes errors.Is(err, ErrInvalidName) true for every NameError.
func (e *NameError) Is(target error) bool { return target == ErrInvalidName }

// TooLargeError tells a file's size and the limit it exceeds; it matches ErrTooLarge.
type TooLargeError struct {
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file of %d bytes exceeds the limit of %d bytes", e.Size, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) true for every TooLargeError.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }
