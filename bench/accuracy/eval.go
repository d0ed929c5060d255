package main

import (
	"sort"
)

// Finding is what the harness needs of a reported secret.
type Finding struct {
	File               string
	StartLine, EndLine int
	RuleID             string
	Secret             string // raw value, "" when the tool's report does not give it
	Hash               string // a hash of the secret (the tool's own, or SHA-256)
}

func (f Finding) path() string { return f.File }

// Score counts outcomes for one category (or overall).
type Score struct {
	Positives, Negatives int // labels
	Found                int // positive labels reported
	TP, FP               int // reported findings that are / are not a labelled credential
}

// Recall is the share of labelled credentials reported.
func (s Score) Recall() float64 { return ratio(s.Found, s.Positives) }

// Precision is the share of reported findings that are labelled credentials.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Outcome of one finding, for the verbose listing.
type Outcome struct {
	Finding  Finding
	Category string
	Correct  bool
}

// Evaluation is a tool's result on the corpus.
type Evaluation struct {
	Overall    Score
	ByCategory map[string]*Score
	Missed     []Label
	Outcomes   []Outcome
}

// evaluate scores findings against labels. Findings are deduplicated by
// file, line and secret. A finding is correct when a positive label of its
// file lies on a line it spans and the secrets are related (or, when the
// tool does not report the secret, on that line alone); other findings
// are false positives, charged to the category of the labels on their line
// or else of their file.
func evaluate(findings []Finding, labels []Label) *Evaluation {
	ev := &Evaluation{ByCategory: map[string]*Score{}}
	cat := func(c string) *Score {
		if ev.ByCategory[c] == nil {
			ev.ByCategory[c] = &Score{}
		}
		return ev.ByCategory[c]
	}
	byFile := map[string][]int{}
	fileCats := map[string]map[string]int{}
	for i, l := range labels {
		byFile[l.File] = append(byFile[l.File], i)
		if fileCats[l.File] == nil {
			fileCats[l.File] = map[string]int{}
		}
		fileCats[l.File][l.Category]++
		s := cat(l.Category)
		if l.Positive() {
			s.Positives++
			ev.Overall.Positives++
		} else {
			s.Negatives++
			ev.Overall.Negatives++
		}
	}
	type key struct {
		file   string
		line   int
		secret string
	}
	seen := map[key]bool{}
	found := make([]bool, len(labels))
	for _, f := range findings {
		k := key{f.File, f.StartLine, f.Secret + f.Hash}
		if seen[k] {
			continue
		}
		seen[k] = true
		end := f.EndLine
		if end < f.StartLine {
			end = f.StartLine
		}
		category, correct := "", false
		for _, i := range byFile[f.File] {
			l := labels[i]
			if l.Line < f.StartLine || l.Line > end {
				continue
			}
			if category == "" {
				category = l.Category
			}
			if l.Positive() && (f.Secret == "" || related(f.Secret, l.Secret)) {
				found[i], correct, category = true, true, l.Category
			}
		}
		if category == "" {
			category = majority(fileCats[f.File])
		}
		s := cat(category)
		if correct {
			s.TP++
			ev.Overall.TP++
		} else {
			s.FP++
			ev.Overall.FP++
		}
		ev.Outcomes = append(ev.Outcomes, Outcome{Finding: f, Category: category, Correct: correct})
	}
	for i, l := range labels {
		if l.Positive() && found[i] {
			cat(l.Category).Found++
			ev.Overall.Found++
		} else if l.Positive() {
			ev.Missed = append(ev.Missed, l)
		}
	}
	sort.Slice(ev.Outcomes, func(i, j int) bool {
		a, b := ev.Outcomes[i].Finding, ev.Outcomes[j].Finding
		if a.File != b.File {
			return a.File < b.File
		}
		return a.StartLine < b.StartLine
	})
	return ev
}

func majority(m map[string]int) string {
	best, n := "unlabelled", 0
	for c, k := range m {
		if k > n || (k == n && c < best) {
			best, n = c, k
		}
	}
	return best
}

// categoryNames returns the categories scored in any of ms, sorted: the
// rows of a table with one column per tool.
func categoryNames(ms []map[string]*Score) []string {
	seen := map[string]bool{}
	var names []string
	for _, m := range ms {
		for c := range m {
			if !seen[c] {
				seen[c] = true
				names = append(names, c)
			}
		}
	}
	sort.Strings(names)
	return names
}
