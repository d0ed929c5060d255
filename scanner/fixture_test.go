package scanner

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Fake credentials: syntactically valid, never real.
const (
	fakeGitHubPAT = "ghp_R4nd0mFAKEt0k3nV4lu3Xq9Zw8Yv7Ut6Sr5Q"
	fakeAWSKeyID  = "AKIAQYLPMN5HFIQR7XYZ"
	fakeSlackBot  = "xoxb-123456789012-1234567890123-FAKEfakeFAKEfake1234abcd"
)

// gitFixture builds a repository in code with go-git.
type gitFixture struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	wt   *git.Worktree
	when time.Time
}

func newGitFixture(t *testing.T) *gitFixture {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &gitFixture{t: t, dir: dir, repo: r, wt: wt, when: time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)}
}

// write sets files in the work tree ("" deletes) and stages them.
func (g *gitFixture) write(files map[string]string) {
	g.t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(g.dir, name)
		if files[name] == "" {
			if _, err := g.wt.Remove(name); err != nil {
				g.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			g.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			g.t.Fatal(err)
		}
		if _, err := g.wt.Add(name); err != nil {
			g.t.Fatal(err)
		}
	}
}

// commit writes files and commits them, an hour after the previous commit.
func (g *gitFixture) commit(msg string, files map[string]string, parents ...plumbing.Hash) plumbing.Hash {
	g.t.Helper()
	g.write(files)
	g.when = g.when.Add(time.Hour)
	sig := &object.Signature{Name: "Dev Eloper", Email: "dev@example.com", When: g.when}
	opts := &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true}
	if len(parents) > 0 {
		opts.Parents = parents
	}
	h, err := g.wt.Commit(msg, opts)
	if err != nil {
		g.t.Fatal(err)
	}
	return h
}

// branch creates and checks out a branch at the current HEAD, or checks out
// an existing one.
func (g *gitFixture) checkout(name string, create bool) {
	g.t.Helper()
	err := g.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(name), Create: create, Keep: false})
	if err != nil {
		g.t.Fatal(err)
	}
}

// scan runs a scan of the fixture.
func (g *gitFixture) scan(opts Options) *Result {
	g.t.Helper()
	if opts.Path == "" {
		opts.Path = g.dir
	}
	opts.MaxDecodeDepth = 5
	if opts.Hasher.IsZero() {
		opts.Hasher = testHasher(g.t, testKey)
	}
	res, err := Scan(context.Background(), opts)
	if err != nil {
		g.t.Fatalf("scan: %v", err)
	}
	return res
}

// keys summarises findings as "file:line rule" for comparisons.
func keys(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.File+":"+itoa(f.StartLine)+" "+f.RuleID)
	}
	sort.Strings(out)
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
