package telegram_test

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const adapter = "github.com/filekeeper/filekeeper/internal/adapters/telegram"

// rooms are the adapter's sub-packages that telegram imports and that import neither telegram
// nor each other: how updates arrive, Telegram's limits, what the user sees.
var rooms = []string{"updates", "flood", "views"}

// forbiddenEverywhere are imports no file of the adapter may have: the Telegram adapter does not
// reach into the Postgres adapter, nor talk SQL itself.
var forbiddenEverywhere = []string{"github.com/filekeeper/filekeeper/internal/adapters/postgres", "github.com/jackc/pgx"}

// importsUnder maps each .go file under dir (tests included) to its import paths.
func importsUnder(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, spec := range f.Imports {
			p, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return err
			}
			out[path] = append(out[path], p)
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

// roomViolations are the imports of a room's file that break the rule: the adapter itself, or
// another room.
func roomViolations(room string, imports []string) []string {
	var bad []string
	for _, p := range imports {
		if p == adapter {
			bad = append(bad, p)
			continue
		}
		for _, other := range rooms {
			if other != room && (p == adapter+"/"+other || strings.HasPrefix(p, adapter+"/"+other+"/")) {
				bad = append(bad, p)
			}
		}
	}
	return bad
}

func TestTheAdapterRoomsImportNeitherTheAdapterNorEachOther(t *testing.T) {
	found := 0
	for _, room := range rooms {
		if _, err := os.Stat(room); errors.Is(err, fs.ErrNotExist) {
			continue // a room not built yet (views)
		}
		files := importsUnder(t, room)
		require.NotEmpty(t, files, "%s has no Go file", room)
		found++
		for file, imports := range files {
			assert.Empty(t, roomViolations(room, imports), "%s imports what the rule forbids", file)
		}
	}
	assert.GreaterOrEqual(t, found, 2, "the rule checked updates and flood at least")
}

func TestTheRuleCatchesAForbiddenImport(t *testing.T) {
	assert.Equal(t, []string{adapter}, roomViolations("updates", []string{"context", adapter}))
	assert.Equal(t, []string{adapter + "/flood"}, roomViolations("updates", []string{adapter + "/flood", adapter + "/tgtest"}))
	assert.Empty(t, roomViolations("flood", []string{adapter + "/tgtest", "github.com/filekeeper/filekeeper/internal/logging"}))
}

func TestNothingInTheAdapterImportsThePostgresAdapterOrPgx(t *testing.T) {
	files := importsUnder(t, ".")
	require.NotEmpty(t, files)
	for file, imports := range files {
		for _, p := range imports {
			for _, f := range forbiddenEverywhere {
				assert.False(t, p == f || strings.HasPrefix(p, f+"/"), "%s imports %s", file, p)
			}
		}
	}
}
