package telegram

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/adapters/telegram/views"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// domainErrors reads internal/domain's source: every exported Err* variable with the message it
// is made with (errors.New("…")), and every exported *Error type.
func domainErrors(t *testing.T) (sentinels map[string]string, types []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "domain", "*.go"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "internal/domain not found from %s", ".")
	sentinels = map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gen.Specs {
				switch s := spec.(type) {
				case *ast.ValueSpec:
					for i, id := range s.Names {
						if !id.IsExported() || !strings.HasPrefix(id.Name, "Err") {
							continue
						}
						require.Less(t, i, len(s.Values), "%s has no value", id.Name)
						sentinels[id.Name] = newErrorMessage(t, id.Name, s.Values[i])
					}
				case *ast.TypeSpec:
					if s.Name.IsExported() && strings.HasSuffix(s.Name.Name, "Error") {
						types = append(types, s.Name.Name)
					}
				}
			}
		}
	}
	return sentinels, types
}

// newErrorMessage is the message of a sentinel declared as errors.New("…"): what ties the name
// in the source to the value in the refusals table.
func newErrorMessage(t *testing.T, name string, v ast.Expr) string {
	t.Helper()
	call, ok := v.(*ast.CallExpr)
	require.True(t, ok, "%s: declare domain sentinels as errors.New(\"…\") so this test can find its words", name)
	fn, ok := call.Fun.(*ast.SelectorExpr)
	require.True(t, ok && fn.Sel.Name == "New" && len(call.Args) == 1, "%s: declare it as errors.New(\"…\")", name)
	lit, ok := call.Args[0].(*ast.BasicLit)
	require.True(t, ok && lit.Kind == token.STRING, "%s: its message must be a string literal", name)
	msg, err := strconv.Unquote(lit.Value)
	require.NoError(t, err)
	return msg
}

// typeOf is the domain error type of a typed refusal; false for a sentinel's.
func typeOf(r refusal) (reflect.Type, bool) {
	typ := reflect.TypeOf(r.of)
	if typ.Kind() != reflect.Pointer || typ.Elem().PkgPath() != reflect.TypeOf(domain.File{}).PkgPath() {
		return nil, false
	}
	return typ.Elem(), true
}

// rowOfSentinel is the refusal whose domain error is the sentinel with message msg.
func rowOfSentinel(msg string) (refusal, bool) {
	for _, r := range refusals {
		if _, typed := typeOf(r); !typed && r.of.Error() == msg {
			return r, true
		}
	}
	return refusal{}, false
}

// rowOfType is the refusal of the domain error type *name.
func rowOfType(name string) (refusal, bool) {
	for _, r := range refusals {
		if typ, typed := typeOf(r); typed && typ.Name() == name {
			return r, true
		}
	}
	return refusal{}, false
}

// example is an error of a refusal as a use case returns it: wrapped, a typed one with zero data.
func example(r refusal) error {
	err := r.of
	if typ, typed := typeOf(r); typed {
		err = reflect.New(typ).Interface().(error)
	}
	return fmt.Errorf("some use case: %w", err)
}

// assertTold checks that every words of r exist in every language, and that r is the refusal
// failureOf finds for its error (not a row before it).
func assertTold(t *testing.T, r refusal) {
	t.Helper()
	err := example(r)
	for lang, texts := range views.Languages {
		for _, tp := range append([]topic{onAnything}, r.topics...) {
			f := failureOf(texts, subject{topic: tp, name: "Work"}, err)
			assert.Equal(t, r.cause, f.cause, "%v is told by an earlier row", err)
			assert.NotEmpty(t, strings.TrimSpace(f.text), "%v has no words in %s on topic %d", err, lang, tp)
			assert.NotContains(t, f.text, "%!", "%v is told with a broken format in %s", err, lang)
		}
	}
}

func TestEveryDomainErrorIsToldInEveryLanguage(t *testing.T) {
	sentinels, types := domainErrors(t)
	require.NotEmpty(t, sentinels, "no Err* variables found in internal/domain")
	require.NotEmpty(t, types, "no *Error types found in internal/domain")

	messages := map[string]string{}
	for name, msg := range sentinels {
		t.Run("domain."+name+" is told", func(t *testing.T) {
			require.NotContains(t, messages, msg, "%s has the message of %s: give it its own", name, messages[msg])
			messages[msg] = name
			r, ok := rowOfSentinel(msg)
			require.True(t, ok, "failures.go has no words for domain.%s: add a row to refusals", name)
			assertTold(t, r)
		})
	}
	for _, name := range types {
		t.Run("*domain."+name+" is told", func(t *testing.T) {
			r, ok := rowOfType(name)
			require.True(t, ok, "failures.go has no words for *domain.%s: add a typed row to refusals", name)
			assertTold(t, r)
		})
	}
	t.Run("every row of the table is of a domain error", func(t *testing.T) {
		assert.Equal(t, len(sentinels)+len(types), len(refusals), "refusals has a row of no domain error, or two of one")
	})
}

func TestFailureOfTellsTheDataAndTheSubjectsWords(t *testing.T) {
	en := views.English
	cases := []struct {
		name string
		s    subject
		err  error
		want failure
	}{
		{"no error is no refusal", subject{topic: onFile}, nil, failure{}},
		{"an error of the system is no refusal", subject{topic: onFile}, errors.New("connection reset"), failure{}},
		{"another user's file is not theirs", subject{topic: onFile}, fmt.Errorf("get: %w", domain.ErrForbidden),
			failure{causeForbidden, en.NotYourFile}},
		{"another user's file in a flow is gone", subject{topic: onFlowFile}, domain.ErrForbidden, failure{causeForbidden, en.FileGone}},
		{"a category not found is gone", subject{topic: onCategory}, domain.ErrNotFound, failure{causeNotFound, en.CategoryGone}},
		{"a shared file never opened", subject{topic: onSharedFile}, domain.ErrForbidden, failure{causeForbidden, en.LinkNotOpened}},
		{"stats refused look like an unknown command", subject{topic: onStats}, domain.ErrForbidden,
			failure{causeForbidden, en.UnknownCommand("/stats")}},
		{"a taken name is repeated", subject{topic: onCategory, name: "Work"}, fmt.Errorf("create: %w", domain.ErrDuplicate),
			failure{causeDuplicate, en.CategoryExists("Work")}},
		{"a quota says its numbers", subject{}, &domain.QuotaError{Quota: domain.QuotaFiles, Limit: 10, Used: 10},
			failure{causeQuota, en.QuotaFiles(10, 10)}},
		{"a category limit is not a file quota", subject{}, &domain.CategoryLimitError{Limit: 5},
			failure{causeCategoryLimit, en.CategoryLimit(5)}},
		{"a limit without data is told in general", subject{}, domain.ErrQuotaExceeded, failure{causeLimit, en.LimitReached}},
		{"a long query says the most", subject{topic: onSearch}, &domain.QueryError{TooLong: true, Max: 200},
			failure{causeBadQuery, en.QueryTooLong(200)}},
		{"a name refused says the rule", subject{}, &domain.NameError{Reason: domain.NameTooLong, Max: 64},
			failure{causeBadName, en.NameRuleTooLong(64)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, failureOf(en, c.s, c.err))
		})
	}
}
