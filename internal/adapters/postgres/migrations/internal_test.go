package migrations

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPgx5URL(t *testing.T) {
	tests := []struct {
		name, in, want string
		fails          bool
	}{
		{"postgres becomes pgx5", "postgres://u:p@h:5432/db?sslmode=disable", "pgx5://u:p@h:5432/db?sslmode=disable", false},
		{"postgresql becomes pgx5", "postgresql://h/db", "pgx5://h/db", false},
		{"pgx5 stays pgx5", "pgx5://h/db", "pgx5://h/db", false},
		{"another scheme is refused", "mysql://h/db", "", true},
		{"an unparsable URL is refused without quoting it", "postgres://u:secret@[::1/x", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pgx5URL(tt.in)
			if tt.fails {
				require.Error(t, err)
				assert.NotContains(t, err.Error(), "secret")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
