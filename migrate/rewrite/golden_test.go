package rewrite

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenCase is one input under testdata/<rewriter>/: NAME.<ext> (or a
// path under NAME.tree/ for rewriters that match on directories), its
// targets in NAME.targets.json and the expected outcome in NAME.golden.
type goldenCase struct {
	name    string
	input   string // file path on disk
	path    string // path given to the rewriter
	targets []Target
	golden  string
}

// goldenCases lists the cases of one rewriter.
func goldenCases(t testing.TB, rewriter string) []goldenCase {
	t.Helper()
	dir := filepath.Join("testdata", rewriter)
	tf, err := filepath.Glob(filepath.Join(dir, "*.targets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, f := range tf {
		name := strings.TrimSuffix(filepath.Base(f), ".targets.json")
		var spec struct {
			Input   string // relative to dir
			Path    string // path given to Rewrite; defaults to Input
			Targets []Target
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &spec); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if spec.Path == "" {
			spec.Path = spec.Input
		}
		cases = append(cases, goldenCase{
			name:    name,
			input:   filepath.Join(dir, spec.Input),
			path:    spec.Path,
			targets: spec.Targets,
			golden:  filepath.Join(dir, name+".golden"),
		})
	}
	return cases
}

// renderChange prints a Change in the golden format.
func renderChange(ch *Change) string {
	var b strings.Builder
	b.WriteString("==> content\n")
	b.Write(ch.Content)
	names := make([]string, 0, len(ch.Files))
	for n := range ch.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "\n==> file %s\n", n)
		b.Write(ch.Files[n])
	}
	b.WriteString("\n==> notes\n")
	for _, n := range ch.Notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	b.WriteString("==> manual\n")
	for _, m := range ch.Manual {
		fmt.Fprintf(&b, "- line %d (%s): %s\n", m.Target.Line, m.Target.Fingerprint, m.Reason)
	}
	return b.String()
}

// runGolden runs every case of a rewriter against its golden file.
func runGolden(t *testing.T, r Rewriter) {
	cases := goldenCases(t, r.Name())
	if len(cases) == 0 {
		t.Fatalf("rewriter %s has no golden cases under testdata/%s", r.Name(), r.Name())
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, err := os.ReadFile(c.input)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Match(c.path) {
				t.Fatalf("%s does not match %s", r.Name(), c.path)
			}
			if got := For(c.path); got == nil || got.Name() != r.Name() {
				t.Fatalf("For(%s) does not pick %s", c.path, r.Name())
			}
			ch, err := r.Rewrite(c.path, src, c.targets)
			if err != nil {
				t.Fatalf("Rewrite: %v", err)
			}
			got := renderChange(ch)
			if *update {
				if err := os.WriteFile(c.golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(c.golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", c.golden, got)
			}
			// Rewriting the result again finds nothing to do: every
			// rewritten value is gone from the file.
			for _, tg := range c.targets {
				if tg.Secret != "" && strings.Contains(string(ch.Content), tg.Secret) && !manualFor(ch, tg) {
					t.Errorf("secret of line %d still in the output but not listed as manual", tg.Line)
				}
			}
		})
	}
}

func manualFor(ch *Change, t Target) bool {
	for _, m := range ch.Manual {
		if m.Target == t {
			return true
		}
	}
	return false
}
