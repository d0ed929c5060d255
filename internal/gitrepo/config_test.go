package gitrepo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// TestReadCore reads core.worktree and core.bare as git does: each case is
// also asked of git itself (git config --file).
func TestReadCore(t *testing.T) {
	g := testenv.NewGit(t)
	for _, tc := range []struct {
		name, config string
		want         coreConfig
	}{
		{"empty", "", coreConfig{}},
		{"plain", "[core]\n\tbare = true\n\tworktree = ../wt\n", coreConfig{worktree: "../wt", bare: true}},
		{"case and spacing", "[CoRe]\n  BARE=TRUE  \n  WorkTree =   /abs/wt   \n", coreConfig{worktree: "/abs/wt", bare: true}},
		{"key alone is true", "[core]\n\tbare\n", coreConfig{bare: true}},
		{"yes on 1", "[core]\nbare = on\n", coreConfig{bare: true}},
		{"false words", "[core]\nbare = off\nbare = no\n", coreConfig{}},
		{"last wins", "[core]\nbare = true\n[core]\nbare = false\nworktree = a\nworktree = b\n", coreConfig{worktree: "b"}},
		{"comments", "# c\n; c\n[core] # c\n\tworktree = x # trailing\n\tbare = true ; trailing\n", coreConfig{worktree: "x", bare: true}},
		{"quotes and escapes", "[core]\n\tworktree = \"a # b\"\\t\"c\\\\d\\\"e\"\n", coreConfig{worktree: "a # b\tc\\d\"e"}},
		{"inner spaces kept", "[core]\n\tworktree = a  b\n", coreConfig{worktree: "a  b"}},
		{"continuation", "[core]\n\tworktree = ab\\\ncd\n", coreConfig{worktree: "abcd"}},
		{"other sections", "[core \"sub\"]\n\tworktree = no\n[remote \"origin\"]\n\tbare = true\n\turl = x\n[core]\n\tbare = 1\n", coreConfig{bare: true}},
		{"section and key on one line", "[core] bare = true\n", coreConfig{bare: true}},
		{"crlf", "[core]\r\n\tworktree = w\r\n\tbare = yes\r\n", coreConfig{worktree: "w", bare: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config")
			if err := os.WriteFile(path, []byte(tc.config), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := readCore(path)
			if err != nil {
				t.Fatalf("readCore: %v", err)
			}
			if got != tc.want {
				t.Errorf("readCore = %+v, want %+v", got, tc.want)
			}
			wt, _, _ := g.Run("", nil, "config", "--file", path, "core.worktree")
			bare, _, _ := g.Run("", nil, "config", "--file", path, "--type=bool", "core.bare")
			git := coreConfig{worktree: strings.TrimSuffix(wt, "\n"), bare: strings.TrimSpace(bare) == "true"}
			if git != tc.want {
				t.Errorf("git reads %+v, the case wants %+v", git, tc.want)
			}
		})
	}
	if c, err := readCore(filepath.Join(t.TempDir(), "FAKE-missing")); err != nil || c != (coreConfig{}) {
		t.Errorf("missing config: %+v, %v", c, err)
	}
	bad := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(bad, []byte("[core\nbare = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readCore(bad); err == nil {
		t.Error("a malformed section header was accepted")
	}
}
