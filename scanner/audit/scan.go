package audit

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/ghlogs"
	"github.com/secretsweep/secretsweep/scanner/verify"
)

// scanRepo clones (or fetches) one repository and scans it: the whole
// history, or with prev only the commits not reachable from prev's tips;
// then its pipeline files at HEAD and, with ActionsLogs, its recent run
// logs. It returns the open findings, redacted and marked, and the tips it
// scanned; rr gets the counts.
func (a *auditor) scanRepo(ctx context.Context, repo Repo, prev *RepoState, rr *RepoResult) ([]finding.Finding, []string, error) {
	// Wait for a fetch slot first: the wait is not the repository's time.
	select {
	case a.fetches <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	holding := true
	release := func() {
		if holding {
			<-a.fetches
			holding = false
		}
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, a.o.RepoTimeout)
	defer cancel()
	engine, err := a.getEngine()
	if err != nil {
		return nil, nil, err
	}
	u, err := cloneURL(repo.CloneURL)
	if err != nil {
		return nil, nil, err
	}
	token, err := a.o.Tokens.Token(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("GitHub token: %w", err)
	}
	dir, cleanup, err := a.workDir(repo)
	if err != nil {
		return nil, nil, err
	}
	defer cleanup()
	r, err := fetchBare(ctx, dir, u, token)
	if err != nil && a.o.CacheDir != "" && !errors.Is(err, errEmpty) && ctx.Err() == nil {
		// A damaged cache entry: start it again from nothing, once.
		if rmErr := os.RemoveAll(dir); rmErr == nil {
			r, err = fetchBare(ctx, dir, u, token)
		}
	}
	release()
	if err != nil {
		return nil, nil, err
	}
	tipList, err := tips(r)
	if err != nil {
		return nil, nil, err
	}
	if len(tipList) == 0 {
		return nil, nil, errEmpty
	}

	// History: in full, or what is new since the state's tips.
	so := scanner.Options{
		Path: dir, Mode: scanner.ModeHistory, ConfigPath: a.configPath, IgnorePath: a.ignorePath,
		MaxFileSize: a.o.MaxFileSize, MaxDecodeDepth: a.o.MaxDecodeDepth, MinConfidence: a.o.MinConfidence,
		Workers: a.scanWorker, Now: a.o.Now, Hasher: a.o.Hasher, Counters: a.o.Counters,
	}
	rr.Scan = ScanFull
	if prev != nil {
		seen := present(r, prev.Tips)
		rr.Scan = ScanIncremental
		if containsAll(seen, tipList) {
			rr.Scan = ScanUnchanged
		}
		so.Mode, so.Include, so.Exclude = scanner.ModeRange, tipList, seen
	}
	var found []finding.Finding
	var withheld []string // secrets of findings not reported: still redacted
	minConf := a.o.MinConfidence
	if rr.Scan != ScanUnchanged {
		res, err := scanner.Scan(ctx, so)
		if err != nil {
			return nil, nil, fmt.Errorf("scan: %w", err)
		}
		if n := res.Stats.MissingObjects; n > 0 {
			// Fail closed: no "clean" over objects that were not read.
			return nil, nil, fmt.Errorf("scan: %d git objects could not be read", n)
		}
		rr.Commits, rr.Blobs = res.Stats.Commits, res.Stats.Files
		found, withheld = res.Findings, res.Withheld
		minConf = res.Stats.MinConfidence // the flag, else the config's
	}

	// Known secrets: the state's open findings (whose commits are still
	// there) and what the history scan just found.
	var kept []finding.Finding
	known := map[string]bool{}
	if prev != nil {
		for _, f := range prev.Findings {
			f.Repository = repo.FullName
			if f.Commit != "" && f.Source == "" && len(present(r, []string{f.Commit})) == 0 {
				continue // history rewritten: the commit is gone
			}
			known[keyOf(&f)] = true
			kept = append(kept, f)
		}
	}
	inHistory := map[string]bool{}
	for i := range found {
		found[i].Repository = repo.FullName
		inHistory[keyOf(&found[i])] = true
	}

	// Pipeline files at HEAD, whole: what the history scan did not already report.
	head, err := headCommit(r, repo.DefaultBranch)
	if err != nil {
		return nil, nil, fmt.Errorf("HEAD: %w", err)
	}
	pipe, n, err := scanPipelines(ctx, engine, head)
	if err != nil {
		return nil, nil, err
	}
	rr.PipelineFiles = n
	for _, f := range pipe {
		f.Repository = repo.FullName
		if k := keyOf(&f); !inHistory[k] && !known[k] {
			inHistory[k] = true
			found = append(found, f)
		}
	}

	if a.o.ActionsLogs {
		lr, err := ghlogs.Scan(ctx, a.o.API, a.o.LogsHTTP, ghlogs.Options{
			Repo: repo.FullName, Runs: a.o.ActionsRuns, Engine: engine,
			Now: a.o.Now, Sleep: a.o.Sleep, TempDir: a.o.TempDir,
		})
		if err != nil {
			return nil, nil, fmt.Errorf("actions logs: %w", err)
		}
		rr.LogFiles = lr.Stats.Files
		for _, f := range lr.Findings {
			f.Repository = repo.FullName
			found = append(found, f)
		}
	}

	if len(a.o.Verifiers) > 0 && len(found) > 0 {
		verify.Run(ctx, found, verify.Options{Verifiers: a.o.Verifiers})
	}
	// Pipeline files and Actions logs are scored here; a verified secret
	// becomes high. The history scan already hid what is below minConf.
	scanner.Scorer().Apply(found)
	if !minConf.Valid() {
		minConf = finding.DefaultMinConfidence
	}
	found, hidden, _ := finding.FilterConfidence(found, minConf)
	withheld = append(withheld, hidden...)
	finding.RedactAll(found, withheld...)
	for i := range found {
		f := &found[i]
		switch {
		case f.Source == finding.SourceCommitMessage && f.Commit != "" && repo.HTMLURL != "":
			f.Link = repo.HTMLURL + "/commit/" + f.Commit
		case f.Source == "" && f.Commit != "":
			f.Link = blobLink(repo.HTMLURL, f)
		}
		if a.state != nil {
			if known[keyOf(f)] {
				setMark(f, MarkKnown)
			} else {
				setMark(f, MarkNew)
			}
		}
	}
	for i := range kept {
		setMark(&kept[i], MarkKnown)
	}
	return dedup(append(kept, found...)), tipList, ctx.Err()
}

// dedup drops repeats of a finding (same fingerprint and source).
func dedup(fs []finding.Finding) []finding.Finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := f.Source + "\x00" + f.Fingerprint
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// blobLink is the finding's commit and line on GitHub:
// {html_url}/blob/{commit}/{path}#L{line}.
func blobLink(htmlURL string, f *finding.Finding) string {
	if htmlURL == "" {
		return ""
	}
	segs := strings.Split(f.File, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	link := htmlURL + "/blob/" + f.Commit + "/" + strings.Join(segs, "/") + "#L" + strconv.Itoa(f.StartLine)
	if f.EndLine > f.StartLine {
		link += "-L" + strconv.Itoa(f.EndLine)
	}
	return link
}
