package scanner

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// gitCLI runs the git binary in dir (tests only: the scanner never runs git).
func gitCLI(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gitCLIStdin(t, dir, nil, args...)
}

// gitCLIStdin is gitCLI with stdin.
func gitCLIStdin(t *testing.T, dir string, stdin io.Reader, args ...string) string {
	t.Helper()
	_, err := exec.LookPath("git")
	testenv.Require(t, err == nil, "the git binary", "apt-get install git")
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Stdin = dir, stdin
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			msg = string(ee.Stderr)
		}
		t.Fatalf("git %v: %v\n%s", args, err, msg)
	}
	return strings.TrimSpace(string(out))
}

// TestRangeFollowsGitLog checks that --range visits exactly the commits
// `git log <range>` lists, empty sides and single revisions included.
func TestRangeFollowsGitLog(t *testing.T) {
	g := newGitFixture(t)
	root := g.commit("one", map[string]string{"a.txt": "1\n"})
	g.commit("two", map[string]string{"a.txt": "2\n"})
	g.checkout("side", true)
	side := g.commit("side", map[string]string{"s.txt": "s\n"})
	g.checkout("master", false)
	g.commit("three", map[string]string{"a.txt": "3\n"})
	g.commit("merge", map[string]string{"s.txt": "s\n"}, head(t, g), side)
	g.commit("four", map[string]string{"a.txt": "4\n"})
	_ = root
	for _, rng := range []string{
		"..", "..HEAD~2", "HEAD~2..", "HEAD~2..HEAD", "@..HEAD~1", "HEAD~1..@",
		"HEAD", "HEAD~2", "side", "side..", "..side", "master..side", "side..master",
		root.String() + "..HEAD",
	} {
		t.Run(rng, func(t *testing.T) {
			want, err := strconv.Atoi(gitCLI(t, g.dir, "rev-list", "--count", rng, "--"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Scan(t.Context(), Options{Path: g.dir, Mode: ModeRange, Range: rng})
			if err != nil {
				t.Fatalf("--range %s: %v", rng, err)
			}
			if res.Stats.Commits != want {
				t.Errorf("--range %s scanned %d commits, git log lists %d", rng, res.Stats.Commits, want)
			}
		})
	}
}

func TestRangeRejectsUnsupportedSyntax(t *testing.T) {
	g := newGitFixture(t)
	g.commit("one", map[string]string{"a.txt": "1\n"})
	g.commit("two", map[string]string{"a.txt": "2\n"})
	for _, rng := range []string{"HEAD...HEAD~1", "HEAD~1..HEAD..HEAD", "HEAD^!", "HEAD^!..HEAD", "HEAD^@"} {
		_, err := Scan(t.Context(), Options{Path: g.dir, Mode: ModeRange, Range: rng})
		if err == nil || !strings.Contains(err.Error(), strconv.Quote(rng)) {
			t.Errorf("--range %s: err = %v, want an error naming the range", rng, err)
		}
	}
}

// TestGitModesRejectAFile: a git scan covers a whole repository; given a
// file inside one it must refuse rather than scan everything.
func TestGitModesRejectAFile(t *testing.T) {
	g := newGitFixture(t)
	g.commit("init", map[string]string{"sub/a.txt": "a\n"})
	file := filepath.Join(g.dir, "sub", "a.txt")
	for _, m := range []Mode{ModeHistory, ModeRange, ModeStaged} {
		_, err := Scan(t.Context(), Options{Path: file, Mode: m, Range: "HEAD"})
		if err == nil || !strings.Contains(err.Error(), "is a file") {
			t.Errorf("%s of a file: err = %v, want a refusal", m, err)
		}
	}
}

func head(t *testing.T, g *gitFixture) plumbing.Hash {
	t.Helper()
	ref, err := g.repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	return ref.Hash()
}
