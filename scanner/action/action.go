// Package action is secretsweep's GitHub Action: it reads the event that
// started a workflow job, decides which commits to scan (a pull request's,
// a push's, a merge queue group's, or the whole history on a schedule),
// fetches what a shallow checkout lacks, scans with the repository's
// configuration taken from the trusted (base) commit, and reports through
// workflow annotations, a job summary, SARIF and JSON files, step outputs
// and one pull request review.
//
// Nothing from the scanned commits is executed; only git objects are read.
// Secret values never leave the scanner: findings are redacted before any
// output.
package action

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/migrate"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/report"
)

// Scan inputs.
const (
	ScanAuto    = "auto"
	ScanHistory = "history"
	ScanTree    = "tree"
)

// ScanFunc runs a scan; scanner.Scan in production.
type ScanFunc func(ctx context.Context, opts scanner.Options) (*finding.Result, error)

// Options configure a run. The command fills them from the runner's
// environment (GITHUB_*, RUNNER_TEMP) and the action's inputs.
type Options struct {
	EventName  string // GITHUB_EVENT_NAME
	EventPath  string // GITHUB_EVENT_PATH
	Repository string // GITHUB_REPOSITORY, owner/name
	Workspace  string // GITHUB_WORKSPACE: the checkout
	// ServerURL is GITHUB_SERVER_URL; missing commits are fetched from
	// ServerURL/Repository.
	ServerURL   string
	Token       string // the job's token
	SummaryPath string // GITHUB_STEP_SUMMARY
	OutputPath  string // GITHUB_OUTPUT
	TempDir     string // RUNNER_TEMP: reports and the trusted configuration go here

	// Inputs of the action.
	Config         string
	Baseline       string
	FailOnFindings bool
	Comment        bool
	Verify         bool
	Scan           string // auto, history or tree
	MaxDecodeDepth int
	// MinConfidence is the lowest confidence reported and failed on; ""
	// means the trusted config's [scan] minConfidence, else medium.
	MinConfidence finding.Confidence
	// Migrate stores each leaked value of a pull request in Secrets
	// Manager and suggests the rewrite of its line in the review.
	Migrate bool
	// Secrets is the Secrets Manager client for Migrate; nil when the job
	// has no usable AWS credentials, SecretsProblem saying why.
	Secrets        migrate.SecretsAPI
	SecretsProblem string

	// GitHub is the API client (token and base URL set).
	GitHub *github.Client
	// NewFetcher returns the fetcher for missing commits; nil means go-git
	// over HTTPS from ServerURL with Token.
	NewFetcher func(r *git.Repository) Fetcher
	// ScanFunc runs scans; nil means scanner.Scan.
	ScanFunc ScanFunc
	// Verifier labels findings live or inactive (input verify); it runs
	// before redaction and returns a one-line summary.
	Verifier func(ctx context.Context, fs []finding.Finding) string
	// Hasher names secrets by keyed hash in reports and baselines.
	Hasher finding.Hasher
	// Out receives the log and workflow commands (the step's stdout).
	Out io.Writer
	// Version is written into the SARIF file.
	Version string
}

// Outcome is what a completed run found.
type Outcome struct {
	Findings int
	// Fail is true when leaks were found and the step must fail.
	Fail bool
	// SARIFPath and ReportPath are the files written.
	SARIFPath, ReportPath string
}

// ErrNoToken is returned when the job's token is missing.
var ErrNoToken = errors.New("no GitHub token: set the action's token input (default ${{ github.token }}) or GITHUB_TOKEN")

// Run runs the Action. An error means the scan did not complete (exit 2);
// it is also written to the job summary.
func Run(ctx context.Context, o Options) (*Outcome, error) {
	if o.Out == nil {
		o.Out = io.Discard
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	ev, err := LoadEvent(o.EventName, o.EventPath)
	if err != nil {
		return nil, err
	}
	r := &run{o: o, ev: ev}
	out, err := r.run(ctx)
	if err != nil {
		_ = appendFile(o.SummaryPath, "## secretsweep\n\n:x: The scan did not complete: "+report.MarkdownCode(oneLine(err))+"\n\nNo result is reported for commits that were not read.\n")
		return nil, err
	}
	return out, nil
}

func (o *Options) validate() error {
	if o.Token == "" {
		return ErrNoToken
	}
	if o.GitHub == nil {
		return errors.New("no GitHub API client")
	}
	owner, name, ok := strings.Cut(o.Repository, "/")
	if !ok || owner == "" || name == "" || strings.ContainsAny(name, "/ \t\r\n") {
		return fmt.Errorf("GITHUB_REPOSITORY %q is not owner/name", clip(o.Repository))
	}
	switch o.Scan {
	case "":
		o.Scan = ScanAuto
	case ScanAuto, ScanHistory, ScanTree:
	default:
		return fmt.Errorf("input scan: %q is not one of auto, history, tree", clip(o.Scan))
	}
	if o.Workspace == "" {
		o.Workspace = "."
	}
	if o.TempDir == "" {
		o.TempDir = os.TempDir()
	}
	if o.ServerURL == "" {
		o.ServerURL = "https://github.com"
	}
	if o.ScanFunc == nil {
		o.ScanFunc = scanner.Scan
	}
	return nil
}

// run is one execution.
type run struct {
	o    Options
	ev   *Event
	repo *git.Repository
	f    Fetcher
}

// plan is what to scan and with which configuration.
type plan struct {
	mode             scanner.Mode // "" when there is nothing to scan
	include, exclude []string
	// trustedRev is the commit whose configuration (.secretsweep.toml,
	// .gitleaks.toml, .gitleaksignore, baseline) applies: the base of a
	// pull request or merge group, the previous tip of a pushed branch,
	// the default branch for a new branch, HEAD for a scheduled scan.
	// It is the one place the trusted revision is decided; "" means the
	// working tree (a tree scan outside git).
	// Range scans also get it as scanner.Options.ConfigRev; the files the
	// action's inputs name are read from it by trustedFiles.
	trustedRev string
	// head is the commit whose lines annotations and comments point at.
	head string
	// nothing says why nothing is scanned.
	nothing string
	// what describes the scan in one line.
	what string
}

func (r *run) log(msg string) { logLine(r.o.Out, msg) }

func (r *run) run(ctx context.Context) (*Outcome, error) {
	p, err := r.plan(ctx)
	if r.repo != nil {
		defer removeFetchRefs(r.repo)
	}
	if err != nil {
		return nil, err
	}
	res := &finding.Result{}
	var notes []string
	if p.nothing != "" {
		r.log("nothing to scan: " + p.nothing)
	} else {
		r.log("scanning " + p.what)
		so := scanner.Options{
			Path:           r.o.Workspace,
			Mode:           p.mode,
			Include:        p.include,
			Exclude:        p.exclude,
			ConfigPath:     r.o.Config,
			BaselinePath:   r.o.Baseline,
			MaxDecodeDepth: r.o.MaxDecodeDepth,
			MinConfidence:  r.o.MinConfidence,
			Hasher:         r.o.Hasher,
		}
		if p.trustedRev != "" {
			t, err := trustedFiles(r.repo, r.o.Workspace, p.trustedRev, p.head, filepath.Join(r.tempDir(), "trusted"),
				r.o.Config, r.o.Baseline)
			if err != nil {
				return nil, fmt.Errorf("read the configuration of the trusted commit %s: %w", short(p.trustedRev), err)
			}
			so.ConfigPath, so.IgnorePath, so.BaselinePath = t.ConfigPath, t.IgnorePath, t.BaselinePath
			if p.mode == scanner.ModeRange {
				so.ConfigRev = p.trustedRev
			}
			notes = t.Notes
		}
		if res, err = r.o.ScanFunc(ctx, so); err != nil {
			return nil, err
		}
	}
	for _, w := range res.Stats.Warnings {
		command(r.o.Out, "warning", "secretsweep: "+w)
	}
	if r.o.Verify && r.o.Verifier != nil && len(res.Findings) > 0 {
		r.log(r.o.Verifier(ctx, res.Findings))
		scanner.Scorer().Apply(res.Findings) // a verified secret is high
	}
	if n := res.Stats.BelowConfidence; n > 0 {
		r.log(fmt.Sprintf("%d finding(s) below %s confidence not shown (input min-confidence: low shows them)", n, res.Stats.MinConfidence))
	}
	lines := r.locate(p, res.Findings)
	suggs := r.suggest(ctx, p, res.Findings, lines)
	// Nothing below sees a secret value.
	finding.RedactAll(res.Findings)

	out := &Outcome{Findings: len(res.Findings)}
	out.Fail = out.Findings > 0 && r.o.FailOnFindings
	if out.SARIFPath, err = r.writeReport("sarif", ".sarif", res); err != nil {
		return nil, err
	}
	if out.ReportPath, err = r.writeReport("json", ".json", res); err != nil {
		return nil, err
	}
	for i := range res.Findings {
		annotate(r.o.Out, &res.Findings[i], lines[i])
	}
	ids := markerIDs(res.Findings)
	items := make([]located, len(res.Findings))
	for i := range res.Findings {
		items[i] = located{f: &res.Findings[i], line: lines[i], id: ids[i], sug: suggs[i]}
	}
	table, err := markdown(res, r.o.Version)
	if err != nil {
		return nil, err
	}
	reviewLine := r.review(ctx, p, items, notes, table)
	if err := r.summary(p, res, notes, table, reviewLine); err != nil {
		return nil, fmt.Errorf("write the job summary: %w", err)
	}
	if err := setOutputs(r.o.OutputPath,
		"findings-count", fmt.Sprint(out.Findings),
		"sarif-file", out.SARIFPath,
		"report-file", out.ReportPath); err != nil {
		return nil, fmt.Errorf("write the step outputs: %w", err)
	}
	r.log(report.SummaryLine(res))
	return out, nil
}

func (r *run) tempDir() string { return filepath.Join(r.o.TempDir, "secretsweep") }

// writeReport renders res (redacted) into a new file under the temp dir.
func (r *run) writeReport(format, ext string, res *finding.Result) (string, error) {
	dir := r.tempDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("write the %s report: %w", format, err)
	}
	f, err := os.CreateTemp(dir, "report-*"+ext)
	if err != nil {
		return "", fmt.Errorf("write the %s report: %w", format, err)
	}
	werr := report.Write(f, format, res, report.Options{Version: r.o.Version})
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("write the %s report: %w", format, werr)
	}
	return f.Name(), nil
}

func markdown(res *finding.Result, version string) (string, error) {
	var b strings.Builder
	if err := report.Write(&b, "markdown", res, report.Options{Version: version}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// review posts or updates the pull request review and returns a line for
// the summary ("" when there is no review to post).
func (r *run) review(ctx context.Context, p *plan, items []located, notes []string, table string) string {
	pr := r.ev.PullRequest
	if pr == nil || !r.o.Comment || p.mode != scanner.ModeRange {
		return ""
	}
	owner, name, _ := strings.Cut(r.o.Repository, "/")
	rv := &reviewer{gh: r.o.GitHub, owner: owner, repo: name, pr: pr, head: pr.HeadSHA}
	var body strings.Builder
	body.WriteString(table)
	fmt.Fprintf(&body, "\nScanned %s.\n", p.what)
	for _, n := range notes {
		body.WriteString("\n" + n + "\n")
	}
	removed := 0
	for _, it := range items {
		if it.line == 0 {
			removed++
		}
	}
	switch {
	case removed == 1:
		body.WriteString("\nOne of these was removed by a later commit of the pull request but stays in its git history: rotate it.\n")
	case removed > 1:
		fmt.Fprintf(&body, "\n%d of these were removed by a later commit of the pull request but stay in its git history: rotate them.\n", removed)
	}
	res := rv.post(ctx, items, body.String())
	switch {
	case res.Skipped:
		command(r.o.Out, "notice", "secretsweep: "+res.Message)
	case res.Failed:
		command(r.o.Out, "warning", "secretsweep: "+res.Message)
	default:
		r.log(res.Message)
	}
	return res.Message
}

// summary appends the job summary.
func (r *run) summary(p *plan, res *finding.Result, notes []string, table, reviewLine string) error {
	if r.o.SummaryPath == "" {
		return nil
	}
	var b strings.Builder
	b.WriteString("## secretsweep\n\n")
	if p.nothing != "" {
		fmt.Fprintf(&b, "Nothing to scan: %s.\n\n", p.nothing)
	} else {
		fmt.Fprintf(&b, "Scanned %s.\n\n", p.what)
	}
	for _, n := range notes {
		b.WriteString(":information_source: " + n + "\n\n")
	}
	if p.nothing == "" {
		b.WriteString(table)
	}
	if reviewLine != "" {
		b.WriteString("\nPull request review: " + report.MarkdownCode(reviewLine) + "\n")
	}
	return appendFile(r.o.SummaryPath, b.String()+"\n")
}

// locate finds, for each finding (unredacted), the line of the scanned
// head's version of its file that holds its secret: the line the scanner
// reports is in the commit that added it, and later commits may have moved
// or removed it. 0 means the head no longer has it.
func (r *run) locate(p *plan, fs []finding.Finding) []int {
	lines := make([]int, len(fs))
	if p.mode == scanner.ModeDir || r.repo == nil || p.head == "" {
		for i := range fs {
			lines[i] = fs[i].StartLine
		}
		return lines
	}
	tree, err := commitTree(r.repo, p.head)
	if err != nil {
		return lines
	}
	files := map[string]string{}
	for i := range fs {
		f := &fs[i]
		if f.Secret == "" || f.File == "" {
			continue
		}
		content, ok := files[f.File]
		if !ok {
			if data, found, err := readFile(tree, f.File, maxLocateBytes); err == nil && found {
				content = string(data)
			}
			files[f.File] = content
		}
		lines[i] = nearestLine(content, f.Secret, f.StartLine)
	}
	return lines
}

// maxLocateBytes bounds a file read to place comments.
const maxLocateBytes = 25 << 20

// nearestLine returns the 1-based line of the occurrence of secret in
// content closest to want, or 0.
func nearestLine(content, secret string, want int) int {
	best, bestDist := 0, -1
	line, pos := 1, 0
	for {
		i := strings.Index(content[pos:], secret)
		if i < 0 {
			return best
		}
		line += strings.Count(content[pos:pos+i], "\n")
		pos += i
		d := line - want
		if d < 0 {
			d = -d
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = line, d
		}
		pos += len(secret)
		line += strings.Count(secret, "\n")
	}
}

// headCommit is the commit HEAD points at.
func headCommit(r *git.Repository) (string, error) {
	h, err := r.Head()
	if err != nil {
		return "", fmt.Errorf("the checkout has no HEAD commit: %w", err)
	}
	return h.Hash().String(), nil
}
