package postgres

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/postgres/sqlcgen"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestInterpretError(t *testing.T) {
	other := errors.New("connection reset")
	tests := []struct {
		name    string
		err     error
		want    error
		notWant error
	}{
		{"no error stays no error", nil, nil, nil},
		{"no rows is not found", pgx.ErrNoRows, domain.ErrNotFound, domain.ErrDuplicate},
		{"wrapped no rows is not found", fmt.Errorf("scan: %w", pgx.ErrNoRows), domain.ErrNotFound, nil},
		{"a unique violation is a duplicate", &pgconn.PgError{Code: "23505", ConstraintName: "users_telegram_id_key"}, domain.ErrDuplicate, domain.ErrNotFound},
		{"another violation is neither", &pgconn.PgError{Code: "23503"}, &pgconn.PgError{}, domain.ErrDuplicate},
		{"any other error is wrapped", other, other, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := interpretError(tt.err)
			if tt.want == nil {
				assert.NoError(t, got)
				return
			}
			var pgErr *pgconn.PgError
			if errors.As(tt.want, &pgErr) {
				assert.ErrorAs(t, got, &pgErr)
			} else {
				assert.ErrorIs(t, got, tt.want)
			}
			if tt.notWant != nil {
				assert.NotErrorIs(t, got, tt.notWant)
			}
		})
	}
}

func TestToDomainFileRefusesAnUnknownKind(t *testing.T) {
	_, err := toDomainFile(sqlcgen.File{ID: 1, Kind: "sticker", Carrier: "document"})
	assert.Error(t, err)
	_, err = toDomainFile(sqlcgen.File{ID: 1, Kind: "photo", Carrier: "sticker"})
	assert.Error(t, err)
	f, err := toDomainFile(sqlcgen.File{ID: 1, Kind: "photo", Carrier: "document", FileUniqueID: "u"})
	require.NoError(t, err)
	assert.Equal(t, domain.KindPhoto, f.Kind)
	assert.Equal(t, domain.KindDocument, f.Carrier)
	assert.Equal(t, "u", f.UniqueID)
}

func TestConfigDefaults(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/xdg")
	cfg := Config{}.withDefaults()
	assert.Equal(t, "/xdg/filekeeper/postgres", cfg.EmbeddedDataDir)
	assert.Equal(t, DefaultEmbeddedPort, cfg.EmbeddedPort)

	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/ada")
	assert.Equal(t, "/home/ada/.local/share/filekeeper/postgres", DefaultEmbeddedDataDir())
	kept := Config{EmbeddedDataDir: "/data", EmbeddedPort: 1}.withDefaults()
	assert.Equal(t, Config{EmbeddedDataDir: "/data", EmbeddedPort: 1}, kept)
}

func TestLikePattern(t *testing.T) {
	tests := []struct {
		name   string
		query  string
		prefix bool
		want   string
	}{
		{"a plain word is found anywhere", "report", false, `%report%`},
		{"a plain word is found at the start", "report", true, `report%`},
		{"a percent sign is taken literally", "50%", false, `%50\%%`},
		{"an underscore is taken literally", "a_b", true, `a\_b%`},
		{"a backslash is taken literally", `back\slash`, false, `%back\\slash%`},
		{"a query of wildcards only matches them only", `%_\`, false, `%\%\_\\%`},
		{"letters beyond ASCII and case are kept (lower() folds both sides)", "Отчёт", false, `%Отчёт%`},
		{"an empty query matches everything", "", false, `%%`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, likePattern(tt.query, tt.prefix))
		})
	}
}

func TestClampInt32(t *testing.T) {
	assert.Equal(t, int32(8), clampInt32(8))
	assert.Equal(t, int32(math.MaxInt32), clampInt32(math.MaxInt32+8), "saturated, not wrapped to 7")
	assert.Equal(t, int32(math.MinInt32), clampInt32(math.MinInt32-8))
}
