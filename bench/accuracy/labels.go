package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Label is one hand-labelled line of the corpus: a true credential (Secret
// is its value, or the value base64 encodes) or a realistic negative
// (Secret is "none").
type Label struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Category string `json:"category"`
	Secret   string `json:"secret"`
}

func (l Label) path() string { return l.File }

// Positive reports whether the label is a true credential.
func (l Label) Positive() bool { return l.Secret != "none" }

// loadLabels reads the manifest and checks it against the corpus: every
// labelled line exists, and a positive label's line holds its secret (in
// clear or base64-encoded).
func loadLabels(path, corpus string) ([]Label, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	var labels []Label
	if err := json.Unmarshal(data, &labels); err != nil {
		return nil, fmt.Errorf("labels %s: %w", path, err)
	}
	files := map[string][]string{}
	for i, l := range labels {
		if l.File == "" || l.Line < 1 || l.Category == "" || l.Secret == "" {
			return nil, fmt.Errorf("label %d: file, line, category and secret are required", i)
		}
		lines, ok := files[l.File]
		if !ok {
			b, err := os.ReadFile(filepath.Join(corpus, filepath.FromSlash(l.File)))
			if err != nil {
				return nil, fmt.Errorf("label %d: %w", i, err)
			}
			lines = strings.Split(string(b), "\n")
			files[l.File] = lines
		}
		if l.Line > len(lines) {
			return nil, fmt.Errorf("label %d: %s has no line %d", i, l.File, l.Line)
		}
		if l.Positive() && !lineHolds(lines[l.Line-1], l.Secret) {
			return nil, fmt.Errorf("label %d: %s:%d does not hold its secret", i, l.File, l.Line)
		}
	}
	return labels, nil
}

// lineHolds reports whether line contains secret, directly or inside
// base64 that it decodes to.
func lineHolds(line, secret string) bool {
	if strings.Contains(line, secret) {
		return true
	}
	for _, s := range expand(line) {
		if strings.Contains(s, secret) {
			return true
		}
	}
	return false
}
