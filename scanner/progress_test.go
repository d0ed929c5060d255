package scanner

import "testing"

// TestHistoryCounters checks the live counters of a history scan against
// its result: commits, blobs, bytes read, findings, and the commit total
// counted beside the scan (for an ETA), on a history with a merge.
func TestHistoryCounters(t *testing.T) {
	for _, count := range []bool{true, false} {
		g := newGitFixture(t)
		g.commit("init", map[string]string{"a.txt": "hello\n"})
		g.checkout("side", true)
		side := g.commit("side", map[string]string{"c.txt": "side\n"})
		g.checkout("master", false)
		leak := g.commit("leak", map[string]string{"b.txt": "gh=" + fakeGitHubPAT + "\n"})
		// The merge adds nothing that a parent lacks: no blob of its own.
		g.commit("merge", map[string]string{"c.txt": "side\n"}, leak, side)
		c := &Counters{CountTotal: count}
		res := g.scan(Options{Mode: ModeHistory, Counters: c})
		if got := c.Commits.Load(); got != 4 || int(got) != res.Stats.Commits {
			t.Errorf("commits %d, result %d, want 4", got, res.Stats.Commits)
		}
		if got := c.Blobs.Load(); int(got) != res.Stats.Files || got == 0 {
			t.Errorf("blobs %d, result %d", got, res.Stats.Files)
		}
		wantBytes := int64(len("hello\n") + len("gh="+fakeGitHubPAT+"\n") + len("side\n"))
		if got := c.Bytes.Load(); got != wantBytes {
			t.Errorf("bytes %d, want %d", got, wantBytes)
		}
		if got := c.Findings.Load(); got != 1 || len(res.Findings) != 1 {
			t.Errorf("findings %d, result %d, want 1", got, len(res.Findings))
		}
		want := int64(0)
		if count {
			want = 4
		}
		if got := c.TotalCommits.Load(); got != want {
			t.Errorf("CountTotal %v: total %d, want %d", count, got, want)
		}
	}
}
