package migrate

import (
	"context"
	"errors"
	"fmt"
	"path"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// SuggestOptions configure Suggest.
type SuggestOptions struct {
	// Root is a directory holding copies of the files the findings name
	// (their paths are relative to it). Suggest reads them and writes
	// nothing there.
	Root string
	// Prefix starts every secret name, as migrate's default: the
	// repository name.
	Prefix string
	// Origin names the repository in the secrets' tags.
	Origin  string
	Secrets SecretsAPI
	Hasher  finding.Hasher
}

// FileSuggestion is the rewrite of one file, computed in memory.
type FileSuggestion struct {
	Before, After []byte
	// Helpers are the helper files the rewrite needs, keyed by slash path
	// relative to the root.
	Helpers map[string][]byte
	// Lines are the 1-based lines (in Before) of the findings rewritten.
	Lines []int
	// Regions are the changed runs of lines, in order.
	Regions []Region
}

// Region is a run of changed lines: Before's lines Start..End (1-based,
// inclusive; End is Start-1 for a pure insertion before line Start)
// become New (whole lines with their newlines).
type Region struct {
	Start, End int
	New        string
}

// regions lists the changed runs of lines between before and after.
func regions(before, after []byte) []Region {
	var out []Region
	line := 1 // the next line of before
	var cur *Region
	for _, op := range diffLines(splitLines(string(before)), splitLines(string(after))) {
		if op.kind == opEqual {
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
			line++
			continue
		}
		if cur == nil {
			cur = &Region{Start: line, End: line - 1}
		}
		if op.kind == opDelete {
			cur.End = line
			line++
		} else {
			cur.New += op.line
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}

// Suggestions is what Suggest did: values stored and the code changes
// that would read them.
type Suggestions struct {
	// Files are the rewrites by slash path relative to the root.
	Files map[string]*FileSuggestion
	// Stored maps the fingerprint of each finding whose value is stored
	// and read back to its secret's name.
	Stored map[string]string
	// Errors are one-line reasons, without values, for secrets not stored.
	Errors []string
}

// Suggest stores the value of each finding in Secrets Manager (create or
// reuse, read back, compare; tagged with keyed hashes) under the name
// migrate gives it, and computes the rewrite of each file for the values
// stored, without writing any file. Findings are taken as they are: their
// File relative to o.Root and StartLine in that copy.
func Suggest(ctx context.Context, findings []finding.Finding, o SuggestOptions) (*Suggestions, error) {
	if o.Secrets == nil {
		return nil, errors.New("no Secrets Manager client")
	}
	if o.Hasher.IsZero() {
		return nil, errors.New("no hash key to name secrets by")
	}
	if o.Prefix == "" {
		o.Prefix = repoName(o.Root, o.Origin)
	}
	fs := make([]finding.Finding, len(findings))
	copy(fs, findings)
	for i := range fs {
		fs[i].Commit = "" // copies of the commit's files: planned as files
	}
	p, err := BuildPlan(o.Root, o.Root, fs, nil, PlanOptions{Prefix: o.Prefix, Hasher: o.Hasher})
	if err != nil {
		return nil, err
	}
	p.Repo, p.Origin = repoName(o.Root, o.Origin), o.Origin
	p.prepareAll()
	p.dropUnread(false)
	a := &applier{o: Options{Hasher: o.Hasher}, p: p}
	out := &Suggestions{Files: map[string]*FileSuggestion{}, Stored: map[string]string{}}
	for _, s := range p.Secrets {
		if isGitHubSecret(s.Name) {
			continue
		}
		// Only secrets some rewrite reads are stored.
		read := false
		for _, it := range s.Items {
			read = read || it.Stopped == "" && it.Manual == ""
		}
		if !read {
			continue
		}
		res, err := store(ctx, o.Secrets, s, a.tags(s), StoreOptions{}, o.Hasher)
		if err == nil {
			s.Action, s.ARN = res.Action, res.ARN
			var arn string
			if arn, err = verify(ctx, o.Secrets, s); err == nil {
				s.ARN, s.Verified = arn, true
			}
		}
		if err != nil {
			a.stop(s, err)
			out.Errors = append(out.Errors, s.Err.Error())
			continue
		}
		for _, it := range s.Items {
			out.Stored[it.Finding.Fingerprint] = s.Name
		}
	}
	for _, fp := range p.Files {
		fp.prepare(p.Root, func(it *Item) bool { return it.Stopped == "" && it.Secret.Verified })
		if fp.Change == nil || string(fp.Change.Content) == string(fp.Before) {
			continue
		}
		fs := &FileSuggestion{Before: fp.Before, After: fp.Change.Content, Helpers: map[string][]byte{}}
		for name, content := range fp.Change.Files {
			fs.Helpers[path.Join(path.Dir(fp.Path), name)] = content
		}
		for _, it := range fp.Items {
			if it.Stopped == "" && it.Manual == "" && it.Secret.Verified {
				fs.Lines = append(fs.Lines, it.Finding.StartLine)
			}
		}
		if len(fs.Lines) == 0 {
			continue
		}
		fs.Regions = regions(fs.Before, fs.After)
		out.Files[fp.Path] = fs
	}
	return out, nil
}

// String is a one-line account of what Suggest stored.
func (s *Suggestions) String() string {
	return fmt.Sprintf("%d finding(s) stored in Secrets Manager, %d file(s) with a rewrite, %d secret(s) not stored",
		len(s.Stored), len(s.Files), len(s.Errors))
}
