package scanner

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// Fixtures for objects a scan cannot read: a corrupt entry in a real pack
// (git repack, then the entry's zlib header overwritten), a truncated loose
// object, an absent one, a shallow clone's boundary.

// looseObject returns the path of object h's loose file.
func looseObject(dir string, h plumbing.Hash) string {
	s := h.String()
	return filepath.Join(dir, ".git", "objects", s[:2], s[2:])
}

// truncateLoose cuts object h's loose file in half, as a crash mid-write
// or a bad disk leaves it.
func truncateLoose(t *testing.T, dir string, h plumbing.Hash) {
	t.Helper()
	p := looseObject(dir, h)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
}

// corruptPacked repacks the repository with git and overwrites the zlib
// header of object h's entry in the pack, so that inflating it fails.
func corruptPacked(t *testing.T, dir string, h plumbing.Hash) {
	t.Helper()
	gitCLI(t, dir, "repack", "-adq")
	idxs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "pack-*.idx"))
	if len(idxs) != 1 {
		t.Fatalf("packs: %v", idxs)
	}
	var off int64 = -1
	out := showIndex(t, dir, idxs[0])
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[1] == h.String() {
			off, _ = strconv.ParseInt(f[0], 10, 64)
		}
	}
	if off < 0 {
		t.Fatalf("%s not in the pack", h)
	}
	pack := strings.TrimSuffix(idxs[0], ".idx") + ".pack"
	data, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	i := off
	typ := (data[i] >> 4) & 7
	for data[i]&0x80 != 0 {
		i++
	}
	i++
	if typ < 1 || typ > 4 {
		t.Fatalf("%s is stored as a delta (type %d): the fixture expects a whole object", h, typ)
	}
	if data[i] != 0x78 {
		t.Fatalf("no zlib header at %d", i)
	}
	data[i], data[i+1] = 0, 0
	os.Chmod(pack, 0o644)
	if err := os.WriteFile(pack, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func showIndex(t *testing.T, dir, idx string) string {
	t.Helper()
	f, err := os.Open(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return gitCLIStdin(t, dir, f, "show-index")
}

// blobOf returns the blob of path in the index.
func (g *gitFixture) blobOf(path string) plumbing.Hash {
	g.t.Helper()
	idx, err := g.repo.Storer.Index()
	if err != nil {
		g.t.Fatal(err)
	}
	for _, e := range idx.Entries {
		if e.Name == path {
			return e.Hash
		}
	}
	g.t.Fatalf("%s not in the index", path)
	return plumbing.ZeroHash
}

// treeOf returns the tree of dir in commit c.
func (g *gitFixture) treeOf(c plumbing.Hash, dir string) plumbing.Hash {
	g.t.Helper()
	co, err := g.repo.CommitObject(c)
	if err != nil {
		g.t.Fatal(err)
	}
	tr, err := co.Tree()
	if err != nil {
		g.t.Fatal(err)
	}
	e, err := tr.FindEntry(dir)
	if err != nil {
		g.t.Fatal(err)
	}
	return e.Hash
}

// incomplete runs a scan that must end in an IncompleteError and returns
// its result and error message.
func incomplete(t *testing.T, opts Options) (*Result, string) {
	t.Helper()
	if opts.MaxDecodeDepth == 0 {
		opts.MaxDecodeDepth = 5
	}
	res, err := Scan(t.Context(), opts)
	var inc *IncompleteError
	if !errors.As(err, &inc) || !errors.Is(err, ErrIncomplete) {
		t.Fatalf("err = %v, want an IncompleteError", err)
	}
	if res == nil {
		t.Fatal("no result with the IncompleteError")
	}
	if res.Stats.Unreadable == 0 || len(res.Stats.Errors) == 0 {
		t.Errorf("unreadable = %d, errors = %q", res.Stats.Unreadable, res.Stats.Errors)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error spans lines: %q", msg)
	}
	if strings.Contains(msg+strings.Join(res.Stats.Errors, " ")+strings.Join(res.Stats.Warnings, " "), "shallow or partial") {
		t.Errorf("unreadable content labelled as a shallow or partial clone: %q %q", msg, res.Stats.Errors)
	}
	return res, msg
}

func mustContain(t *testing.T, what, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s %q lacks %q", what, s, w)
		}
	}
}

// TestHistoryCorruptTipFails: a branch whose tip commit cannot be read is an
// error naming the commit and the branch, even with AllowMissing (it is
// damaged, not absent).
func TestHistoryCorruptTipFails(t *testing.T) {
	g := newGitFixture(t)
	g.commit("leak", map[string]string{"a.txt": "gh=" + fakeGitHubPAT + "\n"})
	tip := g.commit("tip", map[string]string{"b.txt": "b\n"})
	corruptPacked(t, g.dir, tip)
	for _, allow := range []bool{false, true} {
		res, msg := incomplete(t, Options{Path: g.dir, Mode: ModeHistory, AllowMissing: allow})
		mustContain(t, "error", msg, "commit "+tip.String(), "refs/heads/master", "corrupt")
		mustContain(t, "errors", strings.Join(res.Stats.Errors, "\n"), tip.String(), "refs/heads/master")
	}
}

// TestGitUnreadableObjectsKeepOtherFindings: a truncated loose blob or tree
// makes the scan incomplete; what could be read is still reported.
func TestGitUnreadableObjectsKeepOtherFindings(t *testing.T) {
	for _, tc := range []struct {
		name string
		mode Mode
	}{{"history blob", ModeHistory}, {"history tree", ModeHistory}, {"range blob", ModeRange}} {
		t.Run(tc.name, func(t *testing.T) {
			g := newGitFixture(t)
			g.commit("init", map[string]string{"README.md": "hi\n"})
			base := g.commit("readable leak", map[string]string{"a.txt": "gh=" + fakeGitHubPAT + "\n"})
			_ = base
			c := g.commit("unreadable leak", map[string]string{"sub/b.txt": "aws=" + fakeAWSKeyID + "\n"})
			var bad plumbing.Hash
			var want []string
			if strings.HasSuffix(tc.name, "tree") {
				bad = g.treeOf(c, "sub")
				want = []string{"tree " + bad.String(), "sub", c.String()}
			} else {
				bad = g.blobOf("sub/b.txt")
				want = []string{"blob " + bad.String(), "sub/b.txt", c.String()}
			}
			truncateLoose(t, g.dir, bad)
			opts := Options{Path: g.dir, Mode: tc.mode}
			if tc.mode == ModeRange {
				opts.Range = "HEAD~2.."
			}
			res, msg := incomplete(t, opts)
			mustContain(t, "error", msg, want...)
			if got := keys(res.Findings); len(got) != 1 || got[0] != "a.txt:1 github-pat" {
				t.Errorf("findings = %v, want the readable leak", got)
			}
		})
	}
}

// TestStagedUnreadableBlobFails: a staged file whose blob cannot be read
// blocks a pre-commit scan.
func TestStagedUnreadableBlobFails(t *testing.T) {
	g := newGitFixture(t)
	g.commit("init", map[string]string{"a.txt": "a\n"})
	g.write(map[string]string{"staged.txt": "aws=" + fakeAWSKeyID + "\n"})
	blob := g.blobOf("staged.txt")
	truncateLoose(t, g.dir, blob)
	_, msg := incomplete(t, Options{Path: g.dir, Mode: ModeStaged})
	mustContain(t, "error", msg, "blob "+blob.String(), "staged.txt")
}

// TestRefToAbsentObjectFails: a branch pointing at an object that is not
// in the repository is an error naming the branch.
func TestRefToAbsentObjectFails(t *testing.T) {
	g := newGitFixture(t)
	g.commit("init", map[string]string{"a.txt": "a\n"})
	ghost := "0123456789abcdef0123456789abcdef01234567"
	writeRef(t, g.dir, "refs/heads/ghost", ghost)
	_, msg := incomplete(t, Options{Path: g.dir, Mode: ModeHistory})
	mustContain(t, "error", msg, ghost, "refs/heads/ghost", "absent")
}

// TestAbsentObjects: an object absent from a repository that is neither
// shallow nor partial makes the scan incomplete; with AllowMissing it is a
// counted warning. A partial clone's absent objects say so.
func TestAbsentObjects(t *testing.T) {
	for _, partial := range []bool{false, true} {
		g := newGitFixture(t)
		g.commit("init", map[string]string{"a.txt": "a\n"})
		g.commit("leak", map[string]string{"b.txt": "gh=" + fakeGitHubPAT + "\n", "c.txt": "c\n"})
		blob := g.blobOf("b.txt")
		if err := os.Remove(looseObject(g.dir, blob)); err != nil {
			t.Fatal(err)
		}
		label := "absent from the repository"
		if partial {
			gitCLI(t, g.dir, "config", "remote.origin.promisor", "true")
			label = "partial clone"
		}
		_, msg := incomplete(t, Options{Path: g.dir, Mode: ModeHistory})
		mustContain(t, "error", msg, "blob "+blob.String(), "b.txt", label, "--allow-missing")

		res := g.scan(Options{Mode: ModeHistory, AllowMissing: true})
		if res.Stats.MissingObjects != 1 || res.Stats.Unreadable != 0 || len(res.Stats.Warnings) != 1 {
			t.Fatalf("AllowMissing: missing = %d, unreadable = %d, warnings = %q", res.Stats.MissingObjects, res.Stats.Unreadable, res.Stats.Warnings)
		}
		mustContain(t, "warning", res.Stats.Warnings[0], blob.String(), label)
	}
}

// TestShallowBoundary: in a shallow clone, the commits listed in
// .git/shallow have no parents, as git sees them: they are scanned as root
// commits, with a warning that older history is not in the clone, and
// nothing is reported missing.
func TestShallowBoundary(t *testing.T) {
	g := newGitFixture(t)
	first := g.commit("old leak", map[string]string{"a.txt": "gh=" + fakeGitHubPAT + "\n"})
	boundary := g.commit("second", map[string]string{"b.txt": "b\n"})
	g.commit("third", map[string]string{"c.txt": "c\n"})
	// What git clone --depth 2 leaves: the boundary listed in .git/shallow,
	// the commit before it absent.
	if err := os.WriteFile(filepath.Join(g.dir, ".git", "shallow"), []byte(boundary.String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(looseObject(g.dir, first)); err != nil {
		t.Fatal(err)
	}
	res := g.scan(Options{Mode: ModeHistory})
	if res.Stats.MissingObjects != 0 || res.Stats.Unreadable != 0 || res.Stats.Commits != 2 {
		t.Errorf("missing = %d, unreadable = %d, commits = %d", res.Stats.MissingObjects, res.Stats.Unreadable, res.Stats.Commits)
	}
	// The boundary commit is scanned whole: the old leak is in its tree.
	if got := keys(res.Findings); len(got) != 1 || got[0] != "a.txt:1 github-pat" || res.Findings[0].Commit != boundary.String() {
		t.Errorf("findings = %v, want a.txt attributed to the boundary commit", got)
	}
	if len(res.Stats.Warnings) != 1 || !strings.Contains(res.Stats.Warnings[0], "shallow") {
		t.Errorf("warnings = %q, want one about the shallow boundary", res.Stats.Warnings)
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain/path.txt":      "plain/path.txt",
		"a\nb":                `a\x0ab`,
		"evil\x1b[2Jname.txt": `evil\x1b[2Jname.txt`,
		"tab\there, été":      `tab\x09here, été`,
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
