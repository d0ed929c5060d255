package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/zricethezav/gitleaks/v8/config"

	"github.com/secretsweep/secretsweep/scanner"
)

// decodeDepth is the CLI's default --max-decode-depth.
const decodeDepth = 5

// Tool scans the corpus directory and returns its findings.
type Tool struct {
	Name    string
	Version string // a pinned release: its findings on a commit may be cached
	Scan    func(ctx context.Context, corpus string) ([]Finding, error)
}

// Configs written to a temporary file and passed as --config, so that no
// config file in or above the corpus (such as the repository's own
// .secretsweep.toml, which allowlists testdata/) is ever applied.
const secretsweepConfig = "# secretsweep's default rule set: gitleaks' defaults plus secretsweep's rules\n[extend]\nuseDefault = true\n"

// secretsweepTool is secretsweep with its default rules.
func secretsweepTool(tmp string) Tool {
	return Tool{Name: "secretsweep", Scan: engineScan(tmp, "secretsweep.toml", secretsweepConfig)}
}

// gitleaksRulesTool is gitleaks' default rules alone, run by the same engine.
func gitleaksRulesTool(tmp string) Tool {
	return Tool{Name: "gitleaks-rules", Scan: engineScan(tmp, "gitleaks.toml", config.DefaultConfig)}
}

func engineScan(tmp, name, toml string) func(context.Context, string) ([]Finding, error) {
	return func(ctx context.Context, corpus string) ([]Finding, error) {
		path := filepath.Join(tmp, name)
		if err := os.WriteFile(path, []byte(toml), 0o600); err != nil {
			return nil, err
		}
		// An empty ignore file, so a .gitleaksignore in the corpus is not applied.
		ignore := filepath.Join(tmp, "empty.gitleaksignore")
		if err := os.WriteFile(ignore, nil, 0o600); err != nil {
			return nil, err
		}
		res, err := scanner.Scan(ctx, scanner.Options{
			Path:           corpus,
			Mode:           scanner.ModeDir,
			ConfigPath:     path,
			IgnorePath:     ignore,
			MaxDecodeDepth: decodeDepth,
			Workers:        2,
		})
		if err != nil {
			return nil, err
		}
		out := make([]Finding, 0, len(res.Findings))
		for _, f := range res.Findings {
			out = append(out, Finding{File: filepath.ToSlash(f.File), StartLine: f.StartLine, EndLine: f.EndLine, RuleID: f.RuleID, Secret: f.Secret})
		}
		return out, nil
	}
}

// gitleaksBinaryTool runs the gitleaks command (gitleaks dir) for a cross
// check of the engine; its JSON report is read and deleted at once.
func gitleaksBinaryTool(bin, tmp string) Tool {
	return Tool{Name: "gitleaks-binary", Scan: func(ctx context.Context, corpus string) ([]Finding, error) {
		cfg := filepath.Join(tmp, "gitleaks-bin.toml")
		if err := os.WriteFile(cfg, []byte(config.DefaultConfig), 0o600); err != nil {
			return nil, err
		}
		report := filepath.Join(tmp, "gitleaks-report.json")
		defer os.Remove(report)
		cmd := exec.CommandContext(ctx, bin, "dir", corpus, "--config", cfg, "--report-format", "json",
			"--report-path", report, "--max-decode-depth", fmt.Sprint(decodeDepth), "--exit-code", "0", "--no-banner", "--log-level", "error")
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("%s: %v: %s", bin, err, firstLine(out))
		}
		data, err := os.ReadFile(report)
		if err != nil {
			return nil, err
		}
		var raw []struct {
			File               string
			StartLine, EndLine int
			RuleID, Secret     string
		}
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("gitleaks report: %w", err)
		}
		root, err := filepath.Abs(corpus)
		if err != nil {
			return nil, err
		}
		out := make([]Finding, 0, len(raw))
		for _, r := range raw {
			rel := r.File
			if abs, err := filepath.Abs(r.File); err == nil {
				if p, err := filepath.Rel(root, abs); err == nil {
					rel = p
				}
			}
			out = append(out, Finding{File: filepath.ToSlash(rel), StartLine: r.StartLine, EndLine: r.EndLine, RuleID: r.RuleID, Secret: r.Secret})
		}
		return out, nil
	}}
}

func firstLine(b []byte) string {
	for i, c := range b {
		if c == '\n' {
			return string(b[:i])
		}
	}
	return string(b)
}
