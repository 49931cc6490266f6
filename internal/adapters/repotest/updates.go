package repotest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
)

func testUpdates(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork) {
	tests := []struct {
		name   string
		claims []int64
		want   []bool
	}{
		{"the first claim of an update succeeds", []int64{7}, []bool{true}},
		{"a second claim of the same update fails", []int64{7, 7}, []bool{true, false}},
		{"claims of different updates are independent", []int64{7, 8, 7, 9}, []bool{true, true, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uow := newUOW(t)
			for i, id := range tt.claims {
				// Each claim in its own unit of work, as replays arrive.
				do(t, uow, func(ctx context.Context, r app.Repos) {
					first, err := r.Updates.Claim(ctx, id)
					require.NoError(t, err)
					assert.Equal(t, tt.want[i], first, "claim %d of update %d", i, id)
				})
			}
		})
	}
	t.Run("a claim twice within one unit of work succeeds only once", func(t *testing.T) {
		do(t, newUOW(t), func(ctx context.Context, r app.Repos) {
			first, err := r.Updates.Claim(ctx, 7)
			require.NoError(t, err)
			again, err := r.Updates.Claim(ctx, 7)
			require.NoError(t, err)
			assert.True(t, first)
			assert.False(t, again)
		})
	})
}
