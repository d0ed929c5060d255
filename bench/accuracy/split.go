package main

import (
	"fmt"
	"io"
	"path/filepath"
)

// corpusSplit divides the real-code corpus by repository into a dev half,
// which tuning may look at, and a held-out half, which it must not: the
// figures that count are the held-out ones. realcode/split.json lists the
// held-out repositories; every other one is dev.
type corpusSplit struct {
	Why     string   `json:"why"`
	Holdout []string `json:"holdout"`
}

// loadSplit reads split.json from dir and returns the held-out
// repositories. Every one must be in repos, and neither half may be empty.
func loadSplit(dir string, repos []Repo) (map[string]bool, error) {
	var s corpusSplit
	if err := readJSONFile(filepath.Join(dir, "split.json"), &s); err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for _, r := range repos {
		listed[r.Name] = true
	}
	hold := map[string]bool{}
	for _, name := range s.Holdout {
		if !listed[name] {
			return nil, fmt.Errorf("split.json: %s is not in repos.json", name)
		}
		if hold[name] {
			return nil, fmt.Errorf("split.json: %s listed twice", name)
		}
		hold[name] = true
	}
	if len(hold) == 0 || len(hold) == len(listed) {
		return nil, fmt.Errorf("split.json: the holdout must hold some repositories but not all")
	}
	return hold, nil
}

// splitPart keeps the findings and labels of one half: the held-out
// repositories when holdout is true, the dev ones otherwise.
func splitPart(findings []RealFinding, labels []RealLabel, hold map[string]bool, holdout bool) ([]RealFinding, []RealLabel) {
	var fs []RealFinding
	for _, f := range findings {
		if hold[f.Repo] == holdout {
			fs = append(fs, f)
		}
	}
	var ls []RealLabel
	for _, l := range labels {
		if hold[l.Repo] == holdout {
			ls = append(ls, l)
		}
	}
	return fs, ls
}

// printSplitTables prints the real-code table for the dev half and for the
// held-out half.
func printSplitTables(w io.Writer, names []string, findings [][]RealFinding, labels []RealLabel, hold map[string]bool) {
	for _, part := range []struct {
		name    string
		holdout bool
	}{{"dev", false}, {"holdout", true}} {
		evals := make([]*RealEval, len(findings))
		var n int
		for i := range findings {
			fs, ls := splitPart(findings[i], labels, hold, part.holdout)
			evals[i], n = evaluateReal(fs, ls), len(ls)
		}
		fmt.Fprintf(w, "\nReal-code corpus, %s half (%d labelled lines; bench/accuracy/realcode/split.json)\n\n", part.name, n)
		printRealTable(w, names, evals)
	}
}
