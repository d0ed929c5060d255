package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// unreadRepo builds a repository with a readable leak in a.txt (first
// commit) and a second leak in b.txt whose blob is then truncated, as a
// crash or a bad disk leaves a loose object. It returns the repository, the
// tip commit and the truncated blob.
func unreadRepo(t *testing.T) (dir, tip, blob string) {
	t.Helper()
	dir = t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	var h plumbing.Hash
	for i, file := range []struct{ name, body string }{
		{"a.txt", "token=" + fakeScanPAT + "\n"},
		{"b.txt", "aws_access_key_id = AKIA2E3FAKEJ5KQ7MZXB\n"},
	} {
		if err := os.WriteFile(filepath.Join(dir, file.name), []byte(file.body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add(file.name); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "A", Email: "a@example.com", When: time.Date(2024, 5, 1, i, 0, 0, 0, time.UTC)}
		if h, err = wt.Commit("add "+file.name, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			t.Fatal(err)
		}
	}
	idx, err := r.Storer.Index()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range idx.Entries {
		if e.Name == "b.txt" {
			blob = e.Hash.String()
		}
	}
	p := filepath.Join(dir, ".git", "objects", blob[:2], blob[2:])
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, h.String(), blob
}

// TestScanIncompleteExitsTwo: content that could not be read gives exit 2
// with one line naming it, never "No leaks found"; what was read is still
// reported.
func TestScanIncompleteExitsTwo(t *testing.T) {
	repo, tip, blob := unreadRepo(t)
	// An absent object (removed, in a repository that is not a partial
	// clone) for the --allow-missing cases.
	absent, _, gone := unreadRepo(t)
	if err := os.Remove(filepath.Join(absent, ".git", "objects", gone[:2], gone[2:])); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(repo, "a.txt")
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		out     []string // in stdout
		errLine []string // in stderr's last line
	}{
		{"history text", []string{"scan", "--history", repo}, 2,
			[]string{"a.txt:1", "github-pat", "error: cannot read blob " + blob, "Scan incomplete"},
			[]string{"scan incomplete", "blob " + blob, "b.txt", tip}},
		{"history json", []string{"scan", "--history", "-f", "json", repo}, 2,
			[]string{`"File": "a.txt"`},
			[]string{"scan incomplete", blob}},
		{"history json to a file", []string{"scan", "--history", "-f", "json", "-o", filepath.Join(t.TempDir(), "r.json"), repo}, 2,
			nil, []string{"scan incomplete", blob}},
		{"range markdown", []string{"scan", "--range", "HEAD~1..", "-f", "markdown", repo}, 2,
			[]string{"scan incomplete"},
			[]string{"scan incomplete", blob}},
		{"history html", []string{"scan", "--history", "-f", "html", repo}, 2,
			[]string{"<title>secretsweep: scan incomplete"}, []string{"scan incomplete", blob}},
		{"absent", []string{"scan", "--history", absent}, 2, nil, []string{"absent", "--allow-missing"}},
		{"absent allowed", []string{"scan", "--history", "--allow-missing", absent}, 1,
			[]string{"a.txt:1", "warning: 1 git objects absent"}, nil},
		{"history of a file", []string{"scan", "--history", file}, 2, nil, []string{"is a file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := scanFactory()
			code := Main(tc.args, f)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, tc.code, out, errOut)
			}
			for _, w := range tc.out {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if code == 2 && strings.Contains(strings.ToLower(out.String()+errOut.String()), "no leaks found") {
				t.Errorf("an incomplete scan says no leaks found:\n%s\n%s", out, errOut)
			}
			if tc.code == 2 && len(tc.args) > 3 && tc.args[2] == "-f" && tc.args[3] != "text" &&
				!strings.Contains(errOut.String(), "error: cannot read") {
				t.Errorf("a machine format's stderr does not list what could not be read:\n%s", errOut)
			}
			lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
			last := lines[len(lines)-1]
			for _, w := range tc.errLine {
				if !strings.Contains(last, w) {
					t.Errorf("stderr's last line %q lacks %q", last, w)
				}
			}
			if strings.Contains(out.String()+errOut.String(), fakeScanPAT) {
				t.Errorf("secret printed")
			}
		})
	}
}
