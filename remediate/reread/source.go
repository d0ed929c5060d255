// Package reread reads a finding's secret value again from where it was
// found, with the scan engine and go-git: remediate acts on that value,
// never on a report's. It is apart from package remediate, which gets it
// injected (remediate.Rereader), so that remediate links neither.
package reread

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/gitrepo/gitopen"
	scanengine "github.com/secretsweep/secretsweep/scanner/engine"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/scanner"
)

// Source re-reads secret values from where a finding was made: the file in
// the working tree, or the blob in the finding's commit. Reports are
// redacted, and even an unredacted one is not trusted as the value to act on.
type Source struct {
	// Root is the scanned directory or repository.
	Root string
	// ConfigPath is the scan configuration (empty: the repository's own or
	// the defaults), so the same rules find the value again.
	ConfigPath string
	// Hasher matches the finding's keyed hash against the values found.
	Hasher finding.Hasher

	engine scanengine.Engine
	repo   *git.Repository
	cache  map[string][]finding.Finding // file or commit:file -> findings
}

// Reread returns the finding's secret and the source lines it spans. It
// fails when the source no longer holds a value with the finding's hash
// (keyed, or the plain SHA-256 of reports written before keyed hashes), or
// its Secret when the report is not redacted.
func (s *Source) Reread(ctx context.Context, f *finding.Finding) (secret, context string, err error) {
	key := f.Commit + ":" + f.File
	content, err := s.content(f)
	if err != nil {
		return "", "", err
	}
	if s.engine == nil {
		cfg, err := scanengine.LoadConfig(s.ConfigPath, s.Root)
		if err != nil {
			return "", "", err
		}
		s.engine = scanengine.New(cfg, scanengine.Options{MaxDecodeDepth: scanner.DefaultMaxDecodeDepth})
	}
	if s.cache == nil {
		s.cache = map[string][]finding.Finding{}
	}
	got, ok := s.cache[key]
	if !ok {
		got = s.engine.Scan(ctx, scanengine.Fragment{Path: f.File, Text: content, StartLine: 1})
		s.cache[key] = got
	}
	var found *finding.Finding
	for _, g := range got {
		if !s.Hasher.Matches(f, g.Secret) {
			continue
		}
		g := g
		if found == nil || (g.RuleID == f.RuleID && found.RuleID != f.RuleID) {
			found = &g
		}
	}
	if found == nil {
		return "", "", fmt.Errorf("%s: the source no longer holds the secret%s (fixed or changed since the report)", f.Fingerprint, shortSuffix(f))
	}
	return found.Secret, lines(content, f.StartLine, f.EndLine), nil
}

// shortSuffix is " <short keyed hash>" for a finding that has one.
func shortSuffix(f *finding.Finding) string {
	if h := f.ShortHash(); h != "" {
		return " " + h
	}
	return ""
}

// content returns the text the finding was made in.
func (s *Source) content(f *finding.Finding) (string, error) {
	if f.Commit == "" {
		p := f.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(s.Root, filepath.FromSlash(p))
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return "", fmt.Errorf("%s: re-read: %w", f.Fingerprint, err)
		}
		return string(b), nil
	}
	if s.repo == nil {
		r, _, err := gitopen.Open(s.Root)
		if err != nil {
			return "", fmt.Errorf("%s: open repository %s: %w", f.Fingerprint, s.Root, err)
		}
		s.repo = r
	}
	c, err := s.repo.CommitObject(plumbing.NewHash(f.Commit))
	if err != nil {
		return "", fmt.Errorf("%s: commit %s: %w", f.Fingerprint, f.Commit, err)
	}
	if f.Source == finding.SourceCommitMessage {
		return c.Message, nil // scanned as the message, lines counted in it
	}
	file, err := c.File(f.File)
	if err != nil {
		return "", fmt.Errorf("%s: %s in commit %.12s: %w", f.Fingerprint, f.File, f.Commit, err)
	}
	return file.Contents()
}

// lines returns lines from..to (1-based, inclusive) of text.
func lines(text string, from, to int) string {
	all := strings.Split(text, "\n")
	if from < 1 {
		from = 1
	}
	if to < from {
		to = from
	}
	if from > len(all) {
		return ""
	}
	if to > len(all) {
		to = len(all)
	}
	return strings.Join(all[from-1:to], "\n")
}
