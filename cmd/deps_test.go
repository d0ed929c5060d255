package cmd

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// heavyDeps are the modules of the scan engine (gitleaks and its regex
// engines) and of git access (go-git, go-billy, gcfg); the pattern also
// matches go-github, which these packages do not use either.
var heavyDeps = regexp.MustCompile(`gitleaks|go-git|go-re2`)

// TestLightDependencies: the packages that act on findings (migrate,
// remediate, the report writers) get the scan and git access injected by
// cmd and link neither the engine nor go-git, as `go list -deps` shows for
// each build of them.
func TestLightDependencies(t *testing.T) {
	_, err := exec.LookPath("go")
	testenv.Require(t, err == nil, "the go command", "https://go.dev/dl/")
	const mod = "github.com/secretsweep/secretsweep/"
	for _, tags := range []string{"", "gore2regex", "gore2regex,re2_cgo"} {
		for _, pkg := range []string{"migrate", "remediate", "scanner/report"} {
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
