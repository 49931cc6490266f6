package domain_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestAFileIsSentByTheBotThatReceivedIt(t *testing.T) {
	const a, b = 111, 222
	copied := domain.StorageCopy{ChatID: -100, MessageID: 7}
	tests := []struct {
		name        string
		file        domain.File
		keptBy      bool
		unreachable bool
	}{
		{"a file of this bot", domain.File{BotID: a}, true, false},
		{"a file kept before bots were recorded", domain.File{}, true, false},
		{"another bot's file with a copy", domain.File{BotID: b, Copy: copied}, false, false},
		{"another bot's file with no copy", domain.File{BotID: b}, false, true},
		{"half a copy is none", domain.File{BotID: b, Copy: domain.StorageCopy{ChatID: -100}}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.keptBy, tt.file.KeptBy(a))
			assert.Equal(t, tt.unreachable, tt.file.Unreachable(a))
		})
	}
}

func TestNewFileRecordsTheBotThatReceivedIt(t *testing.T) {
	f, err := domain.NewFile(1, domain.IncomingFile{TelegramFileID: "x", UniqueID: "u", Carrier: domain.KindDocument, BotID: 42}, time.Now())
	assert.NoError(t, err)
	assert.Equal(t, int64(42), f.BotID)
	assert.False(t, f.Copy.Exists())
}

func TestTheStorageCaptionTellsWhoseFileItIs(t *testing.T) {
	f := domain.File{ID: 17, Name: "report.pdf", Kind: domain.KindDocument}
	assert.Equal(t, "@alice (1001) · report.pdf · document · #17",
		domain.StorageCaption(f, domain.User{TelegramID: 1001, Username: "alice", FirstName: "Alice"}))
	assert.Equal(t, "Bob Smith (2002) · report.pdf · document · #17",
		domain.StorageCaption(f, domain.User{TelegramID: 2002, FirstName: "Bob", LastName: "Smith"}))
	long := domain.StorageCaption(domain.File{Name: strings.Repeat("я", 2000)}, domain.User{})
	assert.Equal(t, 1024, utf8.RuneCountInString(long), "cut to Telegram's caption limit")
}
