package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestFileCounts(t *testing.T) {
	f := newFixture(app.Limits{})
	ann, bob, carol := f.register(t, 42), f.register(t, 43), f.register(t, 44)
	for _, in := range []domain.IncomingFile{document("a"), document("b"), photo("c"), photo("d"), photo("e")} {
		f.save(t, ann.ID, in)
	}
	gif := document("f")
	gif.MIMEType = "image/gif"
	f.save(t, ann.ID, gif)
	f.saveDeleted(t, ann.ID, "gone")
	f.save(t, bob.ID, document("a"))

	tests := []struct {
		name  string
		owner int64
		want  app.KindCounts
	}{
		{"files are counted per kind and in all, trashed ones apart", ann.ID, app.KindCounts{
			ByKind:  map[domain.Kind]int{domain.KindDocument: 2, domain.KindPhoto: 3, domain.KindAnimation: 1},
			Total:   6,
			Trashed: 1,
		}},
		{"another user's files are counted apart", bob.ID, app.KindCounts{
			ByKind: map[domain.Kind]int{domain.KindDocument: 1},
			Total:  1,
		}},
		{"an empty library counts nothing", carol.ID, app.KindCounts{ByKind: map[domain.Kind]int{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.app.Queries.FileCounts.Handle(context.Background(), tt.owner)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
