package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// FuzzEngine feeds arbitrary bytes to the engine, under a plain name or
// one a credential-file parser reads (chosen by the second input's
// length): no panics, and findings lie within the input. (FuzzAddedRuns,
// in package scanner, feeds the same shapes to the added-lines diff.)
func FuzzEngine(f *testing.F) {
	cfg, err := DefaultConfig()
	if err != nil {
		f.Fatal(err)
	}
	e := New(cfg, Options{MaxDecodeDepth: 5})
	f.Add([]byte("gh="+fakeGitHubPAT+"\n"), []byte("x\n"))
	f.Add([]byte("password = \"hunter2hunter2\"\r\n%41%42 \\u0041 U+0041 "+b64("aws "+fakeAWSKeyID)), []byte{})
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\n\x00\xff\n"), []byte("\n\n"))
	f.Add([]byte("CREATE USER a\n  PASSWORD 'pw-1';\nINSERT INTO users VALUES ('$2y$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW');\n"), []byte("s"))
	f.Add([]byte("<Server><Host>h</Host><Pass encoding=\"base64\">"+b64("pw")+"</Pass></Server>\n"), []byte("ss"))
	paths := []string{"f.txt", "db/dump.sql", "FileZilla/sitemanager.xml", "sftp-config.json", "config/database.yml", ".git-credentials", ".netrc"}
	f.Fuzz(func(t *testing.T, data, pick []byte) {
		lines := 1
		for _, c := range data {
			if c == '\n' {
				lines++
			}
		}
		for _, fd := range e.Scan(context.Background(), Fragment{Path: paths[len(pick)%len(paths)], Text: string(data), StartLine: 1}) {
			if fd.StartLine < 1 || fd.StartLine > lines || fd.EndLine < fd.StartLine || (isParsed(&fd) && (fd.StartColumn < 1 || fd.EndColumn < fd.StartColumn)) {
				t.Fatalf("finding outside input: lines %d-%d of %d", fd.StartLine, fd.EndLine, lines)
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
	def := New(cfg, Options{MaxDecodeDepth: 5}).(*gitleaksEngine)
	tiny := New(cfg, Options{MaxDecodeDepth: 5}).(*gitleaksEngine)
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
		var found []finding.Finding
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
