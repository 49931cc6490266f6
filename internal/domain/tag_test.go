package domain

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHashtagsIn(t *testing.T) {
	tests := []struct {
		name, caption string
		want          []string
	}{
		{"none", "a plain caption", nil},
		{"lowercased, once each, in order", "#Work trip #2024 #work", []string{"work", "2024"}},
		{"a hashtag ends at punctuation", "see #plan, #budget. #q1!", []string{"plan", "budget", "q1"}},
		{"letters of any script and _", "#отпуск #mid_term #café", []string{"отпуск", "mid_term", "café"}},
		{"a lone # or ## is none", "# ## #", nil},
		{"a hashtag too long is left out", "#" + strings.Repeat("a", MaxTagRunes+1) + " #ok", []string{"ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, HashtagsIn(tt.caption)) })
	}
	many := strings.Repeat("#a #b #c #d #e #f #g #h #i #j #k #l #m #n #o #p #q #r #s #t #u #v ", 2)
	assert.Len(t, HashtagsIn(many), MaxTagsPerFile, "at most as many as a file carries")
}

func TestParseTagEdit(t *testing.T) {
	e, err := ParseTagEdit("#Trip, 2024  -draft -#Old trip")
	require.NoError(t, err)
	assert.Equal(t, TagEdit{Add: []string{"trip", "2024"}, Remove: []string{"draft", "old"}}, e)
	for _, bad := range []string{"", " , ", "not-a-tag", "#", "-", "a b#c", strings.Repeat("x", MaxTagRunes+1)} {
		_, err := ParseTagEdit(bad)
		assert.ErrorIs(t, err, ErrInvalidTag, "%q", bad)
	}
}

func TestTagQuery(t *testing.T) {
	name, ok := TagQuery(" #Work ")
	assert.True(t, ok)
	assert.Equal(t, "work", name)
	for _, text := range []string{"work", "#two words", "#", "# work"} {
		_, ok := TagQuery(text)
		assert.False(t, ok, "%q", text)
	}
}

func TestSortOrders(t *testing.T) {
	a := File{ID: 1, Name: "b.pdf", Size: 10}
	b := File{ID: 2, Name: "B.PDF", Size: 10}
	c := File{ID: 3, Name: "a.pdf", Size: 5}
	assert.True(t, SortNewest.Before(c, a))
	assert.True(t, SortOldest.Before(a, c))
	assert.True(t, SortName.Before(c, a))
	assert.True(t, SortName.Before(a, b), "names that tie go by id")
	assert.True(t, SortSize.Before(b, a), "sizes that tie go newest first")
	assert.True(t, SortSize.Before(a, c))
	assert.True(t, SortOrder("").Before(c, a), "no order is the newest first")
	assert.False(t, SortOrder("random").Valid())
	assert.Equal(t, SortOrder(""), SortNewest.Stored())
	assert.Equal(t, SortSize, SortSize.Stored())
}
