package main

import (
	"fmt"
	"io"
	"path/filepath"
)

// The groups of the real-code corpus, in the order -real prints them.
const (
	groupDev      = "dev"
	groupHoldout  = "holdout"
	groupHoldout2 = "holdout2"
	groupHoldout3 = "holdout3"
	groupHoldout4 = "holdout4"
	groupHoldout5 = "holdout5"
	groupHoldout6 = "holdout6"
	groupHoldout7 = "holdout7"
)

// cleanGroups are the held-out groups nobody tunes on: -v hides their
// misses and false positives.
var cleanGroups = []string{groupHoldout2, groupHoldout3, groupHoldout4, groupHoldout5, groupHoldout6, groupHoldout7}

// corpusSplit divides the real-code corpus by repository into a dev group,
// which tuning may look at, and held-out groups, which it must not.
// realcode/split.json lists the held-out repositories; every other one is
// dev. holdout was read while tuning (session 5); holdout2 and holdout3
// were added later and nobody tunes on them, so their figures are the ones
// that measure generalisation.
type corpusSplit struct {
	Why      string   `json:"why"`
	Holdout  []string `json:"holdout"`
	Holdout2 []string `json:"holdout2,omitempty"`
	Holdout3 []string `json:"holdout3,omitempty"`
	Holdout4 []string `json:"holdout4,omitempty"`
	Holdout5 []string `json:"holdout5,omitempty"`
	Holdout6 []string `json:"holdout6,omitempty"`
	Holdout7 []string `json:"holdout7,omitempty"`
}

// loadSplit reads split.json from dir and returns each held-out
// repository's group (repositories not in the map are dev). Every listed
// repository must be in repos and in one group only; dev and holdout may
// not be empty, the later groups may.
func loadSplit(dir string, repos []Repo) (map[string]string, error) {
	var s corpusSplit
	if err := readJSONFile(filepath.Join(dir, "split.json"), &s); err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for _, r := range repos {
		listed[r.Name] = true
	}
	groups := map[string]string{}
	for _, g := range []struct {
		name  string
		repos []string
	}{{groupHoldout, s.Holdout}, {groupHoldout2, s.Holdout2}, {groupHoldout3, s.Holdout3}, {groupHoldout4, s.Holdout4}, {groupHoldout5, s.Holdout5}, {groupHoldout6, s.Holdout6}, {groupHoldout7, s.Holdout7}} {
		for _, name := range g.repos {
			if !listed[name] {
				return nil, fmt.Errorf("split.json: %s is not in repos.json", name)
			}
			if prev, ok := groups[name]; ok {
				return nil, fmt.Errorf("split.json: %s listed twice (%s and %s)", name, prev, g.name)
			}
			groups[name] = g.name
		}
	}
	if len(s.Holdout) == 0 || len(groups) == len(listed) {
		return nil, fmt.Errorf("split.json: the holdout must hold some repositories but not all")
	}
	return groups, nil
}

// groupOf returns the group of a repository: its held-out group, or dev.
func groupOf(groups map[string]string, repo string) string {
	if g, ok := groups[repo]; ok {
		return g
	}
	return groupDev
}

// splitPart keeps the findings and labels of one group's repositories.
func splitPart(findings []RealFinding, labels []RealLabel, groups map[string]string, group string) ([]RealFinding, []RealLabel) {
	var fs []RealFinding
	for _, f := range findings {
		if groupOf(groups, f.Repo) == group {
			fs = append(fs, f)
		}
	}
	var ls []RealLabel
	for _, l := range labels {
		if groupOf(groups, l.Repo) == group {
			ls = append(ls, l)
		}
	}
	return fs, ls
}

// printSplitTables prints the real-code table for dev, holdout and, when
// split.json has them, the later held-out groups.
func printSplitTables(w io.Writer, names []string, findings [][]RealFinding, labels []RealLabel, groups map[string]string) {
	for _, group := range []string{groupDev, groupHoldout, groupHoldout2, groupHoldout3, groupHoldout4, groupHoldout5, groupHoldout6, groupHoldout7} {
		evals := make([]*RealEval, len(findings))
		var n int
		for i := range findings {
			fs, ls := splitPart(findings[i], labels, groups, group)
			evals[i], n = evaluateReal(fs, ls), len(ls)
		}
		if n == 0 && group != groupDev && group != groupHoldout {
			continue
		}
		fmt.Fprintf(w, "\nReal-code corpus, %s (%d labelled lines; bench/accuracy/realcode/split.json)\n\n", group, n)
		printRealTable(w, names, evals)
	}
}

// hideGroup returns copies of evals whose misses and false positives leave
// out the repositories of group, and how many lines it left out, so that
// -v does not show anyone the reasons behind a held-out group's errors
// (its unlabelled lines stay listed: they need labelling).
func hideGroup(evals []*RealEval, groups map[string]string, group string) ([]*RealEval, int) {
	keep := func(ls []RealLabel) ([]RealLabel, int) {
		var out []RealLabel
		for _, l := range ls {
			if groupOf(groups, l.Repo) != group {
				out = append(out, l)
			}
		}
		return out, len(ls) - len(out)
	}
	out := make([]*RealEval, len(evals))
	hidden := 0
	for i, ev := range evals {
		c := *ev
		var n, m int
		c.Missed, n = keep(ev.Missed)
		c.FalsePos, m = keep(ev.FalsePos)
		out[i], hidden = &c, hidden+n+m
	}
	return out, hidden
}

// hideCleanGroups applies hideGroup to every clean held-out group that
// list does not name, and returns how many lines it left out per group.
func hideCleanGroups(evals []*RealEval, groups map[string]string, list map[string]bool) ([]*RealEval, map[string]int) {
	hidden := map[string]int{}
	for _, g := range cleanGroups {
		if list[g] {
			continue
		}
		evals, hidden[g] = hideGroup(evals, groups, g)
	}
	return evals, hidden
}
