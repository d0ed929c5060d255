package migrate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/migrate/gitops"
)

// TestRunNeedsInjectedAccess: without the scan, the git access or (for
// --pr) the pull request access that cmd injects, Run fails before
// scanning or writing anything.
func TestRunNeedsInjectedAccess(t *testing.T) {
	scanned := false
	scan := func(context.Context, ScanRequest) (*finding.Result, error) {
		scanned = true
		return &finding.Result{}, nil
	}
	for _, tc := range []struct {
		name string
		edit func(*Options)
		err  string
	}{
		{"no scan", func(o *Options) { o.Scan = nil }, "no scanner"},
		{"no git", func(o *Options) { o.Git = nil }, "no git access"},
		{"no pull request access", func(o *Options) { o.Mode, o.PR = ModePR, PROptions{} }, "no pull request access"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			testenv.NewGit(t).Init(dir)
			scanned = false
			o := Options{Path: dir, Mode: ModePlan, Hasher: testHasher, Scan: scan, Git: gitops.Git{}}
			tc.edit(&o)
			_, err := Run(context.Background(), o)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("err = %v, want %q", err, tc.err)
			}
			if scanned {
				t.Error("scanned before failing")
			}
			if _, err := os.Stat(filepath.Join(dir, JournalDir)); err == nil {
				t.Error("state directory written before failing")
			}
		})
	}
}
