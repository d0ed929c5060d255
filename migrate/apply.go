package migrate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// applier carries one --apply, --patch or --pr run.
type applier struct {
	o       Options
	p       *Plan
	j       *Journal
	changed []string // files written (relative), for --pr
	patch   strings.Builder
	helpers map[string][]byte // --patch: helper files to create
	isRepo  bool              // the root is a git work tree
}

func (a *applier) run(ctx context.Context) (*Summary, error) {
	a.helpers = map[string][]byte{}
	removeStaleTemps(a.p, a.j.Entries())
	if a.o.Mode != ModePatch && !a.o.AllowDirty && a.isRepo {
		changed, err := a.o.Git.Changed(a.p.Root)
		if err != nil {
			return nil, err
		}
		if dirty := dirtyFiles(a.p, a.j.Entries(), a.o.Hasher, changed); len(dirty) > 0 {
			return nil, fmt.Errorf("%w: %s; commit or stash them first, or pass --allow-dirty", ErrDirty, strings.Join(dirty, ", "))
		}
	}
	if err := a.recordPlanned(); err != nil {
		return nil, err
	}
	var pr PullRequest
	if a.o.Mode == ModePR {
		// Check the repository, branch and GitHub target before storing.
		branch, base := a.o.PR.Branch, a.o.PR.Base
		if branch == "" {
			branch = DefaultBranch
		}
		if base == "" {
			base = journalIndex(a.j.Entries()).baseFor(branch)
		}
		var err error
		if pr, err = a.o.PR.Start(a.p.Root, branch, base); err != nil {
			return nil, err
		}
	}
	for _, s := range a.p.Secrets {
		a.storeAndVerify(ctx, s)
	}
	if pr != nil && (a.anyVerified() || pr.Resumed()) {
		created, err := pr.SwitchBranch()
		if err != nil {
			return nil, err
		}
		if created {
			if err := a.j.Record(JournalEntry{Step: StepBranch, Name: pr.Branch(), Base: pr.Base()}); err != nil {
				return nil, err
			}
		}
	} else {
		pr = nil
	}
	for _, fp := range a.p.Files {
		if err := a.applyFile(fp); err != nil {
			a.fileFailed(fp, err)
		}
	}
	sum := a.summary()
	if a.o.Mode == ModePatch {
		a.patch.WriteString(helperDiffs(a.p.Root, a.helpers))
		// The patch holds the old values (git apply needs them): owner only.
		if err := gitrepo.WriteFile(a.o.PatchFile, []byte(a.patch.String()), 0o600); err != nil {
			return nil, fmt.Errorf("write patch: %w", err)
		}
		sum.PatchFile = a.o.PatchFile
	}
	if pr != nil {
		// Files an interrupted run rewrote on this branch are committed too.
		a.changed = append(a.changed, journalIndex(a.j.Entries()).writtenSinceBranch(pr.Branch())...)
	}
	if pr != nil && len(a.changed) > 0 {
		url, skipped, err := pr.Finish(ctx, dedupe(a.changed), prBody(a.p))
		if err != nil {
			writeSummary(a.o.Out, a.p, a.o, sum)
			return sum, fmt.Errorf("secrets are stored and files rewritten on branch %s, but: %w", pr.Branch(), err)
		}
		sum.PullRequestURL, sum.Branch, sum.NotCommitted = url, pr.Branch(), skipped
	}
	writeSummary(a.o.Out, a.p, a.o, sum)
	if sum.Stopped > 0 {
		return sum, fmt.Errorf("%w: %d of %d finding(s) stopped (see the summary)", ErrPartial, sum.Stopped, sum.Findings)
	}
	return sum, nil
}

// recordPlanned journals each finding's secret name before any AWS call,
// so a re-run gives it the same name.
func (a *applier) recordPlanned() error {
	have := map[string]bool{}
	for _, e := range a.j.Entries() {
		if e.Step == StepPlanned {
			have[e.Fingerprint+"\x00"+e.Hash+"\x00"+e.Name+"\x00"+e.Key] = true
		}
	}
	for _, it := range a.p.Items {
		if it.Stopped != "" || have[it.Finding.Fingerprint+"\x00"+it.Hash+"\x00"+it.Secret.Name+"\x00"+it.Key] {
			continue
		}
		if err := a.j.Record(JournalEntry{Step: StepPlanned, Fingerprint: it.Finding.Fingerprint, File: it.File,
			Rule: it.Finding.RuleID, Hash: it.Hash, Name: it.Secret.Name, Key: it.Key}); err != nil {
			return err
		}
	}
	return nil
}

// storeAndVerify stores s and reads it back; a failure stops its findings.
func (a *applier) storeAndVerify(ctx context.Context, s *Secret) {
	if isGitHubSecret(s.Name) {
		a.storeAndVerifyGitHub(ctx, s)
		return
	}
	res, err := store(ctx, a.o.Secrets, s, a.tags(s), a.o.Store, a.o.Hasher)
	if err == nil {
		s.Action, s.ARN = res.Action, res.ARN
		err = a.j.Record(JournalEntry{Step: StepStored, Name: s.Name, Hash: a.o.Hasher.Sum(s.Value()),
			ARN: res.ARN, VersionID: res.VersionID, Action: string(res.Action)})
	}
	if err == nil {
		var arn string
		if arn, err = verify(ctx, a.o.Secrets, s); err == nil {
			s.ARN = arn
			s.Verified = true
			err = a.j.Record(JournalEntry{Step: StepVerified, Name: s.Name, Hash: a.o.Hasher.Sum(s.Value()), ARN: arn})
		}
	}
	if err != nil {
		a.stop(s, err)
	}
}

// storeAndVerifyGitHub is storeAndVerify for a GitHub repository secret.
func (a *applier) storeAndVerifyGitHub(ctx context.Context, s *Secret) {
	action, err := a.storeGitHub(ctx, s)
	if err == nil {
		s.Action = action
		err = a.j.Record(JournalEntry{Step: StepStored, Name: s.Name, Hash: a.o.Hasher.Sum(s.Value()), Action: string(action)})
	}
	if err == nil {
		if err = a.verifyGitHub(ctx, s); err == nil {
			s.Verified = true
			err = a.j.Record(JournalEntry{Step: StepVerified, Name: s.Name, Hash: a.o.Hasher.Sum(s.Value())})
		}
	}
	if err != nil {
		a.stop(s, err)
	}
}

// stop marks s and its findings as not migrated because of err.
func (a *applier) stop(s *Secret, err error) {
	s.Err = fmt.Errorf("%s", Redact(err.Error(), append(s.values(), allSecrets(a.p)...)))
	s.Verified = false
	for _, it := range s.Items {
		it.Stopped = s.Err.Error()
	}
}

func (a *applier) anyVerified() bool {
	for _, s := range a.p.Secrets {
		if s.Verified {
			return true
		}
	}
	return false
}

// tags are the secret's tags: where it came from and the keyed hash of its
// value (finding.TagSecretHash), never the value.
func (a *applier) tags(s *Secret) map[string]string {
	repo := a.p.Origin
	if repo == "" {
		repo = a.p.Repo
	}
	files, rules := map[string]bool{}, map[string]bool{}
	for _, it := range s.Items {
		files[it.File], rules[it.Finding.RuleID] = true, true
	}
	t := map[string]string{
		"tool":                "secretsweep",
		"secretsweep:repo":    tagValue(repo),
		"secretsweep:path":    tagValue(strings.Join(sortedKeys(files), " ")),
		"secretsweep:rule":    tagValue(strings.Join(sortedKeys(rules), " ")),
		finding.TagSecretHash: a.o.Hasher.Sum(s.Value()),
		finding.TagHashKeyID:  a.o.Hasher.KeyID(),
	}
	if s.Grouped() {
		// One hash per key, so remediate can match a single value
		// (AWS allows 50 tags; keys are at most 128 characters).
		for _, it := range s.Items {
			k := tagValue(finding.TagSecretHash + ":" + it.Key)
			if len(t) >= 45 || len(k) > 128 {
				continue
			}
			t[k] = it.Hash
		}
	}
	return t
}

// tagValue keeps the characters tags allow and at most 256 of them.
func tagValue(s string) string {
	b := []byte(s)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(" _.:/=+-@", c) >= 0
		if !ok {
			b[i] = '_'
		}
	}
	if len(b) > 256 {
		b = b[:256]
	}
	return string(b)
}

// applyFile rewrites (or patches) the file for its findings whose secrets
// were verified.
func (a *applier) applyFile(fp *FilePlan) error {
	fp.prepare(a.p.Root, func(it *Item) bool { return it.Stopped == "" && it.Secret.Verified })
	for _, it := range fp.Items {
		if it.Manual != "" && it.Stopped == "" && it.NotStored == "" {
			if err := a.j.Record(JournalEntry{Step: StepManual, Fingerprint: it.Finding.Fingerprint, File: it.File,
				Rule: it.Finding.RuleID, Hash: it.Hash, Name: it.Secret.Name, Key: it.Key}); err != nil {
				return err
			}
		}
	}
	if fp.Change == nil || bytes.Equal(fp.Change.Content, fp.Before) && len(fp.Change.Files) == 0 {
		return nil
	}
	if a.o.Mode == ModePatch {
		a.patch.WriteString(UnifiedDiff(fp.Path, string(fp.Before), string(fp.Change.Content), false))
		helperFiles(fp, a.helpers)
		return a.j.Record(JournalEntry{Step: StepPatched, File: fp.Path, FileHash: a.o.Hasher.Sum(string(fp.Change.Content))})
	}
	dir := path.Dir(fp.Path)
	var written []string
	for _, name := range sortedKeys(fp.Change.Files) {
		rel := path.Join(dir, name)
		abs := filepath.Join(a.p.Root, filepath.FromSlash(rel))
		content := fp.Change.Files[name]
		if old, err := os.ReadFile(abs); err == nil && bytes.Equal(old, content) {
			continue
		}
		if err := gitrepo.ReplaceFile(abs, content, 0o644); err != nil {
			return fmt.Errorf("write helper %s: %w", rel, err)
		}
		written = append(written, rel)
	}
	if !bytes.Equal(fp.Change.Content, fp.Before) {
		if err := gitrepo.ReplaceFile(fp.Abs, fp.Change.Content, fp.Mode); err != nil {
			return fmt.Errorf("rewrite %s: %w", fp.Path, err)
		}
		written = append(written, fp.Path)
	}
	a.changed = append(a.changed, written...)
	return a.j.Record(JournalEntry{Step: StepFileRewritten, File: fp.Path, FileHash: a.o.Hasher.Sum(string(fp.Change.Content)), Files: written})
}

// fileFailed records that fp could not be written: its findings stop (the
// run goes on with the other files and ends with the summary).
func (a *applier) fileFailed(fp *FilePlan, err error) {
	reason := "the file could not be written (" + Redact(err.Error(), secretsOf(fp.Items)) +
		"); its secret is stored: run again once the file can be written"
	fp.Change, fp.Problem = nil, reason
	for _, it := range fp.Items {
		if it.Stopped == "" && it.Manual == "" && it.NotStored == "" {
			it.Stopped = reason
		}
	}
}

// helperFiles collects the helper files of fp's change into m (path
// relative to the root -> content; a later file's version wins).
func helperFiles(fp *FilePlan, m map[string][]byte) {
	if fp.Change == nil {
		return
	}
	dir := path.Dir(fp.Path)
	for name, content := range fp.Change.Files {
		m[path.Join(dir, name)] = content
	}
}

// helperDiffs is the unified diff creating or updating each helper file
// (unchanged ones are left out).
func helperDiffs(root string, m map[string][]byte) string {
	var b strings.Builder
	for _, rel := range sortedKeys(m) {
		old, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err == nil && bytes.Equal(old, m[rel]) {
			continue
		}
		b.WriteString(UnifiedDiff(rel, string(old), string(m[rel]), err != nil))
	}
	return b.String()
}

func (a *applier) summary() *Summary {
	s := planSummary(a.p)
	s.Secrets = 0
	for _, sec := range a.p.Secrets {
		if sec.Verified {
			s.Secrets++
		}
	}
	files := map[string]bool{}
	for _, fp := range a.p.Files {
		if fp.Change != nil && !bytes.Equal(fp.Change.Content, fp.Before) {
			files[fp.Path] = true
		}
	}
	s.FilesRewritten = len(files)
	return s
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
