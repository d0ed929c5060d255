package migrate

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/migrate/gitops"
)

// heavyDeps are the modules of the scan engine (gitleaks and its regex
// engines) and of git access (go-git, go-billy, gcfg).
var heavyDeps = regexp.MustCompile(`gitleaks|go-git|go-re2`)

// TestLightDependencies: the packages that consume findings (migrate, the
// report writers) get the scan and git access injected and link neither
// the engine nor go-git, as `go list -deps` shows for each build of them.
func TestLightDependencies(t *testing.T) {
	_, err := exec.LookPath("go")
	testenv.Require(t, err == nil, "the go command", "https://go.dev/dl/")
	const mod = "github.com/secretsweep/secretsweep/"
	for _, tags := range []string{"", "gore2regex", "gore2regex,re2_cgo"} {
		for _, pkg := range []string{"migrate", "internal/report"} {
			t.Run(pkg+"/"+tags, func(t *testing.T) {
				out, err := exec.Command("go", "list", "-tags="+tags, "-deps", mod+pkg).CombinedOutput()
				if err != nil {
					t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
				}
				deps := strings.Fields(string(out))
				if len(deps) < 2 || deps[len(deps)-1] != mod+pkg {
					t.Fatalf("go list -deps %s printed no dependency list:\n%s", pkg, out)
				}
				var heavy []string
				for _, d := range deps {
					if heavyDeps.MatchString(d) {
						heavy = append(heavy, d)
					}
				}
				if len(heavy) > 0 {
					t.Errorf("%s depends on %d engine or go-git packages, e.g. %v", pkg, len(heavy), heavy[:min(len(heavy), 5)])
				}
			})
		}
	}
}

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
