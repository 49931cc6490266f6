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
// no control characters. It returns the trimmed name.
func ValidateName(name string, max int) (string, error) {
	name = strings.TrimSpace(name)
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
// control characters become spaces, surrounding space goes, and it is cut to MaxFileNameLen runes
// keeping the extension. It returns "" when nothing usable is left.
func CleanFileName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, name)
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
