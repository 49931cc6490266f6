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
		{"NUL and other control characters are removed from the caption, newlines stay", valid(func(in *domain.IncomingFile) {
			in.Caption = "Ma\x00rch\x1b\nQ\u202e3"
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, "March\nQ3", f.Caption)
		}},
		{"a file name with a right-to-left override is shown as it is", valid(func(in *domain.IncomingFile) {
			in.Name = "invoice_\u202efdp.exe"
		}), func(t *testing.T, f domain.File) {
			assert.Equal(t, "invoice_fdp.exe", f.Name)
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

func TestFileRename(t *testing.T) {
	tests := []struct {
		name string
		from string
		to   string
		want string
		rule domain.NameRule // "" when the file is renamed
	}{
		{"rename keeps the extension", "q3.pdf", "report", "report.pdf", ""},
		{"an explicit new extension wins", "q3.pdf", "report.docx", "report.docx", ""},
		{"the same extension is not doubled", "q3.pdf", "report.pdf", "report.pdf", ""},
		{"the new name is trimmed before the extension is added", "q3.pdf", " report\t", "report.pdf", ""},
		{"only the last extension is kept", "backup.tar.gz", "old", "old.gz", ""},
		{"a dotfile's name is not taken for an extension", ".bashrc", "profile", "profile", ""},
		{"a name without an extension gives none", "README", "notes", "notes", ""},
		{"a new dotfile name is no extension, so the old one is kept", "q3.pdf", ".hidden", ".hidden.pdf", ""},
		{"a dot between words is no extension to keep", "Invoice No. 5", "Invoice 6", "Invoice 6", ""},
		{"a new name with a dot between words still gets the extension", "q3.pdf", "Dr. Smith", "Dr. Smith.pdf", ""},
		{"an implausibly long tail is no extension to keep", "notes.from-the-meeting-on-monday", "minutes", "minutes", ""},
		{"an extension of sixteen runes is kept", "data.abcdefghijklmno", "backup", "backup.abcdefghijklmno", ""},
		{"a name that fits with the extension added is accepted", "q3.pdf", strings.Repeat("я", 251), strings.Repeat("я", 251) + ".pdf", ""},
		{"a name too long once the extension is added is refused", "q3.pdf", strings.Repeat("я", 252), "", domain.NameTooLong},
		{"a name too long by itself is refused", "README", strings.Repeat("я", 256), "", domain.NameTooLong},
		{"an empty name is refused", "q3.pdf", "", "", domain.NameEmpty},
		{"a name with a control character is refused", "q3.pdf", "re\tport", "", domain.NameControlChar},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := domain.File{ID: 1, Name: tt.from}
			err := f.Rename(tt.to)
			if tt.rule != "" {
				var nameErr *domain.NameError
				require.ErrorAs(t, err, &nameErr)
				assert.Equal(t, tt.rule, nameErr.Reason)
				assert.Equal(t, domain.MaxFileNameLen, nameErr.Max)
				assert.Equal(t, tt.from, f.Name, "a refused name changes nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, f.Name)
		})
	}
}

func TestFileTrashed(t *testing.T) {
	deletedAt := time.Date(2026, time.March, 1, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		file domain.File
		want bool
	}{
		{"a file without a deletion time is live", domain.File{}, false},
		{"a file with a deletion time is in the trash", domain.File{DeletedAt: &deletedAt}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.file.Trashed())
		})
	}
}

func TestARenameIsMarkedForTelegramWhereTelegramShowsNames(t *testing.T) {
	file := func(carrier domain.Kind, size int64) domain.File {
		return domain.File{Name: "report_Q3.pdf", Carrier: carrier, Kind: carrier, Size: size}
	}
	tests := []struct {
		name        string
		f           domain.File
		to          string
		pending     bool
		keepsInTele bool
	}{
		{"a document is uploaded again under its new name", file(domain.KindDocument, 1000), "annual", true, false},
		{"so are audio, video and GIFs", file(domain.KindAudio, 1000), "song", true, false},
		{"a document of exactly 20 MB still can be", file(domain.KindDocument, domain.MaxDownloadSize), "annual", true, false},
		{"a larger one keeps its name in Telegram", file(domain.KindDocument, domain.MaxDownloadSize+1), "annual", false, true},
		{"a photo has no name in Telegram", file(domain.KindPhoto, 1000), "sunset", false, false},
		{"a voice note neither", file(domain.KindVoice, 1000), "memo", false, false},
		{"the same name again changes nothing", file(domain.KindDocument, 1000), "report_Q3.pdf", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			require.NoError(t, f.Rename(tt.to))
			assert.Equal(t, tt.pending, f.RenamePending)
			assert.Equal(t, tt.keepsInTele, f.KeepsTelegramName())
		})
	}

	t.Run("a name that had to be cleaned is marked to be shown cleaned in Telegram too", func(t *testing.T) {
		in := domain.IncomingFile{TelegramFileID: "f", UniqueID: "u", Name: "invoice_\u202efdp.exe", Size: 10, Carrier: domain.KindDocument}
		f, err := domain.NewFile(1, in, time.Now())
		require.NoError(t, err)
		assert.True(t, f.RenamePending)
		in.Name = "invoice.pdf"
		f, err = domain.NewFile(1, in, time.Now())
		require.NoError(t, err)
		assert.False(t, f.RenamePending, "a clean name is Telegram's own")
	})
}

func TestRestoreFile(t *testing.T) {
	kept := domain.File{
		ID: 9, OwnerID: 3, TelegramFileID: "AgAD", UniqueID: "u1", Name: " report.pdf ", MIMEType: "application/pdf",
		Size: 10, Kind: domain.KindDocument, Carrier: domain.KindDocument, Caption: "q3\x00", CreatedAt: time.Unix(100, 0),
		CategoryID: new(int64), RenamePending: true,
	}
	t.Run("a kept file is owned anew, its ids of the other database dropped, its texts cleaned", func(t *testing.T) {
		f, err := domain.RestoreFile(5, kept)
		require.NoError(t, err)
		assert.Equal(t, int64(0), f.ID)
		assert.Equal(t, int64(5), f.OwnerID)
		assert.Nil(t, f.CategoryID)
		assert.Equal(t, "report.pdf", f.Name)
		assert.Equal(t, "q3", f.Caption)
		assert.True(t, f.RenamePending)
	})
	t.Run("an incomplete or impossible file is refused", func(t *testing.T) {
		for name, change := range map[string]func(*domain.File){
			"no file id":   func(f *domain.File) { f.TelegramFileID = " " },
			"no unique id": func(f *domain.File) { f.UniqueID = "" },
			"unknown kind": func(f *domain.File) { f.Kind = "hologram" },
			"bad carrier":  func(f *domain.File) { f.Carrier = "" },
			"negative":     func(f *domain.File) { f.Size = -1 },
			"no time":      func(f *domain.File) { f.CreatedAt = time.Time{} },
			"no name":      func(f *domain.File) { f.Name = "\u202e" },
		} {
			f := kept
			change(&f)
			_, err := domain.RestoreFile(5, f)
			assert.ErrorIs(t, err, domain.ErrInvalidFile, name)
		}
	})
	t.Run("a long caption is cut and a rename mark kept only where Telegram shows names", func(t *testing.T) {
		f := kept
		f.Caption = strings.Repeat("я", domain.MaxCaptionLen)
		f.Carrier, f.Kind = domain.KindPhoto, domain.KindPhoto
		got, err := domain.RestoreFile(5, f)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(got.Caption), domain.MaxCaptionLen)
		assert.False(t, got.RenamePending)
	})
}
