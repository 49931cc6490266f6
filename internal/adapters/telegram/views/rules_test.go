package views

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

// TestLanguagesHoldNoCaseLogic makes a text missing in one language impossible: a language file
// only says things, one message per case. Inside a Texts value no function branches (the shared
// code picks the case: FlowName, NameRule, the views), and a helper of a language may branch only
// on numbers (plural forms, units of a duration), never on a kind, a step or a name.
func TestLanguagesHoldNoCaseLogic(t *testing.T) {
	numeric := map[string]bool{"int": true, "int64": true, "time.Duration": true}
	for _, name := range languageFiles {
		t.Run(name, func(t *testing.T) {
			file, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
			require.NoError(t, err)
			ast.Inspect(file, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					ast.Inspect(n.Body, func(n ast.Node) bool {
						switch n.(type) {
						case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
							t.Errorf("%s: a text branches: give each case its own Texts field", name)
						}
						return true
					})
					return false
				case *ast.FuncDecl:
					words := map[string]bool{} // the parameters that are not numbers
					for _, field := range n.Type.Params.List {
						if !numeric[typeName(field.Type)] {
							for _, id := range field.Names {
								words[id.Name] = true
							}
						}
					}
					ast.Inspect(n.Body, func(m ast.Node) bool {
						var conds []ast.Expr
						switch m := m.(type) {
						case *ast.IfStmt:
							conds = append(conds, m.Cond)
						case *ast.SwitchStmt:
							conds = append(conds, m.Tag)
							for _, c := range m.Body.List {
								conds = append(conds, c.(*ast.CaseClause).List...)
							}
						case *ast.TypeSwitchStmt, *ast.SelectStmt:
							t.Errorf("%s: %s branches on types", name, n.Name.Name)
						}
						for _, c := range conds {
							if c == nil {
								continue
							}
							ast.Inspect(c, func(e ast.Node) bool {
								if id, ok := e.(*ast.Ident); ok && words[id.Name] {
									t.Errorf("%s: %s branches on %s, which is not a number", name, n.Name.Name, id.Name)
								}
								return true
							})
						}
						return true
					})
				}
				return true
			})
		})
	}
}

func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return typeName(e.X) + "." + e.Sel.Name
	}
	return "?"
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
