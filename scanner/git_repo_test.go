package scanner

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// A symlink given as the root is scanned as the directory it names;
// symlinks inside the tree keep their FollowSymlinks semantics.
func TestSymlinkedRoot(t *testing.T) {
	outside := writeTree(t, map[string]string{"secret.txt": "gh=" + fakeGitHubPAT + "\n"})
	dir := writeTree(t, map[string]string{"real.txt": "aws=" + fakeAWSKeyID + "\n"})
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "out.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real.txt"), filepath.Join(dir, "in.txt")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	// A chain of links, relative this time.
	link2 := filepath.Join(filepath.Dir(link), "link2")
	if err := os.Symlink("link", link2); err != nil {
		t.Fatal(err)
	}
	// A symlinked file keeps the name it was given.
	fileLink := filepath.Join(filepath.Dir(link), "creds.txt")
	if err := os.Symlink(filepath.Join(dir, "real.txt"), fileLink); err != nil {
		t.Fatal(err)
	}
	if got := keys(scanDir(t, fileLink, Options{}).Findings); !reflect.DeepEqual(got, []string{"creds.txt:1 aws-access-token"}) {
		t.Errorf("symlinked file: findings = %v", got)
	}
	for _, root := range []string{link, link2} {
		res := scanDir(t, root, Options{})
		if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"real.txt:1 aws-access-token"}) {
			t.Errorf("%s, no-follow findings = %v", root, got)
		}
		res = scanDir(t, root, Options{FollowSymlinks: true})
		if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"real.txt:1 aws-access-token", "real.txt:1 aws-access-token"}) {
			t.Errorf("%s, follow findings = %v", root, got)
		}
		if res.Stats.SkippedOther != 1 {
			t.Errorf("%s: the link out of the tree was not skipped: %+v", root, res.Stats)
		}
	}
}

// The staged scan reads the index it is given: git commit -a and git
// commit PATHS stage into a temporary index (GIT_INDEX_FILE).
func TestStagedIndexPath(t *testing.T) {
	g := testenv.NewGit(t)
	dir := g.Init(filepath.Join(t.TempDir(), "r"))
	g.Commit(dir, "init", map[string]string{"tracked.env": "GITHUB_TOKEN=\n"})
	if err := os.WriteFile(filepath.Join(dir, "tracked.env"), []byte("GITHUB_TOKEN="+fakeGitHubPAT+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tmpIndex := filepath.Join(dir, ".git", "next-index-FAKE.lock")
	if _, errOut, err := g.Run(dir, []string{"GIT_INDEX_FILE=" + tmpIndex}, "add", "tracked.env"); err != nil {
		t.Fatalf("git add: %v %s", err, errOut)
	}
	scan := func(opts Options) ([]string, error) {
		opts.Path, opts.Mode = dir, ModeStaged
		res, err := Scan(t.Context(), opts)
		if err != nil {
			return nil, err
		}
		return keys(res.Findings), nil
	}
	if got, err := scan(Options{}); err != nil || len(got) != 0 {
		t.Errorf("own index: %v %v, want nothing staged", got, err)
	}
	if got, err := scan(Options{IndexPath: tmpIndex}); err != nil || !reflect.DeepEqual(got, []string{"tracked.env:1 github-pat"}) {
		t.Errorf("temporary index: %v %v", got, err)
	}
	if _, err := scan(Options{IndexPath: filepath.Join(dir, "FAKE-missing")}); err == nil || !strings.Contains(err.Error(), "read index") {
		t.Errorf("missing index: err = %v", err)
	}
}

// Git modes in a linked worktree read its own HEAD and index and the
// repository's objects; GitDir names a git directory found elsewhere.
func TestGitModesLinkedWorktree(t *testing.T) {
	g := testenv.NewGit(t)
	main, linked := g.Worktree(map[string]string{"README": "hello\n"})
	g.Commit(linked, "leak", map[string]string{"a.env": "GITHUB_TOKEN=" + fakeGitHubPAT + "\n"})
	if err := os.WriteFile(filepath.Join(linked, "b.env"), []byte("AWS="+fakeAWSKeyID+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g.Git(linked, "add", "b.env")
	if err := os.WriteFile(filepath.Join(main, "c.env"), []byte("SLACK="+fakeSlackBot+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g.Git(main, "add", "c.env")
	gitDir := filepath.Join(main, ".git", "worktrees", "linked")
	for _, tc := range []struct {
		name string
		opts Options
		want []string
	}{
		{"history from the linked worktree", Options{Path: filepath.Join(linked), Mode: ModeHistory}, []string{"a.env:1 github-pat"}},
		{"staged in the linked worktree", Options{Path: linked, Mode: ModeStaged}, []string{"b.env:1 aws-access-token"}},
		{"staged in the main worktree", Options{Path: main, Mode: ModeStaged}, []string{"c.env:1 slack-bot-token"}},
		{"range in the linked worktree", Options{Path: linked, Mode: ModeRange, Range: "main..HEAD"}, []string{"a.env:1 github-pat"}},
		{"GitDir given", Options{Path: t.TempDir(), GitDir: gitDir, Mode: ModeStaged}, []string{"b.env:1 aws-access-token"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Scan(t.Context(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := keys(res.Findings); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings = %v, want %v", got, tc.want)
			}
		})
	}
}
