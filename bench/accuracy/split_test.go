package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestLoadSplit(t *testing.T) {
	repos := []Repo{{Name: "o/a"}, {Name: "o/b"}, {Name: "o/c"}}
	for _, tc := range []struct {
		name, json, err string
		want            map[string]int
	}{
		{name: "one held out", json: `{"why":"w","holdout":["o/b"]}`, want: map[string]int{"holdout": 1}},
		{name: "two groups", json: `{"why":"w","holdout":["o/b"],"holdout2":["o/c"]}`, want: map[string]int{"holdout": 1, "holdout2": 1}},
		{name: "any numbered group", json: `{"why":"w","holdout":["o/a"],"holdout12":["o/b"]}`, want: map[string]int{"holdout": 1, "holdout12": 1}},
		{name: "in holdout2 and holdout3", json: `{"why":"w","holdout":["o/a"],"holdout2":["o/b"],"holdout3":["o/b"]}`, err: "twice"},
		{name: "holdout3 unknown", json: `{"why":"w","holdout":["o/b"],"holdout3":["o/x"]}`, err: "not in repos.json"},
		{name: "in both groups", json: `{"why":"w","holdout":["o/b"],"holdout2":["o/b"]}`, err: "twice"},
		{name: "nothing left for dev", json: `{"why":"w","holdout":["o/a"],"holdout2":["o/b","o/c"]}`, err: "some repositories but not all"},
		{name: "holdout2 alone", json: `{"why":"w","holdout":[],"holdout2":["o/c"]}`, err: "some repositories but not all"},
		{name: "unknown repository", json: `{"why":"w","holdout":["o/x"]}`, err: "not in repos.json"},
		{name: "listed twice", json: `{"why":"w","holdout":["o/a","o/a"]}`, err: "twice"},
		{name: "empty holdout", json: `{"why":"w","holdout":[]}`, err: "some repositories but not all"},
		{name: "everything held out", json: `{"why":"w","holdout":["o/a","o/b","o/c"]}`, err: "some repositories but not all"},
		{name: "unknown field", json: `{"why":"w","holdout":["o/a"],"dev":[]}`, err: "unknown field"},
		{name: "holdout1 is no group", json: `{"why":"w","holdout":["o/a"],"holdout1":["o/b"]}`, err: "unknown field"},
		{name: "group not a list", json: `{"why":"w","holdout":"o/a"}`, err: "holdout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "split.json"), []byte(tc.json), 0o600); err != nil {
				t.Fatal(err)
			}
			groups, err := loadSplit(dir, repos)
			n := map[string]int{}
			for _, g := range groups {
				n[g]++
			}
			switch {
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("err = %v, want one containing %q", err, tc.err)
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case tc.err == "" && !maps.Equal(n, tc.want):
				t.Errorf("groups %v, want %v", n, tc.want)
			}
		})
	}
}

// TestHeldOutGroups: holdout first, then the numbered groups by number.
func TestHeldOutGroups(t *testing.T) {
	groups := map[string]string{"o/a": "holdout10", "o/b": "holdout2", "o/c": "holdout", "o/d": "holdout2", "o/e": "holdout3"}
	if got, want := heldOutGroups(groups), []string{"holdout", "holdout2", "holdout3", "holdout10"}; !slices.Equal(got, want) {
		t.Errorf("heldOutGroups = %v, want %v", got, want)
	}
}

func TestSplitPart(t *testing.T) {
	groups := map[string]string{"o/b": groupHoldout, "o/c": "holdout2", "o/d": "holdout3"}
	fs := []RealFinding{{Repo: "o/a"}, {Repo: "o/b"}, {Repo: "o/a"}, {Repo: "o/c"}, {Repo: "o/d"}, {Repo: "o/d"}}
	ls := []RealLabel{{Repo: "o/a"}, {Repo: "o/b"}, {Repo: "o/b"}, {Repo: "o/c"}, {Repo: "o/c"}, {Repo: "o/c"}, {Repo: "o/d"}}
	for _, tc := range []struct {
		group        string
		nf, nl       int
		wantRepoName string
	}{{groupDev, 2, 1, "o/a"}, {groupHoldout, 1, 2, "o/b"}, {"holdout2", 1, 3, "o/c"}, {"holdout3", 2, 1, "o/d"}} {
		gf, gl := splitPart(fs, ls, groups, tc.group)
		if len(gf) != tc.nf || len(gl) != tc.nl {
			t.Errorf("%s: %d findings %d labels, want %d %d", tc.group, len(gf), len(gl), tc.nf, tc.nl)
		}
		for _, f := range gf {
			if f.Repo != tc.wantRepoName {
				t.Errorf("%s: finding of %s", tc.group, f.Repo)
			}
		}
		for _, l := range gl {
			if l.Repo != tc.wantRepoName {
				t.Errorf("%s: label of %s", tc.group, l.Repo)
			}
		}
	}
}

// TestRealCorpusSplit checks the committed split: dev, holdout, holdout2,
// holdout3 and holdout4 each hold enough true and false labels to be scored
// (the later groups, small repositories, hold fewer credentials).
func TestRealCorpusSplit(t *testing.T) {
	repos, labels, err := loadRealCorpus("realcode")
	if err != nil {
		t.Fatal(err)
	}
	groups, err := loadSplit("realcode", repos)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		group          string
		minPos, minNeg int
	}{{groupDev, 50, 50}, {groupHoldout, 50, 50}, {"holdout2", 30, 50}, {"holdout3", 30, 50}, {"holdout4", 30, 100}, {"holdout5", 30, 50}, {"holdout6", 30, 100}, {"holdout7", 30, 30}} {
		_, ls := splitPart(nil, labels, groups, tc.group)
		var pos, neg int
		for _, l := range ls {
			if l.Label {
				pos++
			} else {
				neg++
			}
		}
		if pos < tc.minPos || neg < tc.minNeg {
			t.Errorf("%s: %d true and %d false labels, want %d and %d or more", tc.group, pos, neg, tc.minPos, tc.minNeg)
		}
	}
}

func TestHideGroup(t *testing.T) {
	groups := map[string]string{"o/b": groupHoldout, "o/c": "holdout2"}
	ev := &RealEval{
		Missed:     []RealLabel{{Repo: "o/a"}, {Repo: "o/c"}, {Repo: "o/b"}},
		FalsePos:   []RealLabel{{Repo: "o/c"}, {Repo: "o/c"}},
		Unlabelled: []lineKey{{"o/c", "f", 1}},
	}
	for _, tc := range []struct {
		group              string
		missed, fp, hidden int
	}{
		{"holdout2", 2, 0, 3},
		{groupHoldout, 2, 2, 1},
		{groupDev, 2, 2, 1},
	} {
		got, hidden := hideGroup([]*RealEval{ev}, groups, tc.group)
		if len(got[0].Missed) != tc.missed || len(got[0].FalsePos) != tc.fp || hidden != tc.hidden {
			t.Errorf("%s: %d missed %d fp %d hidden, want %d %d %d", tc.group, len(got[0].Missed), len(got[0].FalsePos), hidden, tc.missed, tc.fp, tc.hidden)
		}
		for _, l := range append(got[0].Missed, got[0].FalsePos...) {
			if groupOf(groups, l.Repo) == tc.group {
				t.Errorf("%s: %s still listed", tc.group, l.Repo)
			}
		}
		if len(got[0].Unlabelled) != 1 {
			t.Errorf("%s: unlabelled lines dropped", tc.group)
		}
	}
	if len(ev.Missed) != 3 || len(ev.FalsePos) != 2 {
		t.Error("hideGroup changed its input")
	}
}

func TestHideCleanGroups(t *testing.T) {
	groups := map[string]string{"o/b": groupHoldout, "o/c": "holdout2", "o/d": "holdout3"}
	ev := &RealEval{
		Missed:   []RealLabel{{Repo: "o/a"}, {Repo: "o/b"}, {Repo: "o/c"}, {Repo: "o/d"}},
		FalsePos: []RealLabel{{Repo: "o/d"}, {Repo: "o/c"}, {Repo: "o/d"}},
	}
	for _, tc := range []struct {
		name       string
		list       map[string]bool
		want       []string // repositories still listed
		hid2, hid3 int
	}{
		{"both hidden", nil, []string{"o/a", "o/b"}, 2, 3},
		{"holdout2 listed", map[string]bool{"holdout2": true}, []string{"o/a", "o/b", "o/c", "o/c"}, 0, 3},
		{"holdout3 listed", map[string]bool{"holdout3": true}, []string{"o/a", "o/b", "o/d", "o/d", "o/d"}, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, hidden := hideCleanGroups([]*RealEval{ev}, groups, tc.list)
			var repos []string
			for _, l := range append(append([]RealLabel{}, got[0].Missed...), got[0].FalsePos...) {
				repos = append(repos, l.Repo)
			}
			sort.Strings(repos)
			if strings.Join(repos, " ") != strings.Join(tc.want, " ") {
				t.Errorf("listed %v, want %v", repos, tc.want)
			}
			if hidden["holdout2"] != tc.hid2 || hidden["holdout3"] != tc.hid3 {
				t.Errorf("hidden %v, want holdout2 %d holdout3 %d", hidden, tc.hid2, tc.hid3)
			}
		})
	}
}
