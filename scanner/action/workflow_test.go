package action

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestCommandEscaping(t *testing.T) {
	for _, tc := range []struct {
		name, msg string
		props     []string
		want      string
	}{
		{"plain", "hello", nil, "::notice::hello\n"},
		{"message escapes", "100% done\r\nnext", nil, "::notice::100%25 done%0D%0Anext\n"},
		{"property escapes", "m", []string{"file", "a,b:c%d\ne", "line", "3"}, "::notice file=a%2Cb%3Ac%25d%0Ae,line=3::m\n"},
		{"empty properties are left out", "m", []string{"file", "f", "line", "", "title", "t: x"}, "::notice file=f,title=t%3A x::m\n"},
		{"only empty properties", "m", []string{"line", ""}, "::notice::m\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			command(&b, "notice", tc.msg, tc.props...)
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}

func TestAnnotationCannotInjectCommands(t *testing.T) {
	f := &finding.Finding{
		RuleID: "github-pat",
		File:   "evil\n::add-mask::x,line=9:title=y.py",
		Match:  "TOKEN = \"REDACTED\"\n::set-output name=findings-count::0\x1b[2J",
		Commit: "0123456789abcdef0123456789abcdef01234567", StartLine: 3, EndLine: 3,
	}
	var b bytes.Buffer
	annotate(&b, f, 4)
	out := b.String()
	if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "::error file=evil%0A%3A%3Aadd-mask%3A%3Ax%2Cline=9%3Atitle=y.py,line=4,title=secretsweep%3A github-pat::") {
		t.Errorf("annotation = %q", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("control character in annotation")
	}
	b.Reset()
	logLine(&b, "a\n::error::b\rc")
	if b.String() != "secretsweep: a ::error::b c\n" {
		t.Errorf("log line = %q", b.String())
	}
}

func TestSetOutputs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out")
	if err := setOutputs(p, "a", "1", "b", "/tmp/x"); err != nil {
		t.Fatal(err)
	}
	if err := setOutputs(p, "c", "x\ny"); err == nil {
		t.Error("a value with a line break was written")
	}
	data, _ := os.ReadFile(p)
	if string(data) != "a=1\nb=/tmp/x\n" {
		t.Errorf("outputs = %q", data)
	}
}

func TestNearestLine(t *testing.T) {
	content := "a\nS\nb\nc\nS\nd\n"
	for _, tc := range []struct {
		secret string
		want   int
		line   int
	}{
		{"S", 1, 2}, {"S", 2, 2}, {"S", 4, 5}, {"S", 9, 5}, {"nope", 1, 0}, {"b\nc", 1, 3},
	} {
		if got := nearestLine(content, tc.secret, tc.want); got != tc.line {
			t.Errorf("nearestLine(%q, %d) = %d, want %d", tc.secret, tc.want, got, tc.line)
		}
	}
}
