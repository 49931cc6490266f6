package texts

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// languages are every Catalog value the bot speaks, by name.
var languages = map[string]*Catalog{"English": English, "Russian": Russian}

// ruSameAsEnglish lists the Catalog fields whose Russian may equal their English, and why. Any other
// field (a string, or what a function says for the sample arguments) must be translated.
var ruSameAsEnglish = map[string]string{
	"CategoryTitle": "an emoji and the category's name, no words",
	"TagTitle":      "an emoji and the #tag, no words",
	"ProfileKind":   "emoji, kind, count and size: every word comes in as an argument",
	"LanguageName":  "each language is named in itself, so anyone can find their own",
}

// textSamples are the arguments Catalog's functions are called with, by parameter type: call i takes
// the (i mod len)th sample of each parameter, so every sample of every type is used at least once.
var textSamples = map[reflect.Type][]any{
	reflect.TypeFor[string](): {"Работа", "a.pdf", "30 days", "https://t.me/filekeeper_bot?start=abc"},
	reflect.TypeFor[int]():    {1, 3, 5, 0, 21, 12, 64},
	reflect.TypeFor[int64]():  {1, 3, 1000},
	reflect.TypeFor[domain.File](): {
		domain.File{Name: "a.pdf", Kind: domain.KindDocument, Size: 2048, Caption: "notes"},
		domain.File{Name: "cat.jpg", Kind: domain.KindPhoto, Size: 1 << 20},
		domain.File{Name: "gif.mp4", Kind: domain.KindAnimation, Size: 10},
	},
	reflect.TypeFor[*domain.Category](): {&domain.Category{ID: 1, Name: "Работа"}, (*domain.Category)(nil)},
	reflect.TypeFor[domain.Kind]():      {domain.KindDocument, domain.KindPhoto, domain.KindVideo, domain.KindAudio, domain.KindVoice, domain.KindAnimation, domain.KindVideoNote},
	reflect.TypeFor[domain.Step]():      {domain.StepRenameFile, domain.StepNewCategory, domain.StepRenameCategory, domain.StepUpload, domain.StepSearch, domain.StepEditTags},
	reflect.TypeFor[domain.Language]():  {domain.English, domain.Russian},
	reflect.TypeFor[*domain.NameError](): {
		&domain.NameError{Reason: domain.NameTooLong, Max: 64},
		&domain.NameError{Reason: domain.NameControlChar},
		&domain.NameError{Reason: domain.NameEmpty},
	},
	reflect.TypeFor[time.Time]():     {time.Date(2026, time.November, 23, 14, 5, 0, 0, time.UTC)},
	reflect.TypeFor[time.Duration](): {30 * 24 * time.Hour, 3 * time.Hour, time.Minute},
	reflect.TypeFor[app.ProfileView](): {app.ProfileView{
		User:  domain.User{TelegramID: 42, FirstName: "Ann", Username: "ann", JoinedAt: time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC)},
		Usage: domain.Usage{Files: 3, Bytes: 3 << 20}, Categories: 2, ActiveShares: 1,
	}},
	reflect.TypeFor[app.StatsView](): {app.StatsView{
		Users: app.UserCounts{Total: 21, ActiveDay: 3, ActiveWeek: 12, Blocked: 1},
		Usage: domain.Usage{Files: 1000, Bytes: 5 << 30}, At: time.Date(2026, time.November, 23, 14, 5, 0, 0, time.UTC),
	}},
	reflect.TypeFor[Traffic]():              {Traffic{UpdatesPerSecond: 2.5, FloodWaits: 1}},
	reflect.TypeFor[domain.StorageCounts](): {domain.StorageCounts{Copied: 12, Unreachable: 3}, domain.StorageCounts{}},
}

// callSamples calls the function field fn with every sample set of its parameters and returns,
// per call, what it said (its results joined by " | ").
func callSamples(t *testing.T, name string, fn reflect.Value) []string {
	t.Helper()
	typ := fn.Type()
	calls := 1
	for i := range typ.NumIn() {
		samples, ok := textSamples[typ.In(i)]
		require.True(t, ok, "%s takes a %s: add samples of it to textSamples", name, typ.In(i))
		calls = max(calls, len(samples))
	}
	var said []string
	for c := range calls {
		args := make([]reflect.Value, typ.NumIn())
		for i := range args {
			samples := textSamples[typ.In(i)]
			args[i] = reflect.ValueOf(samples[c%len(samples)])
			if samples[c%len(samples)] == nil || args[i].Type() != typ.In(i) {
				args[i] = reflect.Zero(typ.In(i))
			}
		}
		var out []string
		for _, r := range fn.Call(args) {
			require.Equal(t, reflect.String, r.Kind(), "%s returns a %s: the test only reads strings", name, r.Type())
			out = append(out, r.String())
		}
		said = append(said, strings.Join(out, " | "))
	}
	return said
}

// emoji are the pictographs of s, sorted: the words around them change with the language, the
// pictures do not.
func emoji(s string) []rune {
	var out []rune
	for _, r := range s {
		if unicode.Is(unicode.So, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

func TestEveryTextIsSetInEveryLanguage(t *testing.T) {
	typ := reflect.TypeFor[Catalog]()
	for lang, texts := range languages {
		v := reflect.ValueOf(texts).Elem()
		for i := range typ.NumField() {
			f := typ.Field(i)
			t.Run(lang+"."+f.Name, func(t *testing.T) {
				switch fv := v.Field(i); fv.Kind() {
				case reflect.String:
					assert.NotEmpty(t, strings.TrimSpace(fv.String()), "the text is empty")
				case reflect.Func:
					require.False(t, fv.IsNil(), "the function is not set")
					for c, said := range callSamples(t, f.Name, fv) {
						for _, part := range strings.Split(said, " | ") {
							assert.NotEmpty(t, strings.TrimSpace(part), "call %d says nothing", c)
						}
					}
				case reflect.Array:
					for j := range fv.Len() {
						assert.NotEmpty(t, strings.TrimSpace(fv.Index(j).String()), "element %d is empty", j)
					}
				case reflect.Slice:
					assert.Positive(t, fv.Len(), "the list is empty")
				default:
					t.Fatalf("a field of kind %s: teach this test to check it", fv.Kind())
				}
			})
		}
	}
}

func TestRussianIsTranslated(t *testing.T) {
	typ := reflect.TypeFor[Catalog]()
	en, ru := reflect.ValueOf(English).Elem(), reflect.ValueOf(Russian).Elem()
	for i := range typ.NumField() {
		f := typ.Field(i)
		t.Run(f.Name, func(t *testing.T) {
			var enSaid, ruSaid []string
			switch f.Type.Kind() {
			case reflect.String:
				enSaid, ruSaid = []string{en.Field(i).String()}, []string{ru.Field(i).String()}
			case reflect.Func:
				if en.Field(i).IsNil() || ru.Field(i).IsNil() {
					t.Skip("not set: TestEveryTextIsSetInEveryLanguage says so")
				}
				enSaid, ruSaid = callSamples(t, f.Name, en.Field(i)), callSamples(t, f.Name, ru.Field(i))
			default:
				t.Skipf("a field of kind %s", f.Type.Kind())
			}
			for c := range ruSaid {
				what := fmt.Sprintf("call %d: %q", c, ruSaid[c])
				if _, same := ruSameAsEnglish[f.Name]; !same {
					assert.NotEqual(t, enSaid[c], ruSaid[c], "%s is still English", what)
				}
				assert.Equal(t, string(emoji(enSaid[c])), string(emoji(ruSaid[c])), "%s: the emoji differ from English %q", what, enSaid[c])
				assert.NotContains(t, ruSaid[c], "“", "%s: Russian quotes names in «ёлочки»", what)
				assert.NotContains(t, ruSaid[c], "”", "%s: Russian quotes names in «ёлочки»", what)
			}
		})
	}
	for name := range ruSameAsEnglish {
		_, ok := typ.FieldByName(name)
		assert.True(t, ok, "ruSameAsEnglish lists %s, which Catalog no longer has", name)
	}
}
