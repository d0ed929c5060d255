package rewrite

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// rewriteCase rewrites one golden case.
func rewriteCase(t *testing.T, c goldenCase) *Change {
	t.Helper()
	src, err := os.ReadFile(c.input)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := For(c.path).Rewrite(c.path, src, c.targets)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// TestGoOutputsBuild compiles every rewritten Go golden case with its
// helper (go build with this module's aws-sdk-go-v2, module cache only).
func TestGoOutputsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Go programs")
	}
	for _, c := range goldenCases(t, "go") {
		t.Run(c.name, func(t *testing.T) {
			ch := rewriteCase(t, c)
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, filepath.Base(c.path)), ch.Content)
			for name, content := range ch.Files {
				writeFile(t, filepath.Join(dir, name), content)
			}
			goModule(t, dir)
			runCmd(t, dir, []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"}, "go", "vet", ".")
		})
	}
}

// TestJavaScriptOutputsCheck checks every rewritten JavaScript golden case
// and its helper with node --check (Node's own parser).
func TestJavaScriptOutputsCheck(t *testing.T) {
	_, err := exec.LookPath("node")
	testenv.Require(t, err == nil, "node", "apt-get install nodejs")
	for _, c := range goldenCases(t, "javascript") {
		t.Run(c.name, func(t *testing.T) {
			ch := rewriteCase(t, c)
			dir := t.TempDir()
			ext := ".cjs"
			if _, ok := ch.Files[helperBase+".mjs"]; ok {
				ext = ".mjs"
			}
			file := filepath.Join(dir, "out"+ext)
			writeFile(t, file, ch.Content)
			files := []string{file}
			for name, content := range ch.Files {
				writeFile(t, filepath.Join(dir, name), content)
				files = append(files, filepath.Join(dir, name))
			}
			for _, f := range files {
				runCmd(t, dir, nil, "node", "--check", f)
			}
		})
	}
}

// goModule writes go.mod and go.sum for a temporary module that uses this
// repository's dependency versions.
func goModule(t *testing.T, dir string) {
	t.Helper()
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	gosum, err := os.ReadFile("../../go.sum")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(gomod), "\n", 2)
	writeFile(t, filepath.Join(dir, "go.mod"), []byte("module example.com/fixture\n"+lines[1]))
	writeFile(t, filepath.Join(dir, "go.sum"), gosum)
}
