package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestCleanFileName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"a plain name is kept as it is", "report.pdf", "report.pdf"},
		{"inner spaces and non-ASCII letters are kept", "Отчёт за март.pdf", "Отчёт за март.pdf"},
		{"surrounding space is trimmed", "  \t report.pdf \n ", "report.pdf"},
		{"control characters become spaces", "a\x00b\x1fc\x7fd.txt", "a b c d.txt"},
		{"C1 control characters become spaces", "a\u0085b.txt", "a b.txt"},
		{"control characters at the ends are trimmed away", "\x00\x01name.txt\x1b", "name.txt"},
		{"invalid UTF-8 is dropped", "re\xffpo\xc3rt.pdf", "report.pdf"},
		{"a name of only control characters leaves nothing", "\x00\x01\x02", ""},
		{"a name of only spaces leaves nothing", "   ", ""},
		{"the empty name stays empty", "", ""},
		{"a name of exactly the maximum length is kept", strings.Repeat("a", 251) + ".pdf", strings.Repeat("a", 251) + ".pdf"},
		{"a long name is cut keeping its extension", strings.Repeat("a", 296) + ".pdf", strings.Repeat("a", 251) + ".pdf"},
		{"a long name is cut by runes, not bytes", strings.Repeat("я", 296) + ".pdf", strings.Repeat("я", 251) + ".pdf"},
		{"a long name without an extension is cut", strings.Repeat("b", 300), strings.Repeat("b", 255)},
		{"an implausibly long extension is not kept", "a." + strings.Repeat("x", 298), "a." + strings.Repeat("x", 253)},
		{"a right-to-left override cannot disguise the extension", "invoice_\u202efdp.exe", "invoice_fdp.exe"},
		{"bidi embeddings and isolates are removed", "a\u202ab\u202bc\u202cd\u2066e\u2067f\u2068g\u2069.txt", "abcdefg.txt"},
		{"zero-width characters and the BOM are removed", "re\u200bpo\u200crt\u200d\u2060\ufeff.pdf", "report.pdf"},
		{"a name of only invisible characters leaves nothing", "\u202e\u200b\ufeff", ""},
		{"space left by removed characters is trimmed", "\u200b report.pdf \u202e", "report.pdf"},
		{"space left at the cut is trimmed before the extension", strings.Repeat("a", 250) + strings.Repeat(" ", 46) + ".pdf", strings.Repeat("a", 250) + ".pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := domain.CleanFileName(tt.in)
			assert.Equal(t, tt.want, got)
			assert.LessOrEqual(t, utf8.RuneCountInString(got), domain.MaxFileNameLen)
		})
	}
}

func TestGenerateFileName(t *testing.T) {
	at := time.Date(2026, time.November, 23, 14, 5, 59, 0, time.UTC)
	moscow := time.FixedZone("MSK", 3*60*60)
	tests := []struct {
		name string
		kind domain.Kind
		mime string
		at   time.Time
		want string
	}{
		{"a photo is named by kind and minute with its extension", domain.KindPhoto, "image/jpeg", at, "photo_2026-11-23_14-05.jpg"},
		{"the time is written in UTC", domain.KindPhoto, "image/jpeg", at.In(moscow), "photo_2026-11-23_14-05.jpg"},
		{"the extension comes from the MIME type", domain.KindDocument, "application/pdf", at, "document_2026-11-23_14-05.pdf"},
		{"the MIME type is matched ignoring case and space", domain.KindPhoto, " Image/PNG ", at, "photo_2026-11-23_14-05.png"},
		{"MIME parameters do not hide the extension", domain.KindAudio, "audio/ogg; codecs=opus", at, "audio_2026-11-23_14-05.ogg"},
		{"a video without a MIME type gets the default extension", domain.KindVideo, "", at, "video_2026-11-23_14-05.mp4"},
		{"a voice message without a MIME type is ogg", domain.KindVoice, "", at, "voice_2026-11-23_14-05.ogg"},
		{"a video note is mp4", domain.KindVideoNote, "", at, "video_note_2026-11-23_14-05.mp4"},
		{"an animation with an unknown MIME type gets the default extension", domain.KindAnimation, "video/x-unknown", at, "animation_2026-11-23_14-05.mp4"},
		{"audio without a MIME type is mp3", domain.KindAudio, "", at, "audio_2026-11-23_14-05.mp3"},
		{"a document of unknown type has no extension", domain.KindDocument, "application/x-unknown", at, "document_2026-11-23_14-05"},
		{"a document without a MIME type has no extension", domain.KindDocument, "", at, "document_2026-11-23_14-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, domain.GenerateFileName(tt.kind, tt.mime, tt.at))
		})
	}
}

func TestValidateName(t *testing.T) {
	const max = 10
	tests := []struct {
		name   string
		in     string
		want   string
		reason domain.NameRule // "" when the name is accepted
	}{
		{"a plain name is accepted", "Receipts", "Receipts", ""},
		{"surrounding space is trimmed", "  Receipts \t", "Receipts", ""},
		{"exactly the maximum number of runes is accepted", strings.Repeat("ё", max), strings.Repeat("ё", max), ""},
		{"the maximum is counted after trimming", "  " + strings.Repeat("a", max) + "  ", strings.Repeat("a", max), ""},
		{"the empty name is refused", "", "", domain.NameEmpty},
		{"a name of spaces only is refused", " \t\n ", "", domain.NameEmpty},
		{"a name of invalid UTF-8 is refused", "\xff\xfe", "", domain.NameEmpty},
		{"one rune over the maximum is refused", strings.Repeat("ё", max+1), "", domain.NameTooLong},
		{"a control character inside is refused", "Rec\x00eipts", "", domain.NameControlChar},
		{"a newline inside is refused", "Rec\neipts", "", domain.NameControlChar},
		{"a C1 control character is refused", "Re\u0085c", "", domain.NameControlChar},
		{"a right-to-left override is removed", "Rec\u202eipts", "Recipts", ""},
		{"zero-width characters are removed", "\u200bRe\u200dc\ufeff", "Rec", ""},
		{"a name of only invisible characters is refused", "\u202e\u200b", "", domain.NameEmpty},
		{"the maximum is counted without invisible characters", strings.Repeat("a\u200b", max), strings.Repeat("a", max), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := domain.ValidateName(tt.in, max)
			if tt.reason == "" {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.Error(t, err)
			assert.Empty(t, got)
			assert.True(t, errors.Is(err, domain.ErrInvalidName))
			var nameErr *domain.NameError
			require.True(t, errors.As(err, &nameErr))
			assert.Equal(t, tt.reason, nameErr.Reason)
			assert.Equal(t, max, nameErr.Max)
		})
	}
}

func FuzzCleanFileName(f *testing.F) {
	for _, seed := range []string{
		"", "report.pdf", "  spaced  ", "a\x00b", "\xff\xfe", "Отчёт.pdf",
		strings.Repeat("a", 300) + ".pdf", strings.Repeat("я", 300), "a." + strings.Repeat("x", 300),
		strings.Repeat(" ", 254) + "a" + strings.Repeat(" ", 10) + ".txt",
		"invoice_\u202efdp.exe", "\u200b\u2066a\u2069\ufeff", " \u200b ",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := domain.CleanFileName(name)
		if !utf8.ValidString(got) {
			t.Fatalf("CleanFileName(%q) = %q: not valid UTF-8", name, got)
		}
		if n := utf8.RuneCountInString(got); n > domain.MaxFileNameLen {
			t.Fatalf("CleanFileName(%q) has %d runes, more than %d", name, n, domain.MaxFileNameLen)
		}
		if strings.ContainsFunc(got, invisibleOrControl) {
			t.Fatalf("CleanFileName(%q) = %q: has a control or format character", name, got)
		}
		if got != strings.TrimSpace(got) {
			t.Fatalf("CleanFileName(%q) = %q: not trimmed", name, got)
		}
		if again := domain.CleanFileName(got); again != got {
			t.Fatalf("CleanFileName is not idempotent: %q then %q", got, again)
		}
	})
}

func FuzzValidateName(f *testing.F) {
	for _, seed := range []string{"", " ", "Receipts", " a ", "a\x00b", "\xff", strings.Repeat("ё", 64), strings.Repeat("ё", 65),
		"Rec\u202eipts", "\u200b", " \u200b a"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got, err := domain.ValidateName(name, domain.MaxCategoryNameLen)
		if err != nil {
			if !errors.Is(err, domain.ErrInvalidName) {
				t.Fatalf("ValidateName(%q) error %v does not match ErrInvalidName", name, err)
			}
			return
		}
		if got != strings.TrimSpace(got) {
			t.Fatalf("ValidateName(%q) = %q: not trimmed", name, got)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("ValidateName(%q) = %q: not valid UTF-8", name, got)
		}
		if n := utf8.RuneCountInString(got); n < 1 || n > domain.MaxCategoryNameLen {
			t.Fatalf("ValidateName(%q) = %q: %d runes, want 1..%d", name, got, n, domain.MaxCategoryNameLen)
		}
		if strings.ContainsFunc(got, invisibleOrControl) {
			t.Fatalf("ValidateName(%q) = %q: has a control or format character", name, got)
		}
		if again, err := domain.ValidateName(got, domain.MaxCategoryNameLen); err != nil || again != got {
			t.Fatalf("an accepted name %q is not accepted as it is: %q, %v", got, again, err)
		}
	})
}

// invisibleOrControl is what no name may keep: a control character or a format one (Cf).
func invisibleOrControl(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }

func TestCleanText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain text is kept", "Q3 figures, final", "Q3 figures, final"},
		{"newlines and tabs are kept", "line one\n\tline two", "line one\n\tline two"},
		{"NUL is removed", "a\x00b", "ab"},
		{"other C0 controls, DEL and C1 controls are removed", "a\x01\x1b\r\x7f\u0085b", "ab"},
		{"bidi overrides, embeddings and isolates are removed", "a\u202eb\u202ac\u2066d\u2069", "abcd"},
		{"the marks written languages need stay", "می\u200cخواهم \u200f\u200e", "می\u200cخواهم \u200f\u200e"},
		{"invalid UTF-8 is dropped", "ca\xffption", "caption"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, domain.CleanText(tt.in))
		})
	}
}

func FuzzCleanText(f *testing.F) {
	for _, seed := range []string{"", "caption", "a\x00b", "a\r\nb", "\u202eabc", "\xff", "tab\there"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := domain.CleanText(text)
		if !utf8.ValidString(got) {
			t.Fatalf("CleanText(%q) = %q: not valid UTF-8", text, got)
		}
		for _, r := range got {
			if (unicode.IsControl(r) && r != '\n' && r != '\t') || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
				t.Fatalf("CleanText(%q) = %q: keeps %U", text, got, r)
			}
		}
		if again := domain.CleanText(got); again != got {
			t.Fatalf("CleanText is not idempotent: %q then %q", got, again)
		}
	})
}
