package domain

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Search limits: a query of fewer than PrefixSearchBelow runes matches name and caption prefixes
// (too short for a substring index); a query longer than MaxQueryLen is refused.
const (
	MaxQueryLen       = 100
	PrefixSearchBelow = 3
)

// Search is a query a user ran, kept so its result pages can be turned.
type Search struct {
	ID      int64
	OwnerID int64
	Text    string
}

// QueryError refuses a search query; it matches ErrInvalidQuery.
type QueryError struct {
	TooLong bool
	Max     int
}

func (e *QueryError) Error() string {
	if e.TooLong {
		return fmt.Sprintf("search query longer than %d characters", e.Max)
	}
	return "empty search query"
}

// Is makes errors.Is(err, ErrInvalidQuery) true for every QueryError.
func (e *QueryError) Is(target error) bool { return target == ErrInvalidQuery }

// NormalizeQuery trims a query and folds runs of white space into one space; control characters
// count as white space (no name holds one, and storage refuses NUL). Empty or longer than
// MaxQueryLen runes, it is refused with a *QueryError.
func NormalizeQuery(q string) (string, error) {
	q = strings.Join(strings.FieldsFunc(strings.ToValidUTF8(q, ""), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	switch {
	case q == "":
		return "", &QueryError{Max: MaxQueryLen}
	case utf8.RuneCountInString(q) > MaxQueryLen:
		return "", &QueryError{TooLong: true, Max: MaxQueryLen}
	}
	return q, nil
}

// PrefixSearch reports whether q is short enough to be matched as a prefix only.
func PrefixSearch(q string) bool { return utf8.RuneCountInString(q) < PrefixSearchBelow }
