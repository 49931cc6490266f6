package views

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"time"

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
					t.Errorf("%s: %T: a language holds no control flow; give each case its own Texts field", fset.Position(n.Pos()), n)
				}
				return true
			})
		})
	}
}

// TestEveryFlowCancelsInEveryLanguage: /cancel names the flow it left, for every step, with its
// subject and with its subject gone, in every language, each differently.
func TestEveryFlowCancelsInEveryLanguage(t *testing.T) {
	steps := []domain.Step{domain.StepRenameFile, domain.StepNewCategory, domain.StepRenameCategory, domain.StepUpload, domain.StepSearch}
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

// TestEnglishCountsByCLDR: the CLDR rules of English pick the form of a count, and a link never
// used has words of its own.
func TestEnglishCountsByCLDR(t *testing.T) {
	assert.Equal(t, []string{"0 files", "1 file", "2 files", "21 files"}, []string{enFiles(0), enFiles(1), enFiles(2), enFiles(21)})
	assert.Equal(t, "1 minute", enDuration(time.Minute))
	assert.Equal(t, "2 days", enDuration(48*time.Hour))
	assert.Equal(t, "3 hours", enDuration(3*time.Hour))
	assert.Equal(t, []string{"used once", "used 3 times"}, []string{enUsed(1), enUsed(3)})
	assert.Equal(t, "• a.pdf — never used\n  u", English.linkLine("a.pdf", "u", 0))
	assert.Equal(t, "• a.pdf — used once\n  u", English.linkLine("a.pdf", "u", 1))
	assert.Equal(t, "• a.pdf — ещё не использовали\n  u", Russian.linkLine("a.pdf", "u", 0))
}
