package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// realConfig holds the -real mode's flags.
type realConfig struct {
	On                bool
	Dir, Mirror, Work string
	Setup, Only       string
	Corpus, Labels    string
	Verbose           bool
	ListGroups        map[string]bool // -v also lists these clean groups' misses and false positives
	Paths             toolPaths
}

// runReal installs the peers (setup script), materialises every labelled
// repository, runs the tools on each tree, and prints the real-code table,
// then the hand-written corpus scored for the same tools.
func runReal(ctx context.Context, rc realConfig, w io.Writer) error {
	repos, labels, err := loadRealCorpus(rc.Dir)
	if err != nil {
		return err
	}
	groups, err := loadSplit(rc.Dir, repos)
	if err != nil {
		return err
	}
	handLabels, err := loadLabels(rc.Labels, rc.Corpus)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "accuracy-real-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := prepareTools(ctx, &rc, tmp); err != nil {
		return err
	}
	tools, err := selectTools(cliTools(rc.Paths, tmp), rc.Only)
	if err != nil {
		return err
	}
	names := make([]string, len(tools))
	for i, t := range tools {
		names[i] = t.Name
	}
	findings := make([][]RealFinding, len(tools))
	for _, r := range repos {
		dir, err := materialise(ctx, r, rc.Mirror, rc.Work)
		if err != nil {
			return err
		}
		for i, t := range tools {
			start := time.Now()
			fs, err := cachedScan(ctx, t, dir, filepath.Join(rc.Work, "findings"), r)
			if err != nil {
				return fmt.Errorf("%s on %s: %w", t.Name, r.Name, err)
			}
			fmt.Fprintf(os.Stderr, "accuracy: %-16s %-32s %4d findings %6.1fs\n", t.Name, r.Name, len(fs), time.Since(start).Seconds())
			for _, f := range fs {
				findings[i] = append(findings[i], RealFinding{Repo: r.Name, Finding: f})
			}
		}
	}
	evals := make([]*RealEval, len(tools))
	for i := range tools {
		evals[i] = evaluateReal(findings[i], labels)
	}
	fmt.Fprintf(w, "Real-code corpus: %d repositories, %d labelled lines (one outcome per reported line; precision excludes unlabelled lines)\n\n", len(repos), len(labels))
	printRealTable(w, names, evals)
	printSplitTables(w, names, findings, labels, groups)
	details := evals
	if rc.Verbose {
		var hidden map[string]int
		details, hidden = hideCleanGroups(evals, groups, rc.ListGroups)
		for _, g := range heldOutGroups(groups) {
			if hidden[g] > 0 {
				fmt.Fprintf(w, "\n-v leaves out %s's %d missed and falsely reported lines (nobody tunes on %s; -list %s shows them, for relabelling only)\n", g, hidden[g], g, g)
			}
		}
	}
	printRealDetails(w, names, details, rc.Verbose)

	// The hand-written corpus, copied out so no config above it applies.
	hand := filepath.Join(tmp, "hand")
	if err := copyTree(rc.Corpus, hand); err != nil {
		return err
	}
	handEvals := make([]*Evaluation, len(tools))
	for i, t := range tools {
		fs, err := t.Scan(ctx, hand)
		if err != nil {
			return fmt.Errorf("%s on the hand-written corpus: %w", t.Name, err)
		}
		handEvals[i] = evaluate(fs, handLabels)
	}
	fmt.Fprintf(w, "\nHand-written corpus (%s), same tools, line-matched (per category with -v)\n\n", rc.Corpus)
	if !rc.Verbose {
		fmt.Fprintf(w, "%-20s %4s %4s", "", "pos", "neg")
		for _, t := range tools {
			fmt.Fprintf(w, "  %-28s", t.Name+" recall/precision (fp)")
		}
		fmt.Fprintf(w, "\n%-20s %4d %4d", "OVERALL", handEvals[0].Overall.Positives, handEvals[0].Overall.Negatives)
		for _, ev := range handEvals {
			s := ev.Overall
			fmt.Fprintf(w, "  %-28s", fmt.Sprintf("%5.3f / %5.3f (%d)", s.Recall(), s.Precision(), s.FP))
		}
		fmt.Fprintln(w)
		return nil
	}
	printTable(w, tools, handEvals)
	for i, t := range tools {
		printDetails(w, t.Name, handEvals[i])
	}
	return nil
}

// prepareTools runs the setup script (idempotent) and fills in the paths of
// the binaries, building secretsweep when no binary was given.
func prepareTools(ctx context.Context, rc *realConfig, tmp string) error {
	if rc.Setup != "" {
		cmd := exec.CommandContext(ctx, "bash", rc.Setup)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w", rc.Setup, err)
		}
	}
	bench := filepath.Dir(filepath.Dir(rc.Setup))
	if rc.Setup == "" {
		bench = "bench"
	}
	rc.Paths.Gitleaks = filepath.Join(bench, ".bin", "gitleaks")
	rc.Paths.Venv = filepath.Join(bench, ".venv")
	if rc.Paths.Secretsweep == "" {
		rc.Paths.Secretsweep = filepath.Join(tmp, "secretsweep")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", rc.Paths.Secretsweep, "./cmd/secretsweep")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/secretsweep: %w", err)
		}
	}
	for _, p := range []*string{&rc.Paths.Secretsweep, &rc.Paths.Gitleaks, &rc.Paths.Venv} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return err
		}
		*p = abs
	}
	return nil
}

// selectTools keeps the tools named in only (comma-separated; "" keeps all).
func selectTools(tools []Tool, only string) ([]Tool, error) {
	if only == "" {
		return tools, nil
	}
	var out []Tool
	for _, name := range strings.Split(only, ",") {
		ok := false
		for _, t := range tools {
			if strings.SplitN(t.Name, "@", 2)[0] == strings.TrimSpace(name) {
				out, ok = append(out, t), true
			}
		}
		if !ok {
			return nil, fmt.Errorf("-tools: unknown tool %q", name)
		}
	}
	return out, nil
}

// cachedScan runs t on dir, or reads its findings on this repository and
// commit from cache when t is a pinned peer (Tool.Version set). Cached
// findings hold locations, rules and hashes, never raw secrets.
func cachedScan(ctx context.Context, t Tool, dir, cache string, r Repo) ([]Finding, error) {
	if t.Version == "" {
		return t.Scan(ctx, dir)
	}
	path := filepath.Join(cache, fmt.Sprintf("%s@%s+%s@%s.json", t.Version, strings.ReplaceAll(r.Name, "/", "+"), r.Commit[:12], t.Name))
	var fs []Finding
	if data, err := os.ReadFile(path); err == nil && json.Unmarshal(data, &fs) == nil {
		return fs, nil
	}
	fs, err := t.Scan(ctx, dir)
	if err != nil {
		return nil, err
	}
	for i := range fs {
		fs[i].Secret = ""
	}
	data, err := json.Marshal(fs)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cache, 0o700); err != nil {
		return nil, err
	}
	return fs, os.WriteFile(path, data, 0o600)
}
