package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// lineKey names one line of one repository's tree.
type lineKey struct {
	Repo, Path string
	Line       int
}

func (k lineKey) String() string { return fmt.Sprintf("%s:%s:%d", k.Repo, k.Path, k.Line) }

// RealFinding is a finding of a tool in one repository.
type RealFinding struct {
	Repo string
	Finding
}

// RealEval is a tool's result on the real-code corpus. A label covers its
// line, or its lines up to End (a PEM block, so a tool reporting the key's
// body rather than its BEGIN line still finds it). Findings are
// counted once per line (a tool that reports two rules on one line has one
// outcome there). A finding whose lines hold a true label is a true
// positive; one on a false label a false positive; one on no labelled line
// is unlabelled, counted apart and listed so it can be labelled.
type RealEval struct {
	Overall    Score
	ByCategory map[string]*Score
	Missed     []RealLabel
	FalsePos   []RealLabel // the false labels reported
	Unlabelled []lineKey
}

// evaluateReal scores findings against the labels by (repo, path, line).
func evaluateReal(findings []RealFinding, labels []RealLabel) *RealEval {
	ev := &RealEval{ByCategory: map[string]*Score{}}
	cat := func(c string) *Score {
		if ev.ByCategory[c] == nil {
			ev.ByCategory[c] = &Score{}
		}
		return ev.ByCategory[c]
	}
	byLine := map[lineKey]int{}
	for i, l := range labels {
		for n := l.Line; n <= max(l.End, l.Line); n++ {
			if _, taken := byLine[lineKey{l.Repo, l.Path, n}]; !taken || n == l.Line {
				byLine[lineKey{l.Repo, l.Path, n}] = i
			}
		}
		s := cat(l.Category)
		if l.Label {
			s.Positives++
			ev.Overall.Positives++
		} else {
			s.Negatives++
			ev.Overall.Negatives++
		}
	}
	found := make([]bool, len(labels))
	charged := make([]bool, len(labels))
	seen := map[lineKey]bool{}
	unl := map[lineKey]bool{}
	for _, f := range findings {
		start := lineKey{f.Repo, f.File, f.StartLine}
		if seen[start] {
			continue
		}
		seen[start] = true
		end := max(f.EndLine, f.StartLine)
		tp, fp := -1, -1
		for n := f.StartLine; n <= end; n++ {
			i, ok := byLine[lineKey{f.Repo, f.File, n}]
			switch {
			case !ok:
			case labels[i].Label:
				found[i] = true
				if tp < 0 {
					tp = i
				}
			case fp < 0:
				fp = i
			}
		}
		switch {
		case tp >= 0:
			cat(labels[tp].Category).TP++
			ev.Overall.TP++
		case fp >= 0:
			cat(labels[fp].Category).FP++
			ev.Overall.FP++
			if !charged[fp] {
				charged[fp] = true
				ev.FalsePos = append(ev.FalsePos, labels[fp])
			}
		case !unl[start]:
			unl[start] = true
			ev.Unlabelled = append(ev.Unlabelled, start)
		}
	}
	for i, l := range labels {
		if !l.Label {
			continue
		}
		if found[i] {
			cat(l.Category).Found++
			ev.Overall.Found++
		} else {
			ev.Missed = append(ev.Missed, l)
		}
	}
	sort.Slice(ev.Unlabelled, func(i, j int) bool { return ev.Unlabelled[i].String() < ev.Unlabelled[j].String() })
	return ev
}

// printRealTable prints recall / precision per category and overall, one
// column per tool, with false positives and unlabelled findings counted.
func printRealTable(w io.Writer, tools []string, evals []*RealEval) {
	byCat := make([]map[string]*Score, len(evals))
	for i, ev := range evals {
		byCat[i] = ev.ByCategory
	}
	names := categoryNames(byCat)
	fmt.Fprintf(w, "%-20s %4s %4s", "category", "true", "false")
	for _, t := range tools {
		fmt.Fprintf(w, "  %-24s", t+" R / P (fp)")
	}
	fmt.Fprintln(w)
	row := func(name string, get func(*RealEval) *Score) {
		s0 := get(evals[0])
		fmt.Fprintf(w, "%-20s %4d %4d", name, s0.Positives, s0.Negatives)
		for _, ev := range evals {
			s := get(ev)
			fmt.Fprintf(w, "  %-24s", fmt.Sprintf("%4.2f / %4.2f (%d)", s.Recall(), s.Precision(), s.FP))
		}
		fmt.Fprintln(w)
	}
	for _, c := range names {
		row(c, func(ev *RealEval) *Score {
			if s := ev.ByCategory[c]; s != nil {
				return s
			}
			return &Score{}
		})
	}
	row("OVERALL", func(ev *RealEval) *Score { return &ev.Overall })
	fmt.Fprintf(w, "%-30s", "unlabelled lines reported")
	for _, ev := range evals {
		fmt.Fprintf(w, "  %-24d", len(ev.Unlabelled))
	}
	fmt.Fprintln(w)
}

// printRealDetails lists, per tool, the unlabelled lines it reported and,
// when verbose, its misses and false positives (locations and the label's
// reason only: no secret values).
func printRealDetails(w io.Writer, tools []string, evals []*RealEval, verbose bool) {
	for i, ev := range evals {
		if len(ev.Unlabelled) > 0 {
			fmt.Fprintf(w, "\n%s: %d unlabelled lines reported (label them in labels.json)\n", tools[i], len(ev.Unlabelled))
			for _, k := range ev.Unlabelled {
				fmt.Fprintf(w, "  unlabelled  %s\n", k)
			}
		}
		if !verbose {
			continue
		}
		fmt.Fprintf(w, "\n%s: %d missed credentials\n", tools[i], len(ev.Missed))
		for _, l := range ev.Missed {
			fmt.Fprintf(w, "  missed  %s:%s:%d [%s] %s\n", l.Repo, l.Path, l.Line, l.Category, oneLine(l.Why))
		}
		fmt.Fprintf(w, "%s: %d false positives\n", tools[i], len(ev.FalsePos))
		for _, l := range ev.FalsePos {
			fmt.Fprintf(w, "  fp      %s:%s:%d [%s] %s\n", l.Repo, l.Path, l.Line, l.Category, oneLine(l.Why))
		}
	}
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }
