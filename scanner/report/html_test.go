package report

import (
	"strings"
	"testing"
)

func TestHTMLEscapedAndSelfContained(t *testing.T) {
	res := goldenCases()[1].res
	res.Findings[1].Author = `<script>alert(1)</script>`
	out := render(t, htmlReporter{}, res, Options{})
	for _, bad := range []string{"<script", "<tok>", "src=", "href=", "@import", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "FAKE|&lt;tok&gt;&#34;S3CR3TONE", "<title>secretsweep found 3 possible secrets</title>"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(out, "<tr><td>"); n != 3 {
		t.Errorf("%d rows", n)
	}
}

func TestHTMLNoLeaks(t *testing.T) {
	out := render(t, htmlReporter{}, nil, Options{})
	if !strings.Contains(out, "secretsweep: no leaks found") || strings.Contains(out, "<table>") {
		t.Errorf("empty page wrong")
	}
}
