package views

import (
	"math"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// telegramLength is how Telegram measures a message: in UTF-16 code units.
func telegramLength(s string) int { return len(utf16.Encode([]rune(s))) }

// longestLinks is a full page of links at the largest page size, with the longest names of
// characters Telegram counts twice, the largest ids and use counts, every limit, files and
// categories mixed.
func longestLinks() app.LinkList {
	var items []domain.ShareSummary
	for i := range domain.MaxPageSize {
		sh := domain.Share{ID: math.MaxInt64 - int64(i), Token: strings.Repeat("x", 22), Uses: math.MaxInt32}
		sh.Limits, sh.Viewers = bigLimits()
		name := strings.Repeat("𝒜", domain.MaxFileNameLen)
		if i%2 == 1 {
			sh.CategoryID, name = 1, strings.Repeat("𝒜", domain.MaxCategoryNameLen)
		} else {
			sh.FileID = 1
		}
		items = append(items, domain.ShareSummary{Share: sh, Name: name})
	}
	return app.LinkList{Total: math.MaxInt32, Page: domain.Page[domain.ShareSummary]{
		Items: items,
		Prev:  &domain.Cursor{ID: math.MaxInt64, Backward: true},
		Next:  &domain.Cursor{ID: math.MaxInt64 - domain.MaxPageSize},
	}}
}

func TestLinksAtTheirLargestFitTelegramsLimits(t *testing.T) {
	url := func(token string) string { return "https://t.me/" + strings.Repeat("b", 32) + "?start=" + token }
	for name, texts := range languages {
		t.Run(name, func(t *testing.T) {
			v := texts.LinksView(longestLinks(), domain.Cursor{ID: math.MaxInt64, Backward: true}, url)
			t.Logf("%d links at their longest: %d characters", domain.MaxPageSize, telegramLength(v.Text))
			assert.LessOrEqual(t, telegramLength(v.Text), 4096, "a message is at most 4,096 characters")
			require.NotNil(t, v.Keyboard)
			assertButtonsFit(t, v.Keyboard)
			rows := v.Keyboard.InlineKeyboard
			require.Len(t, rows, domain.MaxPageSize+2, "a ✖ Revoke a link, ◀ ▶, then the way out")
			for i := range domain.MaxPageSize {
				cb, err := DecodeCallback(rows[i][0].CallbackData)
				require.NoError(t, err)
				assert.Equal(t, Callback{Action: ActRevokeOnPage, ShareID: math.MaxInt64 - int64(i), Page: domain.Cursor{ID: math.MaxInt64, Backward: true}}, cb,
					"each link's ✖ Revoke comes back to this page")
				cb, err = DecodeCallback(rows[i][1].CallbackData)
				require.NoError(t, err)
				assert.Equal(t, Callback{Action: ActLinkSettings, ShareID: math.MaxInt64 - int64(i), Page: domain.Cursor{ID: math.MaxInt64, Backward: true}}, cb,
					"each link's ⚙ comes back to this page")
			}
			require.Len(t, rows[domain.MaxPageSize], 2)
			for j, want := range []Callback{{Action: ActLinksPage, Page: domain.Cursor{ID: math.MaxInt64, Backward: true}}, {Action: ActLinksPage, Page: domain.Cursor{ID: math.MaxInt64 - domain.MaxPageSize}}} {
				cb, err := DecodeCallback(rows[domain.MaxPageSize][j].CallbackData)
				require.NoError(t, err)
				assert.Equal(t, want, cb)
			}
		})
	}
}

func TestLinksViewPages(t *testing.T) {
	url := func(token string) string { return "https://t.me/bot?start=" + token }
	one := app.LinkList{Total: 9, Page: domain.Page[domain.ShareSummary]{
		Items: []domain.ShareSummary{{Share: domain.Share{ID: 5, Token: "a", FileID: 1}, Name: "a.pdf"}},
		Next:  &domain.Cursor{ID: 5},
	}}
	v := English.LinksView(one, domain.Cursor{}, url)
	assert.Equal(t, "🔗 Your active links (9):\n• a.pdf — never used\n  https://t.me/bot?start=a", v.Text, "the count is of every link, not of the page")
	assert.Equal(t, []string{"✖ Revoke · a.pdf", "⚙", "Next ▶", "👤 Profile", "🏠 Menu"}, labels(v.Keyboard))

	empty := English.LinksView(app.LinkList{}, domain.Cursor{}, url)
	assert.Equal(t, English.LinksEmpty, empty.Text)
}

func TestLinkLimitSaysTheLimitAndOffersTheLinks(t *testing.T) {
	back := Callback{Action: ActCategory, CategoryID: 3}
	for name, texts := range languages {
		t.Run(name, func(t *testing.T) {
			v := texts.LinkLimitView(texts.LinkLimit(100), back)
			assert.Contains(t, v.Text, "100")
			assert.Equal(t, []string{texts.BtnLinks, texts.BtnBack}, labels(v.Keyboard))
			cb, err := DecodeCallback(v.Keyboard.InlineKeyboard[0][0].CallbackData)
			require.NoError(t, err)
			assert.Equal(t, ActLinks, cb.Action)
		})
	}
}

// TestALinkNeverUsedSaysSo: a link's line counts its uses, and one never used has words of its own.
func TestALinkNeverUsedSaysSo(t *testing.T) {
	assert.Equal(t, "• a.pdf — never used\n  u", English.linkLine("a.pdf", "u", 0))
	assert.Equal(t, "• a.pdf — used once\n  u", English.linkLine("a.pdf", "u", 1))
	assert.Equal(t, "• a.pdf — ещё не использовали\n  u", Russian.linkLine("a.pdf", "u", 0))
}
