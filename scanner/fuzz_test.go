package scanner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// FuzzEngine feeds arbitrary bytes to the engine and to the added-lines
// diff: no panics, and findings lie within the input.
func FuzzEngine(f *testing.F) {
	cfg, err := DefaultConfig()
	if err != nil {
		f.Fatal(err)
	}
	e := NewEngine(cfg, EngineOptions{MaxDecodeDepth: 5})
	f.Add([]byte("gh="+fakeGitHubPAT+"\n"), []byte("x\n"))
	f.Add([]byte("password = \"hunter2hunter2\"\r\n%41%42 \\u0041 U+0041 "+b64("aws "+fakeAWSKeyID)), []byte{})
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\n\x00\xff\n"), []byte("\n\n"))
	f.Fuzz(func(t *testing.T, data, old []byte) {
		lines := 1
		for _, c := range data {
			if c == '\n' {
				lines++
			}
		}
		for _, fd := range e.Scan(context.Background(), Fragment{Path: "f.txt", Text: string(data), StartLine: 1}) {
			if fd.StartLine < 1 || fd.StartLine > lines || fd.EndLine < fd.StartLine {
				t.Fatalf("finding outside input: lines %d-%d of %d", fd.StartLine, fd.EndLine, lines)
			}
		}
		for _, r := range addedRuns(old, data) {
			if r.start < 0 || r.end > len(data) || r.start > r.end || r.line < 1 {
				t.Fatalf("bad run %+v for %d bytes", r, len(data))
			}
		}
	})
}

// FuzzLongLines repeats arbitrary bytes into texts of up to 64 KB (long
// lines of many matches when the bytes hold a token and no newline) and
// scans them with a findings cap, with the default sizes and with tiny
// ones that cut pieces everywhere: no panics, at most cap findings, each
// within the input and quoting a bounded part of its line, and what a scan
// allocates grows with the text, not its square.
func FuzzLongLines(f *testing.F) {
	cfg, err := DefaultConfig()
	if err != nil {
		f.Fatal(err)
	}
	def := NewEngine(cfg, EngineOptions{MaxDecodeDepth: 5}).(*gitleaksEngine)
	tiny := NewEngine(cfg, EngineOptions{MaxDecodeDepth: 5}).(*gitleaksEngine)
	tiny.lim = limits{piece: 512, longLine: 256, chunk: 256, lead: 32, tail: 128, quote: 64, escalate: 1024, escalations: 4}
	f.Add([]byte(`tok="`+fakeGitHubPAT+`" `), uint16(1500), uint16(999))
	f.Add([]byte("key=x "), uint16(10000), uint16(0))
	f.Add([]byte("api_key = \""+fakeSlackBot+"\", "), uint16(300), uint16(7|1<<15))
	f.Add([]byte(b64(b64("token "+fakeGitHubPAT))+" "), uint16(2000), uint16(1<<15))
	f.Add([]byte("日本 password=\"FAKEpw12345678\"\n"), uint16(500), uint16(20|1<<15))
	f.Fuzz(func(t *testing.T, unit []byte, reps, knobs uint16) {
		if len(unit) == 0 {
			return
		}
		n := min(1+int(reps), (64<<10)/len(unit))
		text := strings.Repeat(string(unit), n)
		e, limit := def, 1+int(knobs%1000)
		if knobs&(1<<15) != 0 {
			e = tiny
		}
		var found []Finding
		alloc := allocated(func() {
			found, _ = e.ScanLimit(context.Background(), Fragment{Path: "f.txt", Text: text, StartLine: 1}, limit)
		})
		if len(found) > limit {
			t.Fatalf("%d findings, cap %d", len(found), limit)
		}
		lines := strings.Count(text, "\n") + 1
		for _, fd := range found {
			if fd.StartLine < 1 || fd.StartLine > lines || fd.EndLine < fd.StartLine {
				t.Fatalf("finding outside input: lines %d-%d of %d", fd.StartLine, fd.EndLine, lines)
			}
			// The quote is the match and e.lim.quote bytes either side (a
			// decoded match is not in its line: the memory bound below
			// covers its quote).
			if strings.Contains(fd.Line, fd.Match) && len(fd.Line) > len(fd.Match)+2*e.lim.quote {
				t.Fatalf("%s quotes %d bytes for a match of %d", fd.RuleID, len(fd.Line), len(fd.Match))
			}
		}
		// Copying the line into each finding allocated 85 MB here.
		if bound := uint64(512*len(text) + 16<<20); alloc > bound {
			t.Fatalf("scanning %d bytes allocated %d MB", len(text), alloc>>20)
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
