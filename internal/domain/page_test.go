package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestCursorIsFirst(t *testing.T) {
	tests := []struct {
		name   string
		cursor domain.Cursor
		want   bool
	}{
		{"the zero cursor is the first page", domain.Cursor{}, true},
		{"a backward cursor without an id is the first page", domain.Cursor{Backward: true}, true},
		{"a forward cursor with an id is not the first page", domain.Cursor{ID: 7}, false},
		{"a backward cursor with an id is not the first page", domain.Cursor{ID: 7, Backward: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.cursor.IsFirst())
		})
	}
}
