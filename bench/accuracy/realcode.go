package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// Repo is one public repository of the real-code corpus, at a fixed commit.
type Repo struct {
	Name   string `json:"repo"` // owner/name on GitHub
	Commit string `json:"commit"`
	Kind   string `json:"kind"` // what it is, in a few words
}

// RealLabel is one line of a real repository, labelled by reading it. It
// holds no secret value: the repository commit is the source.
type RealLabel struct {
	Repo     string `json:"repo"`
	Commit   string `json:"commit"`
	Path     string `json:"path"`
	Line     int    `json:"line"`
	End      int    `json:"end,omitempty"` // last line of a multi-line credential (a PEM block)
	Category string `json:"category"`
	Label    bool   `json:"label"` // true: a credential to rotate or move
	Why      string `json:"why"`
}

// loadRealCorpus reads repos.json and labels.json from dir and checks them:
// every label names a listed repository at its commit, a line, a category
// and a reason, and no line is labelled twice.
func loadRealCorpus(dir string) ([]Repo, []RealLabel, error) {
	var repos []Repo
	var labels []RealLabel
	if err := readJSONFile(filepath.Join(dir, "repos.json"), &repos); err != nil {
		return nil, nil, err
	}
	if err := readJSONFile(filepath.Join(dir, "labels.json"), &labels); err != nil {
		return nil, nil, err
	}
	commits := map[string]string{}
	for i, r := range repos {
		if strings.Count(r.Name, "/") != 1 || len(r.Commit) != 40 {
			return nil, nil, fmt.Errorf("repos.json entry %d: want owner/name and a 40-hex commit", i)
		}
		if _, dup := commits[r.Name]; dup {
			return nil, nil, fmt.Errorf("repos.json: %s listed twice", r.Name)
		}
		commits[r.Name] = r.Commit
	}
	seen := map[lineKey]bool{}
	for i, l := range labels {
		c, ok := commits[l.Repo]
		switch {
		case !ok:
			return nil, nil, fmt.Errorf("label %d: repository %q is not in repos.json", i, l.Repo)
		case l.Commit != c:
			return nil, nil, fmt.Errorf("label %d (%s:%s:%d): commit %.12s, repos.json says %.12s", i, l.Repo, l.Path, l.Line, l.Commit, c)
		case l.Path == "" || l.Line < 1 || l.Category == "" || l.Why == "":
			return nil, nil, fmt.Errorf("label %d (%s:%s:%d): path, line, category and why are required", i, l.Repo, l.Path, l.Line)
		case l.End != 0 && l.End < l.Line:
			return nil, nil, fmt.Errorf("label %d (%s:%s:%d): end %d is before line", i, l.Repo, l.Path, l.Line, l.End)
		}
		k := lineKey{l.Repo, l.Path, l.Line}
		if seen[k] {
			return nil, nil, fmt.Errorf("label %d: %s:%s:%d labelled twice", i, l.Repo, l.Path, l.Line)
		}
		seen[k] = true
	}
	return repos, labels, nil
}

func readJSONFile(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// materialise writes repo's tree at its commit under work/trees and returns
// the directory. The objects come from the mirror (mirror/owner+name/repo,
// its .git when the snapshot has a work tree, or mirror/owner+name), else from a bare clone from GitHub kept under
// work/clones. The tree is written once and reused; it has no .git.
func materialise(ctx context.Context, r Repo, mirror, work string) (string, error) {
	slug := strings.ReplaceAll(r.Name, "/", "+")
	dst := filepath.Join(work, "trees", slug+"@"+r.Commit[:12])
	done := dst + ".done"
	if _, err := os.Stat(done); err == nil {
		return dst, nil
	}
	gitDir := ""
	for _, d := range []string{filepath.Join(mirror, slug, "repo"), filepath.Join(mirror, slug, "repo", ".git"), filepath.Join(mirror, slug)} {
		if hasCommit(ctx, d, r.Commit) {
			gitDir = d
			break
		}
	}
	if gitDir == "" {
		gitDir = filepath.Join(work, "clones", slug+".git")
		if !hasCommit(ctx, gitDir, r.Commit) {
			os.RemoveAll(gitDir)
			if err := git(ctx, "", nil, "clone", "--bare", "--quiet", "https://github.com/"+r.Name, gitDir); err != nil {
				return "", fmt.Errorf("%s: not in %s and %w", r.Name, mirror, err)
			}
			if !hasCommit(ctx, gitDir, r.Commit) {
				return "", fmt.Errorf("%s: commit %.12s not found", r.Name, r.Commit)
			}
		}
	}
	if err := os.RemoveAll(dst); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return "", err
	}
	// A private index, so the mirror is only read.
	env := []string{"GIT_INDEX_FILE=" + dst + ".index"}
	defer os.Remove(dst + ".index")
	base := []string{"--git-dir", gitDir, "--work-tree", dst, "-c", "core.autocrlf=false", "-c", "core.symlinks=true"}
	if err := git(ctx, "", env, append(base, "read-tree", r.Commit)...); err != nil {
		return "", fmt.Errorf("%s: %w", r.Name, err)
	}
	// Stored snapshots may lack large blobs (binaries of 4 MiB or more):
	// those files are left out, with a warning naming them.
	cmd := exec.CommandContext(ctx, "git", append(base, "checkout-index", "--all", "--force")...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		missing := regexp.MustCompile(`unable to read sha1 file of (.+) \(`).FindAllStringSubmatch(string(out), -1)
		if len(missing) == 0 {
			return "", fmt.Errorf("%s: git checkout-index: %v: %s", r.Name, err, lastLine(out))
		}
		for _, m := range missing {
			fmt.Fprintf(os.Stderr, "accuracy: %s: %s is absent from the mirror, left out\n", r.Name, m[1])
		}
	}
	return dst, os.WriteFile(done, []byte(r.Commit+"\n"), 0o644)
}

func hasCommit(ctx context.Context, gitDir, commit string) bool {
	if _, err := os.Stat(gitDir); err != nil {
		return false
	}
	return git(ctx, "", nil, "--git-dir", gitDir, "cat-file", "-e", commit+"^{commit}") == nil
}

func git(ctx context.Context, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %s: %v: %s", args[0], err, lastLine(out))
	}
	return nil
}

// copyTree copies the regular files of src into dst, so that no config
// file above src (such as this repository's .secretsweep.toml) applies.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}
