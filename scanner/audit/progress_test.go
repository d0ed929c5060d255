package audit

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/scanner"
)

func TestProgress(t *testing.T) {
	results := []RepoResult{
		{Repository: "acme/api", Status: StatusOK, Scan: ScanFull, Commits: 3, Blobs: 4, Findings: 2},
		{Repository: "acme/gone", Status: StatusFailed, Reason: "clone: repository not found"},
	}
	for _, tc := range []struct {
		name string
		p    func(*bytes.Buffer) Progress
		want []string
	}{
		{"lines", func(b *bytes.Buffer) Progress { return NewLineProgress(b) }, []string{
			"audit: 2 repositories to scan\n",
			"audit: [1/2] acme/api: 2 findings (full: 3 commits, 4 blobs)\n",
			"audit: secondary rate limit: waiting 7s\n",
			"audit: [2/2] acme/gone: failed: clone: repository not found\n",
			"audit: 2/2 repositories done, 2 findings, 1 failed, 1 rate-limit waits (7s)\n",
		}},
		{"bar", func(b *bytes.Buffer) Progress { return NewBarProgress(b) }, []string{
			"2/2", "2 findings, 1 failed, 1 rate-limit waits (7s)",
		}},
	} {
		var buf bytes.Buffer
		p := tc.p(&buf)
		p.Start(len(results))
		p.Done(results[0])
		p.Wait(7*time.Second, "secondary rate limit")
		p.Done(results[1])
		p.Finish()
		for _, w := range tc.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.name, w, buf.String())
			}
		}
	}
}

// TestBarProgressCounters checks that the bar shows the scans' live
// counters, between repositories as well as after each.
func TestBarProgressCounters(t *testing.T) {
	var buf bytes.Buffer
	c := &scanner.Counters{}
	p := NewBarProgress(&buf)
	p.Counters = c
	p.Interval = time.Hour // redrawn by Refresh below, not by the ticker
	p.Start(2)
	c.Commits.Store(12)
	c.Blobs.Store(30)
	c.Bytes.Store(2 << 20)
	p.Refresh()
	if got := buf.String(); !strings.Contains(got, "12 commits, 30 blobs, 2.0 MiB, 0 findings") {
		t.Errorf("between repositories: %q", got)
	}
	c.Commits.Add(3)
	p.Done(RepoResult{Repository: "acme/api", Status: StatusOK, Findings: 1})
	if got := buf.String(); !strings.Contains(got, "15 commits, 30 blobs, 2.0 MiB, 1 findings") || !strings.Contains(got, "1/2") {
		t.Errorf("after a repository: %q", got)
	}
	p.Finish()
}
