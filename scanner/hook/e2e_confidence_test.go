package hook

// End-to-end tests of the hooks' confidence threshold.

import (
	"path/filepath"
	"strings"
	"testing"
)

// fixturePassword is a made-up value the generic rules detect; under the
// key PublicKeyToken (a .NET assembly's public identity) it scores low.
const fixturePassword = "0123abcd4567ef89"

var lowConfidenceFile = map[string]string{"tests/fixtures/.env": "PublicKeyToken=" + fixturePassword + "\n"}

func TestHookPreCommitMinConfidence(t *testing.T) {
	for _, tc := range []struct {
		name    string
		install []string
		blocked bool
		want    string
	}{
		{"default hides a low-confidence fixture", nil, false, "1 low-confidence finding not shown (--min-confidence low shows them)"},
		{"--min-confidence low blocks it", []string{"--min-confidence", "low"}, true, "tests/fixtures/.env:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, append([]string{"--pre-commit", "--pre-push=false"}, tc.install...)...)
			before := f.head()
			for p, c := range lowConfidenceFile {
				writeFile(t, filepath.Join(f.work, p), c)
				f.git(f.work, "add", p)
			}
			_, errOut, err := f.run(f.work, "", "git", "commit", "-q", "-m", "fixture")
			if strings.Contains(errOut, fixturePassword) {
				t.Fatal("commit output shows the secret")
			}
			if blocked := err != nil; blocked != tc.blocked || (f.head() == before) != tc.blocked {
				t.Fatalf("blocked %v, want %v (err %v):\n%s", blocked, tc.blocked, err, errOut)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("commit output lacks %q:\n%s", tc.want, errOut)
			}
		})
	}
}

func TestHookPrePushMinConfidence(t *testing.T) {
	t.Run("default passes a low-confidence fixture", func(t *testing.T) {
		f := newFixture(t, "")
		f.commit(f.work, "fixture", lowConfidenceFile)
		ok, out := f.push("-q", "origin", "main")
		f.mustPass(ok, out)
		if !strings.Contains(out, "1 low-confidence finding not shown") {
			t.Errorf("push output lacks the hidden count:\n%s", out)
		}
	})
	t.Run("--min-confidence low blocks it", func(t *testing.T) {
		f := newFixture(t, "--min-confidence", "low")
		f.commit(f.work, "fixture", lowConfidenceFile)
		ok, out := f.push("-q", "origin", "main")
		f.mustBlock(ok, out, "tests/fixtures/.env:1", "confidence:  low")
	})
	t.Run("the remote's config sets the threshold", func(t *testing.T) {
		f := newFixture(t, "")
		f.commit(f.work, "settings", map[string]string{".secretsweep.toml": "[extend]\nuseDefault = true\n[scan]\nminConfidence = \"low\"\n"})
		ok, out := f.push("-q", "origin", "main")
		f.mustPass(ok, out)
		f.commit(f.work, "fixture", lowConfidenceFile)
		ok, out = f.push("-q", "origin", "main")
		f.mustBlock(ok, out, "tests/fixtures/.env:1")
	})
	t.Run("a push cannot raise its own threshold", func(t *testing.T) {
		f := newFixture(t, "")
		f.commit(f.work, "settings", map[string]string{".secretsweep.toml": "[extend]\nuseDefault = true\n[scan]\nminConfidence = \"low\"\n"})
		ok, out := f.push("-q", "origin", "main")
		f.mustPass(ok, out)
		f.commit(f.work, "fixture", map[string]string{
			".secretsweep.toml":   "[extend]\nuseDefault = true\n[scan]\nminConfidence = \"high\"\n",
			"tests/fixtures/.env": lowConfidenceFile["tests/fixtures/.env"],
		})
		ok, out = f.push("-q", "origin", "main")
		f.mustBlock(ok, out, "tests/fixtures/.env:1")
	})
}
