package scanner

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// FuzzAddedRuns feeds arbitrary old and new versions of a file to the
// added-lines diff: no panics, and every run lies within the new version.
func FuzzAddedRuns(f *testing.F) {
	f.Add([]byte("gh="+fakeGitHubPAT+"\n"), []byte("x\n"))
	f.Add([]byte("password = \"hunter2hunter2\"\r\n%41%42 \\u0041 U+0041 "+b64("aws "+fakeAWSKeyID)), []byte{})
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\n\x00\xff\n"), []byte("\n\n"))
	f.Fuzz(func(t *testing.T, data, old []byte) {
		for _, r := range addedRuns(old, data) {
			if r.start < 0 || r.end > len(data) || r.start > r.end || r.line < 1 {
				t.Fatalf("bad run %+v for %d bytes", r, len(data))
			}
		}
	})
}

// FuzzGitObjects writes arbitrary bytes as a commit, tree or blob object
// into a repository and scans its history: corrupt objects must give an
// error or a counted warning, never a panic.
func FuzzGitObjects(f *testing.F) {
	f.Add(uint8(0), []byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <a> 1 +0000\ncommitter a <a> 1 +0000\n\nmsg\n"))
	f.Add(uint8(1), []byte("100644 a.txt\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13"))
	f.Add(uint8(2), []byte("gh="+fakeGitHubPAT))
	// A one-rule config keeps each execution cheap: what is under test is
	// the git side, not rule compilation.
	cfgPath := filepath.Join(f.TempDir(), "fuzz.toml")
	rule := "[[rules]]\nid = \"fuzz-gh\"\nregex = '''ghp_[0-9a-zA-Z]{36}'''\nkeywords = [\"ghp_\"]\n"
	if err := os.WriteFile(cfgPath, []byte(rule), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		g := newGitFixture(t)

		g.commit("init", map[string]string{"a.txt": "a\n"})
		types := []plumbing.ObjectType{plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject}
		obj := g.repo.Storer.NewEncodedObject()
		obj.SetType(types[int(kind)%len(types)])
		w, _ := obj.Writer()
		_, _ = w.Write(data)
		_ = w.Close()
		h, err := g.repo.Storer.SetEncodedObject(obj)
		if err != nil {
			t.Skip()
		}
		// Point a branch at the object (commits), or commit a tree entry to it.
		if obj.Type() == plumbing.CommitObject {
			writeRef(t, g.dir, "refs/heads/fuzz", h.String())
		} else {
			head, _ := g.repo.Head()
			c, _ := g.repo.CommitObject(head.Hash())
			writeRef(t, g.dir, "refs/heads/fuzz", c.Hash.String())
			_ = os.WriteFile(filepath.Join(g.dir, "obj"), []byte(h.String()), 0o644)
		}
		_, _ = Scan(context.Background(), Options{Path: g.dir, Mode: ModeHistory, MaxDecodeDepth: 2, ConfigPath: cfgPath})
	})
}
