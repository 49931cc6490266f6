package views

import (
	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views/texts"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Texts is one language as the user sees it: its words (texts.Catalog, whose fields and methods
// it carries) and the views drawn in them (the methods of this package).
type Texts struct{ *texts.Catalog }

// TrafficView is what this instance's traffic counters say at one moment.
type TrafficView = texts.Traffic

var (
	// English is the bot in English, the language of anyone whose language it does not speak.
	English = &Texts{texts.English}
	// Russian is the bot in Russian.
	Russian = &Texts{texts.Russian}
)

// Languages is every language the bot speaks, with its texts.
var Languages = map[domain.Language]*Texts{domain.English: English, domain.Russian: Russian}

// For is the texts of a language; English for any the bot does not speak.
func For(l domain.Language) *Texts {
	if t, ok := Languages[l]; ok {
		return t
	}
	return English
}

// humanSize renders a byte count the way people read it in English: 0 B, 999 B, 1.5 KB, 12 MB.
func humanSize(n int64) string { return English.Size(n) }
