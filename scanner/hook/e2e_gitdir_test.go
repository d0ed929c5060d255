package hook

// End-to-end tests of the hooks where the git directory is not <root>/.git:
// linked worktrees (git sets GIT_DIR to the worktree's git directory) and
// "git --git-dir=... --work-tree=..." (dotfiles repositories).

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHookSeparateGitDir commits and pushes with --git-dir/--work-tree from
// a work tree that is not inside the git directory's parent: the hook must
// find the repository through GIT_DIR and scan what is staged and pushed;
// a .gitleaksignore left in the work tree does not silence the push (the
// pre-push hook reads settings from what the remote has).
func TestHookSeparateGitDir(t *testing.T) {
	g := newGitEnv(t)
	bin := secretsweepBin(t)
	tmp := t.TempDir()
	store, home, remote := filepath.Join(tmp, "dotfiles.git"), filepath.Join(tmp, "home"), g.initRepo(true)
	g.git(tmp, "-c", "init.defaultBranch=main", "init", "-q", "--bare", store)
	g.git(store, "config", "core.bare", "false")
	g.git(store, "remote", "add", "origin", remote)
	if err := os.Mkdir(home, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, errOut, err := g.run(store, "", bin, "hook", "install", "--pre-commit"); err != nil {
		t.Fatalf("install: %v\n%s%s", err, out, errOut)
	}
	gd := []string{"--git-dir=" + store, "--work-tree=" + home}
	gitIn := func(args ...string) (string, error) {
		_, errOut, err := g.run(home, "", "git", append(gd, args...)...)
		return errOut, err
	}
	writeFile(t, filepath.Join(home, ".profile"), "export EDITOR=vi\n")
	g.git(home, append(gd, "add", ".profile")...)
	if errOut, err := gitIn("commit", "-q", "-m", "clean"); err != nil {
		t.Fatalf("clean commit blocked: %v\n%s", err, errOut)
	}
	writeFile(t, filepath.Join(home, ".bashrc"), "export GITHUB_TOKEN="+leakPAT+"\n")
	g.git(home, append(gd, "add", ".bashrc")...)
	errOut, err := gitIn("commit", "-q", "-m", "leak")
	if err == nil || !strings.Contains(errOut, "commit blocked") || !strings.Contains(errOut, ".bashrc:1") {
		t.Fatalf("commit with a staged secret: err %v\n%s", err, errOut)
	}
	if strings.Contains(errOut, leakPAT) {
		t.Fatal("the secret was printed")
	}
	// Committed anyway: the pre-push hook blocks it.
	if errOut, err := gitIn("commit", "-q", "--no-verify", "-m", "leak"); err != nil {
		t.Fatalf("commit --no-verify: %v\n%s", err, errOut)
	}
	errOut, err = gitIn("push", "-q", "origin", "main")
	if err == nil || !strings.Contains(errOut, "push blocked") || !strings.Contains(errOut, ".bashrc:1") {
		t.Fatalf("push of a leak: err %v\n%s", err, errOut)
	}
	// .gitleaksignore in the work tree is not what the remote has.
	head := strings.TrimSpace(g.git(home, append(gd, "rev-parse", "HEAD")...))
	writeFile(t, filepath.Join(home, ".gitleaksignore"), head+":.bashrc:github-pat:1\n")
	if errOut, err := gitIn("push", "-q", "origin", "main"); err == nil || !strings.Contains(errOut, "push blocked") {
		t.Fatalf("an uncommitted .gitleaksignore silenced the push: err %v\n%s", err, errOut)
	}
}

// TestHookLinkedWorktree commits (staged, -a, PATHS) and pushes from a
// linked worktree.
func TestHookLinkedWorktree(t *testing.T) {
	f := newFixture(t, "--pre-commit")
	wt := filepath.Join(t.TempDir(), "linked")
	f.git(f.work, "worktree", "add", "-q", "-b", "feature", wt)
	f.commit(wt, "tracked", map[string]string{"tracked.env": "GITHUB_TOKEN=\n"})
	before := f.git(wt, "rev-parse", "HEAD")
	for _, args := range [][]string{{}, {"-a"}, {"--", "tracked.env"}} {
		writeFile(t, filepath.Join(wt, "tracked.env"), "GITHUB_TOKEN="+leakPAT+"\n")
		if len(args) == 0 {
			f.git(wt, "add", "tracked.env")
		}
		_, errOut, err := f.run(wt, "", "git", append([]string{"commit", "-q", "-m", "leak"}, args...)...)
		if err == nil || !strings.Contains(errOut, "tracked.env:1") || f.git(wt, "rev-parse", "HEAD") != before {
			t.Fatalf("commit %v in a linked worktree not blocked (err %v):\n%s", args, err, errOut)
		}
		f.git(wt, "checkout", "-q", "HEAD", "--", "tracked.env")
	}
	f.git(wt, "commit", "-q", "--allow-empty", "-m", "empty")
	if _, errOut, err := f.run(wt, "", "git", "push", "-q", "origin", "feature"); err != nil {
		t.Fatalf("clean push from a linked worktree blocked: %v\n%s", err, errOut)
	}
	writeFile(t, filepath.Join(wt, "tracked.env"), "GITHUB_TOKEN="+leakPAT+"\n")
	f.git(wt, "commit", "-q", "--no-verify", "-am", "leak")
	ok, out := func() (bool, string) {
		_, errOut, err := f.run(wt, "", "git", "push", "origin", "feature")
		return err == nil, errOut
	}()
	f.mustBlock(ok, out, "tracked.env:1")
}
