package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// The two groups every split has: dev, which tuning may look at, and
// holdout, which was read while tuning (session 5). Later held-out groups
// are named holdout2, holdout3, ... (heldOutName) and are clean: nobody
// tunes on them, and -v hides their misses and false positives.
const (
	groupDev     = "dev"
	groupHoldout = "holdout"
)

// heldOutName matches the names of the held-out groups in split.json.
var heldOutName = regexp.MustCompile(`^holdout(?:[2-9]|[1-9][0-9]+)?$`)

// corpusSplit divides the real-code corpus by repository into dev and
// held-out groups. realcode/split.json holds "why" and, per held-out
// group, its repositories; every repository it does not list is dev.
type corpusSplit struct {
	Why    string
	Groups map[string][]string
}

// UnmarshalJSON reads "why" and the held-out groups, and refuses any
// other key.
func (s *corpusSplit) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	s.Groups = map[string][]string{}
	for k, v := range raw {
		var err error
		switch {
		case k == "why":
			err = json.Unmarshal(v, &s.Why)
		case heldOutName.MatchString(k):
			var repos []string
			err = json.Unmarshal(v, &repos)
			s.Groups[k] = repos
		default:
			return fmt.Errorf("unknown field %q (want \"why\" or holdout, holdout2, ...)", k)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

// heldOutGroups returns the held-out groups of groups in order: holdout,
// then holdout2, holdout3, ... by number.
func heldOutGroups(groups map[string]string) []string {
	seen := map[string]bool{}
	for _, g := range groups {
		seen[g] = true
	}
	out := make([]string, 0, len(seen))
	for g := range seen {
		out = append(out, g)
	}
	num := func(g string) int { n, _ := strconv.Atoi(strings.TrimPrefix(g, groupHoldout)); return n }
	sort.Slice(out, func(i, j int) bool { return num(out[i]) < num(out[j]) })
	return out
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
	names := make([]string, 0, len(s.Groups))
	for g := range s.Groups {
		names = append(names, g)
	}
	sort.Strings(names) // deterministic "listed twice" messages
	groups := map[string]string{}
	for _, g := range names {
		for _, name := range s.Groups[g] {
			if !listed[name] {
				return nil, fmt.Errorf("split.json: %s is not in repos.json", name)
			}
			if prev, ok := groups[name]; ok {
				return nil, fmt.Errorf("split.json: %s listed twice (%s and %s)", name, prev, g)
			}
			groups[name] = g
		}
	}
	if len(s.Groups[groupHoldout]) == 0 || len(groups) == len(listed) {
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
	for _, group := range append([]string{groupDev}, heldOutGroups(groups)...) {
		evals := make([]*RealEval, len(findings))
		var n int
		for i := range findings {
			fs, ls := splitPart(findings[i], labels, groups, group)
			evals[i], n = evaluateReal(fs, ls), len(ls)
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

// hideCleanGroups applies hideGroup to every clean held-out group (all
// but dev and holdout) that list does not name, and returns how many lines
// it left out per group.
func hideCleanGroups(evals []*RealEval, groups map[string]string, list map[string]bool) ([]*RealEval, map[string]int) {
	hidden := map[string]int{}
	for _, g := range heldOutGroups(groups) {
		if g == groupHoldout || list[g] {
			continue
		}
		evals, hidden[g] = hideGroup(evals, groups, g)
	}
	return evals, hidden
}
