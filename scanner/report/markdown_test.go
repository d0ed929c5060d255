package report

import (
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// TestMarkdownTable checks every row has exactly the table's cells: pipes,
// backticks and newlines in scanned text cannot break it.
func TestMarkdownTable(t *testing.T) {
	out := render(t, markdownReporter{}, goldenCases()[1].res, Options{})
	if !strings.HasPrefix(out, "### :warning: secretsweep found 3 possible secrets\n") {
		t.Errorf("header: %q", strings.SplitN(out, "\n", 2)[0])
	}
	rows := 0
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		rows++
		if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 6 {
			t.Errorf("row has %d cell separators: %s", n, line)
		}
		if strings.Contains(line, "`") {
			t.Errorf("raw backtick in row: %s", line)
		}
	}
	if rows != 2+3 {
		t.Errorf("%d table lines, want 5", rows)
	}
}

func TestMarkdownNoLeaks(t *testing.T) {
	out := render(t, markdownReporter{}, nil, Options{})
	if !strings.HasPrefix(out, "### :white_check_mark: secretsweep: no leaks found\n") || strings.Contains(out, "|") {
		t.Errorf("no-leaks output = %q", out)
	}
}

func TestMarkdownCapsRows(t *testing.T) {
	res := &finding.Result{Findings: make([]finding.Finding, markdownMaxRows+5)}
	for i := range res.Findings {
		res.Findings[i] = finding.Finding{RuleID: "r", File: "f"}
	}
	out := render(t, markdownReporter{}, res, Options{})
	if n := strings.Count(out, "\n| <code>r</code>"); n != markdownMaxRows || !strings.Contains(out, "and 5 more") {
		t.Errorf("%d rows, tail %q", n, out[len(out)-200:])
	}
}

func TestMDCode(t *testing.T) {
	for in, want := range map[string]string{
		"":            "",
		"a|b":         "<code>a&#124;b</code>",
		"`x`":         "<code>&#96;x&#96;</code>",
		"<b>&":        "<code>&#60;b&#62;&#38;</code>",
		"@team #1":    "<code>&#64;team &#35;1</code>",
		"l1\nl2":      `<code>l1&#92;nl2</code>`,
		"*_[x]~$y$":   "<code>&#42;&#95;&#91;x&#93;&#126;&#36;y&#36;</code>",
		"http://x.io": "<code>http&#58;//x.io</code>",
	} {
		if got := mdCode(in); got != want {
			t.Errorf("mdCode(%q) = %q, want %q", in, got, want)
		}
	}
}
