package domain_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestNewFile(t *testing.T) {
	now := time.Date(2026, time.November, 23, 14, 5, 0, 0, time.UTC)
	valid := func(change func(in *domain.IncomingFile)) domain.IncomingFile {
		in := domain.IncomingFile{
			TelegramFileID: "BQACAgIAAxkBAAI",
			UniqueID:       "AgADqQ",
			Name:           "report.pdf",
			MIMEType:       "application/pdf",
			Size:           1024,
			Carrier:        domain.KindDocument,
			Caption:        "March",
		}
		if change != nil {
			change(&in)
		}
		return in
	}
	tests := []struct {
		name  string
		in    domain.IncomingFile
		check func(t *testing.T, f domain.File)
	}{
		{"a document keeps what Telegram sent", valid(nil), func(t *testing.T, f domain.File) {
			assert.Equal(t, domain.File{
				OwnerID: 7, TelegramFileID: "BQACAgIAAxkBAAI", UniqueID: "AgADqQ", Name: "report.pdf",
				MIMEType: "application/pdf", Size: 1024, Kind: domain.KindDocument, Carrier: domain.KindDocument, Caption: "March", CreatedAt: now,
			}, f)
		}},
		{"an image sent as a document becomes a photo", valid(func(in *domain.IncomingFile) {
			in.Name, in.MIMEType = "cat.png", "image/png"
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, domain.KindPhoto, f.Kind)
			assert.Equal(t, "cat.png", f.Name)
		}},
		{"a file without a name gets a generated one", valid(func(in *domain.IncomingFile) {
			in.Name, in.MIMEType, in.Carrier = "", "", domain.KindPhoto
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, "photo_2026-11-23_14-05.jpg", f.Name)
		}},
		{"a name with nothing usable is replaced by a generated one", valid(func(in *domain.IncomingFile) {
			in.Name = " \x00 "
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, "document_2026-11-23_14-05.pdf", f.Name)
		}},
		{"the name is cleaned", valid(func(in *domain.IncomingFile) {
			in.Name = "  re\x00port.pdf "
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, "re port.pdf", f.Name)
		}},
		{"the MIME type is trimmed", valid(func(in *domain.IncomingFile) {
			in.MIMEType = " application/pdf\n"
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, "application/pdf", f.MIMEType)
		}},
		{"a zero size is accepted", valid(func(in *domain.IncomingFile) { in.Size = 0 }), func(t *testing.T, f domain.File) {
			assert.Zero(t, f.Size)
		}},
		{"the caption is trimmed", valid(func(in *domain.IncomingFile) {
			in.Caption = " \n March \t"
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, "March", f.Caption)
		}},
		{"invalid UTF-8 is dropped from the caption", valid(func(in *domain.IncomingFile) {
			in.Caption = "Ma\xffrch"
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, "March", f.Caption)
		}},
		{"a long caption is cut to the maximum", valid(func(in *domain.IncomingFile) {
			in.Caption = strings.Repeat("a", domain.MaxCaptionLen+100)
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, strings.Repeat("a", domain.MaxCaptionLen), f.Caption)
		}},
		{"a long caption is not cut inside a rune", valid(func(in *domain.IncomingFile) {
			in.Caption = "a" + strings.Repeat("я", domain.MaxCaptionLen)
		}), func(t *testing.T, f domain.File) {
			assert.True(t, utf8.ValidString(f.Caption))
			assert.Equal(t, "a"+strings.Repeat("я", (domain.MaxCaptionLen-2)/2), f.Caption)
		}},
		{"a caption cut at a space has no trailing space", valid(func(in *domain.IncomingFile) {
			in.Caption = strings.Repeat("a", domain.MaxCaptionLen-1) + " b"
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, strings.Repeat("a", domain.MaxCaptionLen-1), f.Caption)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := domain.NewFile(7, tt.in, now)
			require.NoError(t, err)
			tt.check(t, f)
		})
	}
}

func TestNewFileRefusesIncompleteFiles(t *testing.T) {
	now := time.Date(2026, time.November, 23, 14, 5, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   domain.IncomingFile
	}{
		{"a file without a Telegram file id is refused", domain.IncomingFile{UniqueID: "u", Carrier: domain.KindPhoto}},
		{"a file with a blank Telegram file id is refused", domain.IncomingFile{TelegramFileID: "  ", UniqueID: "u", Carrier: domain.KindPhoto}},
		{"a file without a unique id is refused", domain.IncomingFile{TelegramFileID: "f", Carrier: domain.KindPhoto}},
		{"a file with a negative size is refused", domain.IncomingFile{TelegramFileID: "f", UniqueID: "u", Carrier: domain.KindPhoto, Size: -1}},
		{"a file without a carrier is refused", domain.IncomingFile{TelegramFileID: "f", UniqueID: "u"}},
		{"a file of an unknown carrier is refused", domain.IncomingFile{TelegramFileID: "f", UniqueID: "u", Carrier: "sticker"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := domain.NewFile(7, tt.in, now)
			assert.ErrorIs(t, err, domain.ErrInvalidFile)
			assert.Zero(t, f)
		})
	}
}
