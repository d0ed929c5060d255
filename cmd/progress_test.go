package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/secretsweep/secretsweep/scanner"
)

// fakeClock is a clock the test moves.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestScanProgressRender(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var buf bytes.Buffer
	c := &scanner.Counters{}
	p := newScanProgress(&buf, c, clock.now)
	tests := []struct {
		name                string
		advance             time.Duration
		commits, total      int64
		blobs, bytes, finds int64
		want, notWant       []string
	}{
		{name: "total not yet counted", advance: 2 * time.Second, commits: 10, blobs: 40, bytes: 3 << 20, finds: 1,
			want: []string{"10", "40 blobs, 3.0 MiB, 1 findings"}, notWant: []string{"ETA"}},
		{name: "a quarter done in 10s", advance: 8 * time.Second, commits: 25, total: 100, blobs: 90, bytes: 5 << 20, finds: 2,
			want: []string{"25/100", "90 blobs, 5.0 MiB, 2 findings, ETA 30s"}},
		{name: "done", advance: 30 * time.Second, commits: 100, total: 100, blobs: 300, finds: 2,
			want: []string{"300 blobs", "ETA 0s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf.Reset()
			clock.t = clock.t.Add(tt.advance)
			c.Commits.Store(tt.commits)
			c.TotalCommits.Store(tt.total)
			c.Blobs.Store(tt.blobs)
			c.Bytes.Store(tt.bytes)
			c.Findings.Store(tt.finds)
			p.render()
			got := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("%q has %q", got, w)
				}
			}
		})
	}
}

func TestEstimate(t *testing.T) {
	for _, tt := range []struct {
		elapsed     time.Duration
		done, total int64
		want        time.Duration
		ok          bool
	}{
		{10 * time.Second, 25, 100, 30 * time.Second, true},
		{time.Minute, 1, 3, 2 * time.Minute, true},
		{time.Second, 0, 100, 0, false}, // nothing done yet
		{time.Second, 10, 0, 0, false},  // total unknown
		{time.Second, 12, 10, 0, false}, // more than counted (refs moved)
	} {
		got, ok := estimate(tt.elapsed, tt.done, tt.total)
		if got != tt.want || ok != tt.ok {
			t.Errorf("estimate(%v, %d, %d) = %v, %v; want %v, %v", tt.elapsed, tt.done, tt.total, got, ok, tt.want, tt.ok)
		}
	}
}

// TestScanProgressBar runs scan --history with stderr on a terminal: a bar
// with the counts, erased at the end; none with --no-progress, --progress
// (plain lines instead) or without a terminal.
func TestScanProgressBar(t *testing.T) {
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	for i, body := range []string{"token=" + fakeScanPAT + "\n", "fine\n"} {
		name := filepath.Join(dir, "f.txt")
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add("f.txt"); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: "A", Email: "a@example.com", When: time.Date(2024, 5, 1, i, 0, 0, 0, time.UTC)}
		if _, err := wt.Commit("c", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name     string
		terminal bool
		args     []string
		bar      bool
	}{
		{"terminal", true, nil, true},
		{"no-progress", true, []string{"--no-progress"}, false},
		{"plain lines asked for", true, []string{"--progress"}, false},
		{"not a terminal", false, nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, out, errOut := scanFactory()
			f.IO.ErrIsTerminal = tt.terminal
			args := append([]string{"scan", "--history", "-f", "json", dir}, tt.args...)
			if code := Main(args, f); code != 1 {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			got := errOut.String()
			if bar := strings.Contains(got, "2/2") && strings.Contains(got, "1 findings"); bar != tt.bar {
				t.Errorf("bar drawn: %v, want %v; stderr %q", bar, tt.bar, got)
			}
			if strings.Contains(got+out.String(), fakeScanPAT) {
				t.Error("secret printed")
			}
			first := strings.SplitN(got, "\n", 2)[0]
			if tt.bar && !strings.HasPrefix(first[strings.LastIndex(first, "\r")+1:], "Scanned 2 blobs") {
				t.Errorf("the bar was not erased before the summary: %q", got)
			}
		})
	}
}
