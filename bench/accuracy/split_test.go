package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadSplit(t *testing.T) {
	repos := []Repo{{Name: "o/a"}, {Name: "o/b"}, {Name: "o/c"}}
	for _, tc := range []struct {
		name, json, err string
		hold            int
	}{
		{name: "one held out", json: `{"why":"w","holdout":["o/b"]}`, hold: 1},
		{name: "unknown repository", json: `{"why":"w","holdout":["o/x"]}`, err: "not in repos.json"},
		{name: "listed twice", json: `{"why":"w","holdout":["o/a","o/a"]}`, err: "twice"},
		{name: "empty holdout", json: `{"why":"w","holdout":[]}`, err: "some repositories but not all"},
		{name: "everything held out", json: `{"why":"w","holdout":["o/a","o/b","o/c"]}`, err: "some repositories but not all"},
		{name: "unknown field", json: `{"why":"w","holdout":["o/a"],"dev":[]}`, err: "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "split.json"), []byte(tc.json), 0o600); err != nil {
				t.Fatal(err)
			}
			hold, err := loadSplit(dir, repos)
			switch {
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("err = %v, want one containing %q", err, tc.err)
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case len(hold) != tc.hold:
				t.Errorf("%d held out, want %d", len(hold), tc.hold)
			}
		})
	}
}

func TestSplitPart(t *testing.T) {
	hold := map[string]bool{"o/b": true}
	fs := []RealFinding{{Repo: "o/a"}, {Repo: "o/b"}, {Repo: "o/a"}}
	ls := []RealLabel{{Repo: "o/a"}, {Repo: "o/b"}, {Repo: "o/b"}}
	for _, tc := range []struct {
		holdout      bool
		nf, nl       int
		wantRepoName string
	}{{false, 2, 1, "o/a"}, {true, 1, 2, "o/b"}} {
		gf, gl := splitPart(fs, ls, hold, tc.holdout)
		if len(gf) != tc.nf || len(gl) != tc.nl {
			t.Errorf("holdout=%v: %d findings %d labels, want %d %d", tc.holdout, len(gf), len(gl), tc.nf, tc.nl)
		}
		for _, f := range gf {
			if f.Repo != tc.wantRepoName {
				t.Errorf("holdout=%v: finding of %s", tc.holdout, f.Repo)
			}
		}
		for _, l := range gl {
			if l.Repo != tc.wantRepoName {
				t.Errorf("holdout=%v: label of %s", tc.holdout, l.Repo)
			}
		}
	}
}

// TestRealCorpusSplit checks the committed split: both halves hold
// repositories and true and false labels.
func TestRealCorpusSplit(t *testing.T) {
	repos, labels, err := loadRealCorpus("realcode")
	if err != nil {
		t.Fatal(err)
	}
	hold, err := loadSplit("realcode", repos)
	if err != nil {
		t.Fatal(err)
	}
	for _, holdout := range []bool{false, true} {
		_, ls := splitPart(nil, labels, hold, holdout)
		var pos, neg int
		for _, l := range ls {
			if l.Label {
				pos++
			} else {
				neg++
			}
		}
		if pos < 50 || neg < 50 {
			t.Errorf("holdout=%v: %d true and %d false labels, want 50 or more of each", holdout, pos, neg)
		}
	}
}
