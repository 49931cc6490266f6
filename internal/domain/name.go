package domain

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxFileNameLen is the longest file name kept, in runes.
const MaxFileNameLen = 255

// maxExtensionLen is the longest tail after a dot, the dot included, taken for an extension.
const maxExtensionLen = 16

// ValidateName trims a name and checks it against the naming rules: not empty, at most max runes,
// no control characters. Invisible format characters (bidi overrides, zero-width ones) are
// removed first, as CleanFileName does. It returns the cleaned, trimmed name.
func ValidateName(name string, max int) (string, error) {
	name = strings.TrimSpace(dropInvisible(name))
	if name == "" || !utf8.ValidString(name) {
		return "", &NameError{Reason: NameEmpty, Max: max}
	}
	if utf8.RuneCountInString(name) > max {
		return "", &NameError{Reason: NameTooLong, Max: max}
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return "", &NameError{Reason: NameControlChar, Max: max}
		}
	}
	return name, nil
}

// CleanFileName makes a name given by Telegram (which the sender chose) safe to keep and show:
// invisible format characters go (U+202E would show "invoice_\u202efdp.exe" as "invoice_exe.pdf"),
// control characters become spaces, surrounding space goes, and it is cut to MaxFileNameLen runes
// keeping the extension. It returns "" when nothing usable is left.
func CleanFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r):
			return ' '
		case unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) <= MaxFileNameLen {
		return name
	}
	ext := path.Ext(name)
	if utf8.RuneCountInString(ext) > maxExtensionLen {
		ext = ""
	}
	base := []rune(strings.TrimSuffix(name, ext))
	return strings.TrimSpace(string(base[:MaxFileNameLen-utf8.RuneCountInString(ext)])) + ext
}

// dropInvisible removes invalid UTF-8 and the Unicode format characters (category Cf: bidi
// embeddings, overrides and isolates, zero-width spaces and joiners, the BOM, soft hyphens): in a
// name they only hide or reorder what the name shows.
func dropInvisible(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// CleanText makes a text a user wrote (a caption) safe to store and show: invalid UTF-8, NUL and
// every other control character but the newline and the tab (PostgreSQL refuses NUL; the others
// break what is shown) go, and so do the bidi embeddings, overrides and isolates, which reorder
// the text around them. The marks that written languages need (U+200C–U+200F: the zero-width
// (non-)joiners and the left-to-right and right-to-left marks) stay.
func CleanText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r), bidiControl(r):
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// bidiControl reports whether r is an explicit bidi embedding, override or isolate (or their end).
func bidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// GenerateFileName gives a readable name to a file Telegram sent without one,
// e.g. photo_2026-11-23_14-05.jpg.
func GenerateFileName(kind Kind, mimeType string, at time.Time) string {
	return fmt.Sprintf("%s_%s%s", kind, at.UTC().Format("2006-01-02_15-04"), extensionFor(kind, mimeType))
}

var extensions = map[string]string{
	"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
	"video/mp4": ".mp4", "video/quicktime": ".mov", "video/webm": ".webm",
	"audio/mpeg": ".mp3", "audio/mp4": ".m4a", "audio/ogg": ".ogg", "audio/x-wav": ".wav", "audio/wav": ".wav",
	"audio/flac": ".flac", "application/pdf": ".pdf", "application/zip": ".zip", "text/plain": ".txt",
}

// defaultExtensions is what Telegram uses for each kind when it gives no MIME type.
var defaultExtensions = map[Kind]string{
	KindPhoto: ".jpg", KindVideo: ".mp4", KindAnimation: ".mp4", KindVideoNote: ".mp4",
	KindVoice: ".ogg", KindAudio: ".mp3",
}

func extensionFor(kind Kind, mimeType string) string {
	if ext, ok := extensions[mediaType(mimeType)]; ok {
		return ext
	}
	return defaultExtensions[kind]
}
