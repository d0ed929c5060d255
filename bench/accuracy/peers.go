package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The peers are run as command-line programs, each with its default
// settings, from inside the tree it scans (as a new user would run it), and
// each writes a JSON report into a private temporary directory that is read
// and deleted at once. Raw secrets read from a report are kept in memory
// only to match the hand-written corpus (whose values are fake) and are
// never printed: the listings show a SHA-256 prefix.

// toolPaths says where the command-line tools are.
type toolPaths struct {
	Secretsweep   string // secretsweep binary
	Gitleaks      string // gitleaks v8.30.1 binary
	Venv          string // virtualenv holding detect-secrets and credsweeper
	MinConfidence string // secretsweep --min-confidence, "" for its default
}

// cliTools returns the four tools the -real mode compares.
func cliTools(p toolPaths, tmp string) []Tool {
	return []Tool{
		secretsweepCLI(p.Secretsweep, p.MinConfidence, tmp),
		gitleaksCLI(p.Gitleaks, tmp),
		detectSecretsCLI(filepath.Join(p.Venv, "bin", "detect-secrets")),
		credsweeperCLI(filepath.Join(p.Venv, "bin", "credsweeper"), tmp),
	}
}

// secretsweepCLI runs `secretsweep scan --format json` on the tree. Its
// report is redacted, so findings carry the keyed hash and match labels by
// line. minConf is passed as --min-confidence when the binary knows it.
func secretsweepCLI(bin, minConf, tmp string) Tool {
	name := "secretsweep"
	if minConf != "" {
		name += "@" + minConf
	}
	return Tool{Name: name, Scan: func(ctx context.Context, dir string) ([]Finding, error) {
		report := filepath.Join(tmp, "secretsweep.json")
		defer os.Remove(report)
		args := []string{"scan", "--format", "json", "--output", report}
		if minConf != "" {
			if knowsFlag(ctx, bin, "--min-confidence") {
				args = append(args, "--min-confidence", minConf)
			} else {
				fmt.Fprintf(os.Stderr, "accuracy: %s has no --min-confidence; %s runs at its defaults\n", bin, name)
			}
		}
		if err := runIn(ctx, dir, []int{0, 1}, bin, append(args, ".")...); err != nil {
			return nil, err
		}
		var raw []struct {
			File               string
			StartLine, EndLine int
			RuleID, SecretHash string
		}
		if err := readJSON(report, &raw); err != nil {
			return nil, err
		}
		out := make([]Finding, 0, len(raw))
		for _, r := range raw {
			out = append(out, Finding{File: cleanRel(dir, r.File), StartLine: r.StartLine, EndLine: r.EndLine, RuleID: r.RuleID, Hash: r.SecretHash})
		}
		return out, nil
	}}
}

// knowsFlag reports whether `bin scan --help` lists flag.
func knowsFlag(ctx context.Context, bin, flag string) bool {
	out, _ := exec.CommandContext(ctx, bin, "scan", "--help").CombinedOutput()
	return bytes.Contains(out, []byte(flag))
}

// gitleaksCLI runs `gitleaks dir .` with its default config and options.
func gitleaksCLI(bin, tmp string) Tool {
	return Tool{Name: "gitleaks", Version: "gitleaks-8.30.1", Scan: func(ctx context.Context, dir string) ([]Finding, error) {
		report := filepath.Join(tmp, "gitleaks.json")
		defer os.Remove(report)
		if err := runIn(ctx, dir, []int{0}, bin, "dir", ".", "--report-format", "json", "--report-path", report,
			"--exit-code", "0", "--no-banner", "--log-level", "error"); err != nil {
			return nil, err
		}
		var raw []struct {
			File               string
			StartLine, EndLine int
			RuleID, Secret     string
		}
		if err := readJSON(report, &raw); err != nil {
			return nil, err
		}
		out := make([]Finding, 0, len(raw))
		for _, r := range raw {
			out = append(out, Finding{File: cleanRel(dir, r.File), StartLine: r.StartLine, EndLine: r.EndLine, RuleID: r.RuleID, Secret: r.Secret, Hash: sha(r.Secret)})
		}
		return out, nil
	}}
}

// detectSecretsCLI runs `detect-secrets scan --all-files .` (the trees are
// not git work trees, and a new user scanning a directory passes
// --all-files); it prints a baseline whose secrets are SHA-1 hashes.
func detectSecretsCLI(bin string) Tool {
	return Tool{Name: "detect-secrets", Version: "detect-secrets-1.5.0", Scan: func(ctx context.Context, dir string) ([]Finding, error) {
		cmd := exec.CommandContext(ctx, bin, "scan", "--all-files", ".")
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		data, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("%s: %v: %s", bin, err, firstLine(stderr.Bytes()))
		}
		var raw struct {
			Results map[string][]struct {
				Type         string `json:"type"`
				Filename     string `json:"filename"`
				HashedSecret string `json:"hashed_secret"`
				LineNumber   int    `json:"line_number"`
			} `json:"results"`
		}
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("detect-secrets output: %w", err)
		}
		var out []Finding
		for _, list := range raw.Results {
			for _, r := range list {
				out = append(out, Finding{File: cleanRel(dir, r.Filename), StartLine: r.LineNumber, EndLine: r.LineNumber, RuleID: r.Type, Hash: "sha1:" + r.HashedSecret})
			}
		}
		return out, nil
	}}
}

// credsweeperCLI runs `credsweeper --path . --save-json REPORT` (its ML
// validation on, as by default).
func credsweeperCLI(bin, tmp string) Tool {
	return Tool{Name: "credsweeper", Version: "credsweeper-1.19.5-p2", Scan: func(ctx context.Context, dir string) ([]Finding, error) {
		report := filepath.Join(tmp, "credsweeper.json")
		defer os.Remove(report)
		if err := runIn(ctx, dir, []int{0}, bin, "--path", ".", "--save-json", report, "--log", "error"); err != nil {
			return nil, err
		}
		var raw []struct {
			Rule      string `json:"rule"`
			LineDatas []struct {
				Path    string `json:"path"`
				LineNum int    `json:"line_num"`
				Value   string `json:"value"`
			} `json:"line_data_list"`
		}
		if err := readJSON(report, &raw); err != nil {
			return nil, err
		}
		// A candidate's line data may span lines (a PEM key's body, a
		// user and password pair): one finding per file, over its lines.
		var out []Finding
		for _, r := range raw {
			byFile := map[string]int{}
			for _, ld := range r.LineDatas {
				file := cleanRel(dir, ld.Path)
				i, ok := byFile[file]
				if !ok {
					byFile[file] = len(out)
					out = append(out, Finding{File: file, StartLine: ld.LineNum, EndLine: ld.LineNum, RuleID: r.Rule, Secret: ld.Value, Hash: sha(ld.Value)})
					continue
				}
				out[i].StartLine = min(out[i].StartLine, ld.LineNum)
				out[i].EndLine = max(out[i].EndLine, ld.LineNum)
			}
		}
		return out, nil
	}}
}

// runIn runs bin in dir and accepts the exit codes in ok.
func runIn(ctx context.Context, dir string, ok []int, bin string, args ...string) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if ee, isExit := err.(*exec.ExitError); isExit {
		for _, c := range ok {
			if ee.ExitCode() == c {
				return nil
			}
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %v: %s", filepath.Base(bin), err, lastLine(out))
	}
	return nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nil
}

// cleanRel makes a reported path relative to the scanned tree, with
// slashes: tools report ./a, a, or an absolute path.
func cleanRel(dir, p string) string {
	if filepath.IsAbs(p) {
		if abs, err := filepath.Abs(dir); err == nil {
			if r, err := filepath.Rel(abs, p); err == nil {
				p = r
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
