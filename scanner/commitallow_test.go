package scanner

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Allowlists that name commits drop the findings attributed to those
// commits, in history and range scans, as gitleaks does; the engine alone
// never sees a commit.
func TestCommitAllowlists(t *testing.T) {
	g := newGitFixture(t)
	g.commit("init", map[string]string{"README.md": "hello\n"})
	first := g.commit("leak one", map[string]string{"a.env": "GITHUB=" + fakeGitHubPAT + "\n"})
	g.commit("leak two", map[string]string{"b.env": "SLACK=" + fakeSlackBot + "\n"})
	both := []string{"a.env:1 github-pat", "b.env:1 slack-bot-token"}
	tests := []struct {
		name, config string
		want         []string
	}{
		{"no allowlist", "", both},
		{"global commits", "[[allowlists]]\ncommits = ['''" + first.String() + "''']\n", []string{"b.env:1 slack-bot-token"}},
		{"global commits AND the path", "[[allowlists]]\ncondition = \"AND\"\ncommits = ['''" + first.String() + "''']\npaths = ['''^a\\.env$''']\n", []string{"b.env:1 slack-bot-token"}},
		{"global commits AND another path", "[[allowlists]]\ncondition = \"AND\"\ncommits = ['''" + first.String() + "''']\npaths = ['''^other$''']\n", both},
		{"global commits AND a regex of the secret", "[[allowlists]]\ncondition = \"AND\"\ncommits = ['''" + first.String() + "''']\nregexes = ['''^ghp_''']\n", []string{"b.env:1 slack-bot-token"}},
		{"another commit", "[[allowlists]]\ncommits = ['''0123456789abcdef0123456789abcdef01234567''']\n", both},
		{"rule allowlist", "[[rules]]\nid = \"github-pat\"\n[[rules.allowlists]]\ncommits = ['''" + first.String() + "''']\n", []string{"b.env:1 slack-bot-token"}},
		{"another rule's allowlist", "[[rules]]\nid = \"slack-bot-token\"\n[[rules.allowlists]]\ncommits = ['''" + first.String() + "''']\n", both},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Mode: ModeHistory}
			if tt.config != "" {
				p := filepath.Join(t.TempDir(), "c.toml")
				if err := os.WriteFile(p, []byte("[extend]\nuseDefault = true\n"+tt.config), 0o644); err != nil {
					t.Fatal(err)
				}
				opts.ConfigPath = p
			}
			for _, mode := range []Mode{ModeHistory, ModeRange} {
				opts.Mode = mode
				if mode == ModeRange {
					opts.Range = "HEAD~2..HEAD"
				}
				if got := keys(g.scan(opts).Findings); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("%s: findings = %v, want %v", mode, got, tt.want)
				}
			}
		})
	}
}
