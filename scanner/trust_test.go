package scanner

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// The settings that steer a scan (config, .gitleaksignore, baseline) come
// from a trusted revision in range and staged modes, never from the changes
// under scan: a pull request must not silence its own leak.

const (
	leakFile      = "app/settings.py"
	leakLine      = "GITHUB = \"" + fakeGitHubPAT + "\"\n"
	leakKey       = leakFile + ":1 github-pat"
	leakIgnore    = leakFile + ":github-pat:1\n" // global fingerprint
	allowAll      = "[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''.*''']\n"
	allowFixtures = "[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''^fixtures/''']\n"
)

func baselineFor(path string) string {
	return `[{"RuleID":"github-pat","File":"` + path + `","SecretSHA256":"` + finding.PlainSHA256(fakeGitHubPAT) + `"}]`
}

func TestRangeSettingsComeFromBase(t *testing.T) {
	tests := []struct {
		name string
		base map[string]string // committed before the range (besides README.md)
		head map[string]string // committed in the range
		// worktree is written after the commits and left uncommitted.
		worktree map[string]string
		opts     Options
		want     []string
		warn     []string // substrings of Stats.Warnings, in any order
	}{
		{
			name: "range adds an allow-all config",
			head: map[string]string{leakFile: leakLine, ".secretsweep.toml": allowAll},
			want: []string{leakKey}, warn: []string{".secretsweep.toml"},
		},
		{
			name: "range adds a gitleaks config",
			head: map[string]string{leakFile: leakLine, ".gitleaks.toml": allowAll},
			want: []string{leakKey}, warn: []string{".gitleaks.toml"},
		},
		{
			name: "range adds its fingerprint to .gitleaksignore",
			head: map[string]string{leakFile: leakLine, ".gitleaksignore": leakIgnore},
			want: []string{leakKey}, warn: []string{".gitleaksignore"},
		},
		{
			name: "range widens the base's allowlist",
			base: map[string]string{".secretsweep.toml": allowFixtures},
			head: map[string]string{leakFile: leakLine, ".secretsweep.toml": allowAll},
			want: []string{leakKey}, warn: []string{".secretsweep.toml"},
		},
		{
			name: "range changes a file the base's config extends",
			base: map[string]string{".secretsweep.toml": "[extend]\npath = \"ci/base.toml\"\n", "ci/base.toml": allowFixtures},
			head: map[string]string{leakFile: leakLine, "ci/base.toml": allowAll},
			want: []string{leakKey}, warn: []string{"ci/base.toml"},
		},
		{
			name: "range adds the baseline",
			head: map[string]string{leakFile: leakLine, ".secretsweep-baseline.json": baselineFor(leakFile)},
			opts: Options{BaselineName: ".secretsweep-baseline.json"},
			want: []string{leakKey}, warn: []string{".secretsweep-baseline.json"},
		},
		{
			name:     "uncommitted settings in the working tree",
			head:     map[string]string{leakFile: leakLine},
			worktree: map[string]string{".secretsweep.toml": allowAll, ".gitleaksignore": leakIgnore},
			want:     []string{leakKey},
		},
		{
			name: "the base's allowlist applies",
			base: map[string]string{".secretsweep.toml": allowFixtures},
			head: map[string]string{"fixtures/settings.py": leakLine, leakFile: leakLine},
			want: []string{leakKey},
		},
		{
			name: "the base's extended config applies",
			base: map[string]string{".gitleaks.toml": "[extend]\npath = \"ci/base.toml\"\n", "ci/base.toml": allowFixtures},
			head: map[string]string{"fixtures/settings.py": leakLine, leakFile: leakLine},
			want: []string{leakKey},
		},
		{
			name: "the base's .gitleaksignore applies",
			base: map[string]string{".gitleaksignore": leakIgnore},
			head: map[string]string{leakFile: leakLine},
		},
		{
			name: "the base's baseline applies",
			base: map[string]string{".secretsweep-baseline.json": baselineFor(leakFile)},
			head: map[string]string{leakFile: leakLine},
			opts: Options{BaselineName: ".secretsweep-baseline.json"},
		},
		{
			name: "an explicit ConfigRev is trusted",
			head: map[string]string{leakFile: leakLine, ".gitleaksignore": leakIgnore},
			opts: Options{ConfigRev: "HEAD"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGitFixture(t)
			files := map[string]string{"README.md": "hello\n"}
			for k, v := range tt.base {
				files[k] = v
			}
			base := g.commit("base", files)
			g.commit("change", tt.head)
			for name, content := range tt.worktree {
				if err := os.WriteFile(filepath.Join(g.dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			opts := tt.opts
			opts.Mode, opts.Range = ModeRange, base.String()+"..HEAD"
			res := g.scan(opts)
			if got := keys(res.Findings); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings = %v, want %v", got, tt.want)
			}
			checkWarnings(t, res.Stats.Warnings, tt.warn)
		})
	}
}

// checkWarnings wants one warning naming each of want, and no warning
// about settings when want is empty.
func checkWarnings(t *testing.T, warnings, want []string) {
	t.Helper()
	for _, w := range want {
		found := false
		for _, got := range warnings {
			found = found || strings.Contains(got, w)
		}
		if !found {
			t.Errorf("no warning names %s: %q", w, warnings)
		}
	}
	if len(want) == 0 && len(warnings) > 0 {
		t.Errorf("unexpected warnings: %q", warnings)
	}
}

func TestRangeSettingsBaseChoice(t *testing.T) {
	g := newGitFixture(t)
	first := g.commit("first", map[string]string{"README.md": "hello\n"})
	second := g.commit("ignore it", map[string]string{".gitleaksignore": leakIgnore})
	g.commit("leak", map[string]string{leakFile: leakLine})

	// Include/Exclude: the first Exclude revision is the base.
	res := g.scan(Options{Mode: ModeRange, Include: []string{"HEAD"}, Exclude: []string{second.String(), first.String()}})
	if got := keys(res.Findings); got != nil {
		t.Errorf("base %s: findings = %v, want none", second, got)
	}
	res = g.scan(Options{Mode: ModeRange, Include: []string{"HEAD"}, Exclude: []string{first.String(), second.String()}})
	if got := keys(res.Findings); !reflect.DeepEqual(got, []string{leakKey}) {
		t.Errorf("base %s: findings = %v, want the leak", first, got)
	}

	// No base at all: no repository settings, and a warning that says so.
	res = g.scan(Options{Mode: ModeRange, Range: "HEAD"})
	if got := keys(res.Findings); !reflect.DeepEqual(got, []string{leakKey}) {
		t.Errorf("no base: findings = %v, want the leak", got)
	}
	checkWarnings(t, res.Stats.Warnings, []string{".gitleaksignore"})

	// An explicit path always wins over the revision.
	ignore := filepath.Join(t.TempDir(), "ignore")
	if err := os.WriteFile(ignore, []byte(leakIgnore), 0o644); err != nil {
		t.Fatal(err)
	}
	res = g.scan(Options{Mode: ModeRange, Range: first.String() + "..HEAD", IgnorePath: ignore})
	if got := keys(res.Findings); got != nil {
		t.Errorf("explicit ignore file: findings = %v, want none", got)
	}
	cfg := filepath.Join(t.TempDir(), "cfg.toml")
	if err := os.WriteFile(cfg, []byte(allowAll), 0o644); err != nil {
		t.Fatal(err)
	}
	res = g.scan(Options{Mode: ModeRange, Range: first.String() + "..HEAD", ConfigPath: cfg})
	if got := keys(res.Findings); got != nil {
		t.Errorf("explicit config: findings = %v, want none", got)
	}
}

func TestSettingsRevErrors(t *testing.T) {
	g := newGitFixture(t)
	base := g.commit("base", map[string]string{
		".secretsweep.toml": "[extend]\npath = \"../outside.toml\"\n",
	})
	g.commit("leak", map[string]string{leakFile: leakLine})
	for _, tt := range []struct {
		name string
		opts Options
		want string
	}{
		{"extend outside the tree", Options{Mode: ModeRange, Range: base.String() + "..HEAD"}, "outside"},
		{"unknown ConfigRev", Options{Mode: ModeRange, Range: "HEAD", ConfigRev: "nope"}, `unknown revision "nope"`},
		{"missing extended file", Options{Mode: ModeStaged, ConfigRev: g.commit("fix", map[string]string{".secretsweep.toml": "[extend]\npath = \"ci/gone.toml\"\n"}).String()}, "ci/gone.toml"},
		{"ConfigRev outside a repository", Options{Path: t.TempDir(), ConfigRev: "HEAD"}, "not a git repository"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.opts.Path == "" {
				tt.opts.Path = g.dir
			}
			_, err := Scan(t.Context(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestStagedSettingsComeFromHEAD(t *testing.T) {
	tests := []struct {
		name     string
		head     map[string]string // committed; nil: no commit at all
		staged   map[string]string
		worktree map[string]string // left unstaged
		want     []string
		warn     []string
	}{
		{
			name:   "staged .gitleaksignore does not silence a staged leak",
			head:   map[string]string{"README.md": "hello\n"},
			staged: map[string]string{leakFile: leakLine, ".gitleaksignore": leakIgnore},
			want:   []string{leakKey}, warn: []string{".gitleaksignore"},
		},
		{
			name:   "staged config does not silence a staged leak",
			head:   map[string]string{"README.md": "hello\n"},
			staged: map[string]string{leakFile: leakLine, ".secretsweep.toml": allowAll},
			want:   []string{leakKey}, warn: []string{".secretsweep.toml"},
		},
		{
			name:     "unstaged settings do not apply",
			head:     map[string]string{"README.md": "hello\n"},
			staged:   map[string]string{leakFile: leakLine},
			worktree: map[string]string{".gitleaksignore": leakIgnore, ".secretsweep.toml": allowAll},
			want:     []string{leakKey},
		},
		{
			name:   "HEAD's .gitleaksignore applies",
			head:   map[string]string{"README.md": "hello\n", ".gitleaksignore": leakIgnore},
			staged: map[string]string{leakFile: leakLine},
		},
		{
			name:   "no commit yet: defaults",
			staged: map[string]string{leakFile: leakLine, ".gitleaksignore": leakIgnore, ".secretsweep.toml": allowAll},
			want:   []string{leakKey}, warn: []string{".gitleaksignore", ".secretsweep.toml"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGitFixture(t)
			if tt.head != nil {
				g.commit("init", tt.head)
			}
			g.write(tt.staged)
			for name, content := range tt.worktree {
				if err := os.WriteFile(filepath.Join(g.dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res := g.scan(Options{Mode: ModeStaged})
			if got := keys(res.Findings); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings = %v, want %v", got, tt.want)
			}
			checkWarnings(t, res.Stats.Warnings, tt.warn)
		})
	}
}

// A trusted revision whose settings cannot be read fails the scan: it
// never runs with fewer allowlists... or more.
func TestSettingsRevMissingObjectFails(t *testing.T) {
	g := newGitFixture(t)
	base := g.commit("base", map[string]string{".gitleaksignore": leakIgnore})
	g.commit("leak", map[string]string{leakFile: leakLine})
	c, err := g.repo.CommitObject(base)
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.File(".gitleaksignore")
	if err != nil {
		t.Fatal(err)
	}
	removeLooseObject(t, g.dir, f.Hash)
	_, err = Scan(t.Context(), Options{Path: g.dir, Mode: ModeRange, Range: base.String() + "..HEAD"})
	if err == nil || !strings.Contains(err.Error(), ".gitleaksignore") {
		t.Errorf("err = %v, want one naming .gitleaksignore", err)
	}
	if errors.Is(err, ErrNotRepository) {
		t.Errorf("err = %v", err)
	}
}

func removeLooseObject(t *testing.T, dir string, h plumbing.Hash) {
	t.Helper()
	s := h.String()
	if err := os.Remove(filepath.Join(dir, ".git", "objects", s[:2], s[2:])); err != nil {
		t.Fatal(err)
	}
}
