package texts

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// languageFiles are the files that hold one language each.
var languageFiles = []string{"en.go", "ru.go"}

// TestLanguagesHoldNoControlFlow makes a text missing in one language impossible: a language file
// only says things, one message per case. No function of it branches or loops, not even on a
// number: the shared code picks the case (FlowName, NameRule, the views) and CLDR the plural form.
func TestLanguagesHoldNoControlFlow(t *testing.T) {
	for _, name := range languageFiles {
		t.Run(name, func(t *testing.T) {
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, name, nil, 0)
			require.NoError(t, err)
			ast.Inspect(file, func(n ast.Node) bool {
				switch n.(type) {
				case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
					t.Errorf("%s: %T: a language holds no control flow; give each case its own Catalog field", fset.Position(n.Pos()), n)
				}
				return true
			})
		})
	}
}

// TestEveryFlowCancelsInEveryLanguage: /cancel names the flow it left, for every step, with its
// subject and with its subject gone, in every language, each differently.
func TestEveryFlowCancelsInEveryLanguage(t *testing.T) {
	steps := []domain.Step{domain.StepRenameFile, domain.StepNewCategory, domain.StepRenameCategory, domain.StepUpload, domain.StepSearch, domain.StepRenameAlbum}
	for _, s := range steps {
		require.True(t, s.Valid())
	}
	for lang, texts := range languages {
		said := map[string]string{}
		for _, step := range steps {
			for _, subject := range []string{"Work", ""} {
				text := texts.CancelledFlow(texts.FlowName(step, subject))
				what := lang + " " + string(step) + " «" + subject + "»"
				assert.NotContains(t, text, "“”", what)
				assert.NotContains(t, text, "«»", what)
				assert.False(t, strings.HasSuffix(text, " ."), "%s: %q ends on nothing", what, text)
				if step == domain.StepNewCategory || step == domain.StepSearch {
					continue // these flows have no subject
				}
				if subject != "" {
					assert.Contains(t, text, subject, what)
				}
				if other, ok := said[text]; ok {
					t.Errorf("%s says %q, as %s does", what, text, other)
				}
				said[text] = what
			}
		}
	}
	assert.Equal(t, "Cancelled: the search.", English.CancelledFlow(English.FlowName(domain.StepSearch, "")))
	assert.Equal(t, "Отменено: поиск.", Russian.CancelledFlow(Russian.FlowName(domain.StepSearch, "")))
	assert.Equal(t, "Cancelled: the upload.", English.CancelledFlow(English.FlowName(domain.StepUpload, English.NoCategory)))
}
