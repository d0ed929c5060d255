package migrate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestApplyRefusesDirtyFiles: --apply does not mix the rewrite with the
// user's uncommitted edits: it stops before storing anything, naming the
// files, unless --allow-dirty. A temporary file an interrupted run left is
// removed by the next run.
func TestApplyRefusesDirtyFiles(t *testing.T) {
	api, _ := startMoto(t)
	dir := newFixture(t)
	main := filepath.Join(dir, "svc/main.go")
	b, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, main, string(b)+"\n// work in progress\n", 0o644)
	stale := filepath.Join(dir, "svc", ".secretsweep_secrets.go.secretsweep-1234567")
	writeTestFile(t, stale, "package main // half written\n", 0o644)

	out, _, err := runMigrate(t, dir, ModeApply, api, nil)
	if !errors.Is(err, ErrDirty) || !strings.Contains(err.Error(), "svc/main.go") || !strings.Contains(err.Error(), "--allow-dirty") {
		t.Fatalf("err = %v, want ErrDirty naming svc/main.go\n%s", err, out)
	}
	if strings.Contains(err.Error(), "app/settings.py") {
		t.Errorf("a clean file is named dirty: %v", err)
	}
	if n := len(secretsInMoto(t, api)); n != 0 {
		t.Errorf("%d secrets stored before refusing", n)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale temporary file is still there")
	}

	out, _, err = runMigrate(t, dir, ModeApply, api, func(o *Options) { o.AllowDirty = true })
	if err != nil {
		t.Fatalf("--allow-dirty: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(main); strings.Contains(string(b), fxStripe) || !strings.Contains(string(b), "work in progress") {
		t.Errorf("svc/main.go not rewritten with the user's edit kept:\n%s", b)
	}
}
