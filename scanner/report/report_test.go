package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenExt is the golden file extension of each format; every reporter
// must have one, so every reporter has golden tests.
var goldenExt = map[string]string{
	"text": "txt", "json": "json", "sarif": "sarif", "csv": "csv",
	"junit": "xml", "markdown": "md", "html": "html", "gitlab": "gitlab.json",
}

// render runs one reporter and fails the test on error.
func render(t *testing.T, r Reporter, res *finding.Result, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Write(&buf, res, opts); err != nil {
		t.Fatalf("%s: %v", r.Name(), err)
	}
	return buf.String()
}

// checkGolden compares got with testdata/golden/name byte for byte, or
// rewrites the file under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scanner/report/ -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(run go test ./scanner/report/ -update if intended)", path, i+1, g, w)
			}
		}
	}
}

func TestReportersList(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Reporters() {
		name := r.Name()
		if name == "" || seen[name] {
			t.Errorf("reporter name %q empty or duplicated", name)
		}
		seen[name] = true
		if got, err := Lookup(name); err != nil || got.Name() != name {
			t.Errorf("Lookup(%q) = %v, %v", name, got, err)
		}
		ext, ok := goldenExt[name]
		if !ok {
			t.Errorf("reporter %q has no golden tests: add it to goldenExt", name)
			continue
		}
		for _, c := range goldenCases() {
			if _, err := os.Stat(filepath.Join("testdata", "golden", c.name+"."+ext)); err != nil && !*update {
				t.Errorf("reporter %q: missing golden file: %v", name, err)
			}
		}
	}
	if len(goldenExt) != len(seen) {
		t.Errorf("goldenExt lists %d formats, Reporters() %d", len(goldenExt), len(seen))
	}
	if got := strings.Join(Formats(), ","); got != "csv,gitlab,html,json,junit,markdown,sarif,text" {
		t.Errorf("Formats() = %s", got)
	}
}

func TestGolden(t *testing.T) {
	for _, r := range Reporters() {
		for _, c := range goldenCases() {
			t.Run(r.Name()+"/"+c.name, func(t *testing.T) {
				checkGolden(t, c.name+"."+goldenExt[r.Name()], render(t, r, c.res, testOpts()))
			})
		}
	}
}

// TestNoSecretLeaks checks that redacted findings show no secret in any
// format, that Finding.Line is never printed, and that SARIF holds no secret
// even for unredacted findings.
func TestNoSecretLeaks(t *testing.T) {
	for _, r := range Reporters() {
		for _, c := range goldenCases() {
			out := render(t, r, c.res, Options{Color: true, Version: "x"})
			if strings.Contains(out, lineOnly) {
				t.Errorf("%s/%s prints Finding.Line", r.Name(), c.name)
			}
			if c.name == "unredacted" && r.Name() != "sarif" {
				continue
			}
			for _, p := range probes {
				if strings.Contains(out, p) {
					t.Errorf("%s/%s leaks secret %q", r.Name(), c.name, p)
				}
			}
		}
	}
}

// TestUnredactedShowsSecret guards the other side: formats that carry the
// match show it when the caller asked for it.
func TestUnredactedShowsSecret(t *testing.T) {
	res := goldenCases()[1].res
	for _, name := range []string{"json", "csv", "junit", "text", "markdown", "html"} {
		r, _ := Lookup(name)
		if out := render(t, r, res, testOpts()); !strings.Contains(out, fakeAWS) {
			t.Errorf("%s: unredacted output lacks the secret", name)
		}
	}
}

type failWriter struct{}

func (failWriter) Write(p []byte) (int, error) { return 0, errors.New("disk full") }

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", nil, Options{}); err != nil || buf.String() != "[]\n" {
		t.Errorf("Write(nil) = %q, %v", buf.String(), err)
	}
	buf.Reset()
	if err := Write(&buf, "yaml", goldenCases()[0].res, Options{}); err == nil || !strings.Contains(err.Error(), `unknown format "yaml"`) || buf.Len() != 0 {
		t.Errorf("unknown format: %v, wrote %d bytes", err, buf.Len())
	}
	if err := Write(failWriter{}, "text", goldenCases()[0].res, Options{}); err == nil || !strings.Contains(err.Error(), "write text report: disk full") {
		t.Errorf("failing writer: %v", err)
	}
}

func TestNilResult(t *testing.T) {
	for _, r := range Reporters() {
		if out := render(t, r, nil, Options{}); out == "" {
			t.Errorf("%s wrote nothing for a nil result", r.Name())
		}
	}
}
