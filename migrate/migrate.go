// Package migrate moves hardcoded secrets found in a working tree into AWS
// Secrets Manager and rewrites the code to read them at run time, through
// the rewriters of package migrate/rewrite.
//
// A migration is planned first (names, code changes as redacted diffs,
// cost, IAM policy) and only then applied: every secret is stored and read
// back before any file changes. A journal under .secretsweep/ records each
// step, so a run that was killed finishes when run again.
package migrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// Mode selects what Run does.
type Mode string

// Modes.
const (
	ModePlan  Mode = "plan"  // print the plan; write nothing
	ModeApply Mode = "apply" // store secrets and rewrite files
	ModePatch Mode = "patch" // store secrets and write the code change as a patch
	ModePR    Mode = "pr"    // store secrets, rewrite on a branch, push, open a pull request
)

// ScanRequest is the scan a migration needs: the files of one directory.
type ScanRequest struct {
	// Path is the directory, absolute with its symbolic links resolved.
	Path string
	// ConfigPath is the scan configuration (gitleaks TOML), "" for the
	// default.
	ConfigPath string
	// Hasher makes the findings' secret hashes.
	Hasher finding.Hasher
}

// ScanFunc scans what a ScanRequest names. cmd wires it to the scanner
// (decoding as scan does), so that migrate does not link the engine.
type ScanFunc func(context.Context, ScanRequest) (*finding.Result, error)

// Git is the repository access migrate needs besides locating the
// repository and its state directory (package gitrepo). cmd wires it to
// package migrate/gitops (go-git), so that migrate does not link go-git.
type Git interface {
	// OriginURL is the URL of remote "origin" (else of the first remote)
	// of the repository whose work tree root is root; "" when none.
	OriginURL(root string) string
	// Changed returns the files of the repository whose work tree root is
	// root (slash paths relative to it) that hold uncommitted changes:
	// modified, staged or untracked.
	Changed(root string) (map[string]bool, error)
}

// Options configure a migration.
type Options struct {
	// Path is the directory to migrate (default ".").
	Path string
	Mode Mode
	// Prefix starts every secret name; default: the repository name.
	Prefix      string
	GroupByFile bool
	// Region is the AWS region secrets are created in (for the policy).
	Region string
	// Account is the AWS account ID for policy ARNs before they exist; "" is "*".
	Account string
	Store   StoreOptions
	// CallsPerSecretMonth is the cost estimate's assumption.
	CallsPerSecretMonth int
	// PatchFile is where ModePatch writes the patch.
	PatchFile string
	// PR configures ModePR.
	PR PROptions
	// GitHubSecrets, when set, sends values found in GitHub Actions
	// workflows to repository secrets (--to github-secrets).
	GitHubSecrets *GitHubSecretsOptions
	// ConfigPath is the scan configuration (gitleaks TOML), "" for the default.
	ConfigPath string
	// StoreManual stores the values of findings no code change will read
	// (no literal found: likely false findings); by default they are not
	// stored.
	StoreManual bool
	// AllowDirty lets --apply and --pr rewrite files that hold uncommitted
	// changes.
	AllowDirty bool
	// Preflight, when set, checks the AWS credentials (and what it can of
	// the permissions) once before a run that writes: its error ends the
	// run before the scan, the journal or any AWS write.
	Preflight func(context.Context) error
	// Secrets is the Secrets Manager client (not needed for ModePlan).
	Secrets SecretsAPI
	// Scan runs the scan; required.
	Scan ScanFunc
	// Git answers questions about the repository; required.
	Git Git
	// Out receives the plan and the summary.
	Out io.Writer
	// Format is the plan's format: FormatText (default) or FormatJSON.
	Format string
	// K8sSync is how rewritten Kubernetes manifests get their Secrets from
	// Secrets Manager: rewrite.K8sSyncExternalSecrets ("" too) or
	// rewrite.K8sSyncCSI.
	K8sSync string
	Now     func() time.Time
	// AfterStep, when set, is called after each journal entry is written
	// with the step and how many entries of that step this run wrote. A
	// test seam: the crash tests stop the process there; the CLI sets none.
	AfterStep func(step string, n int)
	// Hasher makes the keyed hashes that name values in the journal, the
	// secrets' tags and messages; required.
	Hasher finding.Hasher
}

// Summary counts what a run did.
type Summary struct {
	Findings       int // findings considered
	Secrets        int // secrets stored (created, reused or overwritten) and verified
	Migrated       int // findings whose code was changed (or put in the patch)
	Manual         int // findings left as manual steps (their secret is stored)
	Stopped        int // findings not migrated because of an error or conflict
	NotStored      int // findings whose value is not stored (nothing reads it)
	FilesRewritten int
	PatchFile      string
	PullRequestURL string
	Branch         string // --pr: the branch committed to
	// NotCommitted lists rewritten files --pr left out of the commit
	// because git ignores them and does not track them.
	NotCommitted []string
}

// Remaining is how many findings still hold a credential in the code
// after a run in mode m: every finding of a plan, the manual and unstored
// ones of a run that writes.
func (s *Summary) Remaining(m Mode) int {
	if m == ModePlan || m == "" {
		return s.Migrated + s.Manual + s.NotStored + s.Stopped
	}
	return s.Manual + s.NotStored
}

// ErrPartial is returned when some findings were stopped.
var ErrPartial = errors.New("migration incomplete")

// ErrDirty is returned, before anything is stored, when files to rewrite
// hold uncommitted changes.
var ErrDirty = errors.New("files to rewrite have uncommitted changes")

// Run plans or applies a migration.
func Run(ctx context.Context, o Options) (*Summary, error) {
	if o.Path == "" {
		o.Path = "."
	}
	if o.Mode == "" {
		o.Mode = ModePlan
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.CallsPerSecretMonth <= 0 {
		o.CallsPerSecretMonth = DefaultCallsPerSecretMonth
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	// A symlinked path is migrated as the directory it names, in the
	// repository that holds that directory.
	scanPath, err := gitrepo.Resolve(o.Path)
	if err != nil {
		return nil, err
	}
	root, isRepo := findRoot(scanPath)
	if o.Mode == ModePR && !isRepo {
		return nil, fmt.Errorf("--pr needs a git repository; %s is not in one", o.Path)
	}
	if o.Scan == nil || o.Git == nil {
		return nil, errors.New("migrate: no scanner or no git access configured")
	}
	if o.Mode == ModePR && o.PR.Start == nil {
		return nil, errors.New("--pr: no pull request access configured")
	}
	origin := ""
	if isRepo {
		origin = stripCredentials(o.Git.OriginURL(root))
	}
	repo := repoName(root, origin)
	if o.Prefix == "" {
		o.Prefix = repo
	}
	if o.Mode != ModePlan && o.Secrets == nil {
		return nil, fmt.Errorf("no Secrets Manager client")
	}
	if o.Format != "" && o.Format != FormatText && (o.Format != FormatJSON || o.Mode != ModePlan) {
		return nil, fmt.Errorf("format %q: the plan is text or json; --apply, --patch and --pr print text", o.Format)
	}
	if o.Mode == ModePatch && o.PatchFile == "" {
		return nil, fmt.Errorf("--patch needs a file name")
	}
	if o.Hasher.IsZero() {
		return nil, errors.New("no hash key to name secrets by")
	}
	if o.Mode != ModePlan && o.Preflight != nil {
		if err := o.Preflight(ctx); err != nil {
			return nil, err
		}
	}
	res, err := o.Scan(ctx, ScanRequest{Path: scanPath, ConfigPath: o.ConfigPath, Hasher: o.Hasher})
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	var prev []JournalEntry
	var j *Journal
	if o.Mode == ModePlan {
		prev, err = ReadJournal(filepath.Join(root, JournalDir, JournalFile))
	} else {
		j, err = OpenJournal(root, o.Now, o.AfterStep)
		if j != nil {
			defer j.Close()
			prev = j.Entries()
		}
	}
	if err != nil {
		return nil, err
	}
	if err := checkJournalKey(prev, o.Hasher); err != nil {
		return nil, err
	}
	prev = upgradeEntries(prev, legacyHashes(res.Findings, o.Hasher))
	if j != nil {
		j.entries = prev
	}
	p, err := BuildPlan(root, scanPath, res.Findings, prev, o.planOptions(o.GroupByFile))
	if err != nil {
		return nil, err
	}
	p.Repo, p.Origin, p.withheld = repo, origin, res.Withheld
	p.prepareAll()
	p.dropUnread(o.StoreManual)
	if o.Mode == ModePlan {
		if o.Format == FormatJSON {
			return planSummary(p), writePlanJSON(o.Out, p, o)
		}
		alt := altPlan(root, scanPath, res.Findings, prev, o)
		writePlan(o.Out, p, o, alt)
		return planSummary(p), nil
	}
	a := &applier{o: o, p: p, j: j, isRepo: isRepo}
	return a.run(ctx)
}

// altPlan is the plan with the other --group-by choice, for the cost
// comparison.
func altPlan(root, scanPath string, fs []finding.Finding, prev []JournalEntry, o Options) *Plan {
	alt, err := BuildPlan(root, scanPath, fs, prev, o.planOptions(!o.GroupByFile))
	if err != nil {
		return nil
	}
	alt.prepareAll()
	alt.dropUnread(o.StoreManual)
	return alt
}

func (o Options) planOptions(groupByFile bool) PlanOptions {
	return PlanOptions{Prefix: o.Prefix, GroupByFile: groupByFile, GitHubSecrets: o.GitHubSecrets != nil, Hasher: o.Hasher, K8sSync: o.K8sSync}
}

func planSummary(p *Plan) *Summary {
	s := &Summary{Findings: len(p.Items), Secrets: len(p.Secrets)}
	for _, it := range p.Items {
		switch {
		case it.Stopped != "":
			s.Stopped++
		case it.NotStored != "":
			s.NotStored++
		case it.Manual != "":
			s.Manual++
		default:
			s.Migrated++
		}
	}
	return s
}
