package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"testing"
)

// TestRegistry checks the list of rewriters: unique names, and golden cases
// for every entry.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Registry() {
		if r.Name() == "" || seen[r.Name()] {
			t.Errorf("rewriter name %q is empty or listed twice", r.Name())
		}
		seen[r.Name()] = true
		if fs, _ := filepath.Glob(filepath.Join("testdata", r.Name(), "*.golden")); len(fs) == 0 {
			t.Errorf("rewriter %s has no golden files under testdata/%s", r.Name(), r.Name())
		}
	}
	if len(seen) == 0 {
		t.Fatal("empty registry")
	}
	// Every rewriter has a fuzz target, and it exists.
	f, err := parser.ParseFile(token.NewFileSet(), "fuzz_test.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	funcs := map[string]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			funcs[fd.Name.Name] = true
		}
	}
	for name := range seen {
		fz := fuzzTargetFor()[name]
		if fz == "" || !funcs[fz] {
			t.Errorf("rewriter %s has no fuzz target in fuzz_test.go", name)
		}
	}
}

// TestGolden runs the golden cases of every registered rewriter.
func TestGolden(t *testing.T) {
	for _, r := range Registry() {
		t.Run(r.Name(), func(t *testing.T) { runGolden(t, r) })
	}
}

// TestHelperFileNotMatched: generated helpers are never rewritten.
func TestHelperFileNotMatched(t *testing.T) {
	for _, p := range []string{"secretsweep_secrets.go", "a/secretsweep_secrets.py", "secretsweep_secrets.mjs", "secretsweep_secrets.cjs", "x/SecretsweepSecrets.java"} {
		if r := For(p); r != nil {
			t.Errorf("For(%s) = %s, want nil", p, r.Name())
		}
	}
}
