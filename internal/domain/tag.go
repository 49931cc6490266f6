package domain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Tag limits: a tag is one word (letters, digits, _), like a Telegram #hashtag.
const (
	MaxTagRunes    = 32 // the longest tag, in runes
	MaxTagsPerFile = 20 // the most tags one file carries
)

// ErrInvalidTag means a tag is not a word of letters, digits and _ of at most MaxTagRunes runes,
// or a file would carry more than MaxTagsPerFile tags.
var ErrInvalidTag = errors.New("invalid tag")

// Tag is a word a user labels files with; a file carries many tags (it is in one category at most).
// Names are kept lowercased, unique per owner.
type Tag struct {
	ID        int64
	OwnerID   int64
	Name      string // without the leading #
	CreatedAt time.Time
}

// TagSummary is a tag with the number of live files that carry it.
type TagSummary struct {
	Tag
	Files int
}

// NormalizeTag checks a tag as a user writes it ("#Work", "work") and returns it as kept ("work").
func NormalizeTag(s string) (string, error) {
	name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	if name == "" || utf8.RuneCountInString(name) > MaxTagRunes || strings.IndexFunc(name, notTagRune) >= 0 {
		return "", fmt.Errorf("tag %q: %w", s, ErrInvalidTag)
	}
	return name, nil
}

func notTagRune(r rune) bool {
	return r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// HashtagsIn returns the #hashtags of a caption as tags, each once, in the order they first
// appear: "#Work trip #2024 #work" gives work, 2024. A hashtag ends where a character that is not
// a letter, digit or _ begins; one too long, or past MaxTagsPerFile, is left out.
func HashtagsIn(text string) []string {
	var tags []string
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '#')
		if j < 0 {
			break
		}
		start := i + j + 1
		end := start
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if notTagRune(r) {
				break
			}
			end += size
		}
		if name, err := NormalizeTag(text[start:end]); err == nil && !slices.Contains(tags, name) && len(tags) < MaxTagsPerFile {
			tags = append(tags, name)
		}
		i = max(end, start)
	}
	return tags
}

// TagEdit is what a user asks to change of a file's tags.
type TagEdit struct {
	Add    []string
	Remove []string
}

// ParseTagEdit reads tags written as text: words separated by spaces or commas, each with or
// without its #; a word that starts with - is a tag to take away ("#trip 2024 -#old -draft").
// Every word must be a tag (ErrInvalidTag otherwise), and there must be at least one.
func ParseTagEdit(text string) (TagEdit, error) {
	words := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	var e TagEdit
	for _, w := range words {
		into := &e.Add
		if rest, ok := strings.CutPrefix(w, "-"); ok {
			into, w = &e.Remove, rest
		}
		name, err := NormalizeTag(w)
		if err != nil {
			return TagEdit{}, err
		}
		if !slices.Contains(*into, name) {
			*into = append(*into, name)
		}
	}
	if len(e.Add)+len(e.Remove) == 0 {
		return TagEdit{}, fmt.Errorf("no tags in %q: %w", text, ErrInvalidTag)
	}
	return e, nil
}

// TagQuery reports whether a search text asks for the files of one tag ("#work") and which.
func TagQuery(text string) (string, bool) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "#") {
		return "", false
	}
	name, err := NormalizeTag(text)
	return name, err == nil
}

// ErrTooManyTags means a file would carry more than MaxTagsPerFile tags.
var ErrTooManyTags = errors.New("too many tags")
