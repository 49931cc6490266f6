// Package layout holds the test that keeps the import rules of ARCHITECTURE.md: imports point
// inward (adapters → app → domain), the Telegram adapter's rooms stay apart, and what plays the
// world outside the hexagon (the local Bot API, the sandbox) never reaches into it.
package layout

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/filekeeper/filekeeper/"

// imports maps each package directory (relative to the module root, slash-separated) to the
// imports of its non-test files.
func imports(t *testing.T) map[string]map[string]bool {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	pkgs := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(rel)
		if pkgs[dir] == nil {
			pkgs[dir] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			pkgs[dir][p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// local returns the module-relative path of an import of this module, or "" for any other.
func local(imp string) string {
	if rest, ok := strings.CutPrefix(imp, module); ok {
		return rest
	}
	return ""
}

func stdlib(imp string) bool { return !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") }

// under reports whether dir is pkg or below it.
func under(dir, pkg string) bool { return dir == pkg || strings.HasPrefix(dir, pkg+"/") }

// rule says whether a package may import imp; it returns a reason when it may not.
type rule struct {
	name    string
	applies func(dir string) bool
	refuses func(dir, imp string) bool
}

var rules = []rule{
	{
		name:    "domain imports the standard library only",
		applies: func(dir string) bool { return under(dir, "internal/domain") },
		refuses: func(_, imp string) bool { return !stdlib(imp) },
	},
	{
		// The app's sub-packages (backup, replies) are use cases over the app's ports, so they
		// import the app; the app never imports them back (Go refuses the cycle).
		name:    "app imports domain, its own packages, the standard library, fx and zap only",
		applies: func(dir string) bool { return under(dir, "internal/app") },
		refuses: func(_, imp string) bool {
			if l := local(imp); stdlib(imp) || under(l, "internal/domain") || under(l, "internal/app") {
				return false
			}
			return !strings.HasPrefix(imp, "go.uber.org/")
		},
	},
	{
		name:    "an adapter never imports another adapter",
		applies: func(dir string) bool { return under(dir, "internal/adapters") },
		refuses: func(dir, imp string) bool {
			l := local(imp)
			if !under(l, "internal/adapters") {
				return false
			}
			own := strings.SplitN(strings.TrimPrefix(dir, "internal/adapters/"), "/", 2)[0]
			return !under(l, "internal/adapters/"+own)
		},
	},
	{
		name:    "the Telegram adapter holds no SQL",
		applies: func(dir string) bool { return under(dir, "internal/adapters/telegram") },
		refuses: func(_, imp string) bool {
			return strings.HasPrefix(imp, "github.com/jackc/") || under(local(imp), "db")
		},
	},
	{
		name: "views, updates and flood never import the adapter or each other",
		applies: func(dir string) bool {
			return room(dir) != ""
		},
		refuses: func(dir, imp string) bool {
			l := local(imp)
			if !under(l, "internal/adapters/telegram") {
				return false
			}
			return room(l) != room(dir) // the adapter itself has no room: refused too
		},
	},
	{
		name:    "views are pure: domain, app, the bot library's models, x/text and the standard library's pure packages only",
		applies: func(dir string) bool { return room(dir) == "views" },
		refuses: func(_, imp string) bool {
			switch l := local(imp); {
			case l == "internal/domain", l == "internal/app", imp == "github.com/go-telegram/bot/models",
				strings.HasPrefix(imp, "golang.org/x/text/"), room(l) == "views": // its own parts (views/texts) are as pure
				return false
			case strings.HasPrefix(imp, "net"), strings.HasPrefix(imp, "os"), imp == "io", imp == "database/sql":
				return true
			}
			return !stdlib(imp)
		},
	},
	{
		name: "the world outside the hexagon (botapi, sandbox, tcpproxy, childproc) never reaches into it",
		applies: func(dir string) bool {
			for _, p := range []string{"internal/botapi", "internal/sandbox", "internal/tcpproxy", "internal/childproc"} {
				if under(dir, p) {
					return true
				}
			}
			return false
		},
		refuses: func(_, imp string) bool {
			l := local(imp)
			return under(l, "internal/adapters") || under(l, "internal/app") || under(l, "internal/domain")
		},
	},
	{
		name:    "nothing in internal imports the binary or the bench",
		applies: func(dir string) bool { return under(dir, "internal") },
		refuses: func(_, imp string) bool {
			l := local(imp)
			return under(l, "cmd") || under(l, "bench")
		},
	},
}

// room returns which room of the Telegram adapter dir is in ("views", "updates", "flood"), or "".
func room(dir string) string {
	rest, ok := strings.CutPrefix(dir, "internal/adapters/telegram/")
	if !ok {
		return ""
	}
	switch r := strings.SplitN(rest, "/", 2)[0]; r {
	case "views", "updates", "flood":
		return r
	}
	return ""
}

func TestImportsPointInwardAndTheRoomsStayApart(t *testing.T) {
	pkgs := imports(t)
	for _, must := range []string{"internal/domain", "internal/app", "internal/adapters/telegram", "internal/botapi"} {
		if pkgs[must] == nil {
			t.Fatalf("no package found at %s: the test walks the wrong tree", must)
		}
	}
	dirs := make([]string, 0, len(pkgs))
	for d := range pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, r := range rules {
		for _, dir := range dirs {
			if !r.applies(dir) {
				continue
			}
			for imp := range pkgs[dir] {
				if r.refuses(dir, imp) {
					t.Errorf("%s: %s imports %s", r.name, dir, imp)
				}
			}
		}
	}
}

// Each rule refuses what it is written against: a rule that cannot fail guards nothing.
func TestEveryRuleRefusesItsOwnViolation(t *testing.T) {
	violations := map[string][2]string{
		rules[0].name: {"internal/domain", "go.uber.org/zap"},
		rules[1].name: {"internal/app", module + "internal/adapters/postgres"},
		rules[2].name: {"internal/adapters/telegram", module + "internal/adapters/postgres"},
		rules[3].name: {"internal/adapters/telegram/views", "github.com/jackc/pgx/v5"},
		rules[4].name: {"internal/adapters/telegram/updates", module + "internal/adapters/telegram/flood"},
		rules[5].name: {"internal/adapters/telegram/views", "github.com/go-telegram/bot"},
		rules[6].name: {"internal/botapi", module + "internal/domain"},
		rules[7].name: {"internal/app", module + "cmd/filekeeper"},
	}
	if len(violations) != len(rules) {
		t.Fatalf("%d rules, %d violations: give every rule one", len(rules), len(violations))
	}
	for _, r := range rules {
		v := violations[r.name]
		if !r.applies(v[0]) || !r.refuses(v[0], v[1]) {
			t.Errorf("%q lets %s import %s", r.name, v[0], v[1])
		}
	}
	allowed := [][2]string{
		{"internal/adapters/telegram", module + "internal/adapters/telegram/views"},
		{"internal/adapters/telegram/updates", module + "internal/logging"},
		{"internal/adapters/postgres/pgtest", module + "internal/adapters/postgres"},
		{"internal/app", module + "internal/domain"},
		{"internal/adapters/telegram/views", "golang.org/x/text/feature/plural"},
		{"internal/adapters/telegram/views", "github.com/go-telegram/bot/models"},
	}
	for _, a := range allowed {
		for _, r := range rules {
			if r.applies(a[0]) && r.refuses(a[0], a[1]) {
				t.Errorf("%q refuses %s importing %s, which the design allows", r.name, a[0], a[1])
			}
		}
	}
}

// make fuzz runs every fuzz target: one written and left out of the Makefile would never run.
func TestMakeFuzzRunsEveryFuzzTarget(t *testing.T) {
	root := "../.."
	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Fuzz") {
				continue
			}
			found++
			rel, err := filepath.Rel(root, filepath.Dir(path))
			if err != nil {
				return err
			}
			target := "./" + filepath.ToSlash(rel) + ":" + fn.Name.Name
			if !strings.Contains(string(makefile), target+" ") && !strings.Contains(string(makefile), target+"\n") {
				t.Errorf("make fuzz does not run %s: add it to FUZZ_TARGETS", target)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("no fuzz target found: the test walks the wrong tree")
	}
}
