package domain_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestNormalizeQuery(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		tooLong bool // for a refused query: refused as too long rather than empty
		refused bool
	}{
		{"a plain query is kept as it is", "report", "report", false, false},
		{"surrounding space is trimmed", "  report \t", "report", false, false},
		{"runs of white space inside are folded into one space", "march \t\n  report", "march report", false, false},
		{"the case is kept: matching ignores it, not the query", "Отчёт March", "Отчёт March", false, false},
		{"wildcard characters are kept for the repository to match literally", `50% a_b c\d`, `50% a_b c\d`, false, false},
		{"invalid UTF-8 is dropped", "re\xffport", "report", false, false},
		{"a control character counts as a space", "march\x00report\x1f", "march report", false, false},
		{"a C1 control character counts as a space", "march\u0085report", "march report", false, false},
		{"exactly the maximum number of runes is accepted", strings.Repeat("ж", domain.MaxQueryLen), strings.Repeat("ж", domain.MaxQueryLen), false, false},
		{"the maximum is counted after folding the spaces", "a" + strings.Repeat(" ", 50) + strings.Repeat("b", domain.MaxQueryLen-2), "a " + strings.Repeat("b", domain.MaxQueryLen-2), false, false},
		{"the empty query is refused", "", "", false, true},
		{"a query of white space only is refused as empty", " \t\n ", "", false, true},
		{"a query of invalid UTF-8 only is refused as empty", "\xff\xfe", "", false, true},
		{"a query of control characters only is refused as empty", "\x00\x01\x7f", "", false, true},
		{"one rune over the maximum is refused as too long", strings.Repeat("ж", domain.MaxQueryLen+1), "", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := domain.NormalizeQuery(tt.in)
			if !tt.refused {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			assert.Empty(t, got)
			require.ErrorIs(t, err, domain.ErrInvalidQuery)
			var queryErr *domain.QueryError
			require.ErrorAs(t, err, &queryErr)
			assert.Equal(t, tt.tooLong, queryErr.TooLong)
			assert.Equal(t, domain.MaxQueryLen, queryErr.Max)
		})
	}
}

func TestQueryError(t *testing.T) {
	tests := []struct {
		name string
		err  *domain.QueryError
		want string
	}{
		{"an empty query says it is empty", &domain.QueryError{Max: 100}, "empty search query"},
		{"a long query tells the maximum", &domain.QueryError{TooLong: true, Max: 100}, "search query longer than 100 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wrapped := fmt.Errorf("search: %w", tt.err)
			assert.ErrorIs(t, wrapped, domain.ErrInvalidQuery)
			assert.NotErrorIs(t, wrapped, domain.ErrInvalidName)
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

func TestPrefixSearch(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  bool
	}{
		{"one letter is matched as a prefix", "a", true},
		{"two letters are matched as a prefix", "ab", true},
		{"two Cyrillic letters are two runes, not four bytes", "жу", true},
		{"three letters are matched anywhere", "abc", false},
		{"three Cyrillic letters are matched anywhere", "жук", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, domain.PrefixSearch(tt.query))
		})
	}
}
