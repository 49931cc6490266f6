package views

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestViewsArePure: what the user sees is pure functions with no network. The code of views
// (tests aside) imports the standard library's pure packages, domain, app, the bot library's
// models and x/text only: never the telegram adapter or its other rooms (updates, flood), never
// the bot client, never the network.
func TestViewsArePure(t *testing.T) {
	allowed := func(path string) bool {
		switch {
		case path == "github.com/filekeeper/filekeeper/internal/domain",
			path == "github.com/filekeeper/filekeeper/internal/app",
			path == "github.com/go-telegram/bot/models",
			strings.HasPrefix(path, "golang.org/x/text/"):
			return true
		case strings.HasPrefix(path, "net"), strings.HasPrefix(path, "os"), path == "io", path == "database/sql":
			return false
		}
		return !strings.Contains(path, ".") // the rest of the standard library
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			if !allowed(path) {
				t.Errorf("%s imports %s: views are pure functions of domain and app values", name, path)
			}
		}
	}
}
