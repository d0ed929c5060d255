package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/report"
)

// ReportKind marks an audit report (report merge tells reports from states by it).
const ReportKind = "secretsweep-audit-report"

// Marks of findings in a run with --state (Finding.Extra[MarkKey]).
const (
	MarkKey   = report.AuditMarkKey
	MarkNew   = "new"   // first reported by this run
	MarkKnown = "known" // already reported by an earlier run
)

// Repository statuses.
const (
	StatusOK     = "ok"
	StatusFailed = "failed"
)

// Scan kinds of a repository.
const (
	ScanFull        = "full"        // the whole history
	ScanIncremental = "incremental" // commits not reachable from the state's tips
	ScanUnchanged   = "unchanged"   // no new commits since the state's tips
)

// Report is the outcome of an audit, or of merging shard audits.
type Report struct {
	Kind         string
	Organization string
	// Shards are the shards the report covers ("3/16"); empty for a whole run.
	Shards []string `json:",omitempty"`
	// Generated is when the audit started (RFC 3339); ages are counted from it.
	Generated string
	// Verified is set when --verify checked the credentials live.
	Verified bool `json:",omitempty"`
	// Incremental is set when findings carry a new/known mark (--state).
	Incremental  bool `json:",omitempty"`
	Repositories []RepoResult
	// Findings are redacted; each names its Repository and Link.
	Findings []finding.Finding
}

// RepoResult is one repository's line in the report.
type RepoResult struct {
	Repository string // owner/name
	URL        string // its page on GitHub
	Status     string // ok or failed
	// Reason says why it failed (clone error, empty, timeout...).
	Reason   string `json:",omitempty"`
	Fork     bool   `json:",omitempty"`
	Archived bool   `json:",omitempty"`
	Scan     string `json:",omitempty"` // full, incremental or unchanged
	// Commits and Blobs count what the history scan read; PipelineFiles
	// the pipeline files scanned whole at HEAD; LogFiles Actions step logs.
	Commits       int
	Blobs         int
	PipelineFiles int `json:",omitempty"`
	LogFiles      int `json:",omitempty"`
	Findings      int // open findings
	New           int `json:",omitempty"` // of which new (with --state)
}

// Failed returns the failed repositories.
func (r *Report) Failed() []RepoResult {
	var out []RepoResult
	for _, rr := range r.Repositories {
		if rr.Status == StatusFailed {
			out = append(out, rr)
		}
	}
	return out
}

// NewFindings counts findings marked new.
func (r *Report) NewFindings() int {
	n := 0
	for i := range r.Findings {
		if markOf(&r.Findings[i]) == MarkNew {
			n++
		}
	}
	return n
}

// Summary is one line for people: repositories, failures, findings.
func (r *Report) Summary() string {
	s := fmt.Sprintf("audit of %s: %s scanned, %d failed; %s",
		orgName(r), plural(len(r.Repositories)-len(r.Failed()), "repository", "repositories"), len(r.Failed()),
		plural(len(r.Findings), "finding", "findings"))
	if r.Incremental {
		s += fmt.Sprintf(" (%d new)", r.NewFindings())
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func orgName(r *Report) string {
	if r.Organization == "" {
		return "(several organisations)"
	}
	return r.Organization
}

func markOf(f *finding.Finding) string {
	if f.Extra == nil {
		return ""
	}
	return f.Extra[MarkKey]
}

func setMark(f *finding.Finding, mark string) {
	if f.Extra == nil {
		f.Extra = map[string]string{}
	}
	f.Extra[MarkKey] = mark
}

// normalize sorts repositories and findings so equal audits give equal bytes.
func (r *Report) normalize() {
	r.Kind = ReportKind
	sort.Slice(r.Repositories, func(i, j int) bool { return r.Repositories[i].Repository < r.Repositories[j].Repository })
	sortFindings(r.Findings)
	sort.Strings(r.Shards)
	if r.Findings == nil {
		r.Findings = []finding.Finding{}
	}
	if r.Repositories == nil {
		r.Repositories = []RepoResult{}
	}
	for i := range r.Findings {
		if r.Findings[i].Tags == nil {
			r.Findings[i].Tags = []string{} // as gitleaks writes them
		}
	}
}

func sortFindings(fs []finding.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		for _, c := range [][2]string{{a.Repository, b.Repository}, {a.File, b.File}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		for _, c := range [][2]int{{a.StartLine, b.StartLine}, {a.StartColumn, b.StartColumn}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		for _, c := range [][2]string{{a.RuleID, b.RuleID}, {a.Commit, b.Commit}, {a.Source, b.Source}, {a.Fingerprint, b.Fingerprint}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		return false
	})
}

// Formats are the report formats of an audit.
func Formats() []string { return []string{"csv", "html", "json", "sarif"} }

// CheckFormat validates a --format value.
func CheckFormat(format string) error {
	for _, f := range Formats() {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (want one of %v)", format, Formats())
}

// Write renders the report. JSON is the report itself (what report merge
// reads); SARIF and CSV are the findings in internal/report's formats, each
// naming its repository; HTML is one self-contained page. Findings must
// already be redacted.
func Write(w io.Writer, format string, r *Report, version string) error {
	r.normalize()
	for i := range r.Findings {
		if r.Findings[i].Secret != finding.RedactedValue {
			return fmt.Errorf("refusing to write unredacted finding %s", r.Findings[i].Fingerprint)
		}
	}
	var buf bytes.Buffer
	switch format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", " ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			return err
		}
	case "sarif", "csv":
		res := &finding.Result{Findings: r.Findings, Stats: finding.Stats{Mode: "audit"}}
		if err := report.Write(&buf, format, res, report.Options{Version: version}); err != nil {
			return err
		}
	case "html":
		if err := writeHTML(&buf, r, version); err != nil {
			return fmt.Errorf("render html report: %w", err)
		}
	default:
		return CheckFormat(format)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ReadFile parses a file written by an audit: a JSON report or a state.
// Exactly one of the results is non-nil.
func ReadFile(name string, data []byte) (*Report, *State, error) {
	var head struct{ Kind string }
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, nil, fmt.Errorf("%s: not an audit report or state (want the JSON of audit org --format json or --state: %s)", name, jsonErr(err))
	}
	switch head.Kind {
	case ReportKind:
		var r Report
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, nil, fmt.Errorf("%s: bad audit report: %s", name, jsonErr(err))
		}
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Secret != finding.RedactedValue {
				return nil, nil, fmt.Errorf("%s: finding %s is not redacted", name, f.Fingerprint)
			}
			f.Redact()
		}
		return &r, nil, nil
	case StateKind:
		st, err := parseState(name, data)
		return nil, st, err
	}
	return nil, nil, fmt.Errorf("%s: not an audit report or state (kind %q; want the JSON of audit org --format json or --state)", name, head.Kind)
}

// Merge joins shard reports. A repository may be in only one of them, and
// all must name secrets with the same hash key.
func Merge(reports ...*Report) (*Report, error) {
	out := &Report{Kind: ReportKind}
	keyID := ""
	for _, r := range reports {
		for i := range r.Findings {
			id, _, ok := finding.ParseHash(secretHashOf(&r.Findings[i]))
			if !ok {
				continue
			}
			if keyID != "" && id != keyID {
				return nil, fmt.Errorf("the reports hash secrets with different keys (%s and %s): run every shard with the same SECRETSWEEP_HASH_KEY", keyID, id)
			}
			keyID = id
		}
	}
	seen := map[string]int{}
	orgs := map[string]bool{}
	for i, r := range reports {
		orgs[r.Organization] = true
		out.Shards = append(out.Shards, r.Shards...)
		if r.Generated > out.Generated {
			out.Generated = r.Generated
		}
		out.Verified = out.Verified || r.Verified
		out.Incremental = out.Incremental || r.Incremental
		for _, rr := range r.Repositories {
			if j, dup := seen[rr.Repository]; dup {
				return nil, fmt.Errorf("repository %s is in reports %d and %d: merge the reports of one run's shards", rr.Repository, j+1, i+1)
			}
			seen[rr.Repository] = i
			out.Repositories = append(out.Repositories, rr)
		}
		out.Findings = append(out.Findings, r.Findings...)
	}
	if len(orgs) == 1 {
		for o := range orgs {
			out.Organization = o
		}
	}
	out.Shards = mergeShards(out.Shards)
	out.normalize()
	return out, nil
}

// mergeShards drops the shard list when the shards of one N are all there.
func mergeShards(shards []string) []string {
	uniq := map[string]bool{}
	for _, s := range shards {
		uniq[s] = true
	}
	if len(uniq) == 0 {
		return nil
	}
	var n int
	for s := range uniq {
		sh, err := ParseShard(s)
		if err != nil || (n != 0 && sh.N != n) {
			return sortedKeys(uniq)
		}
		n = sh.N
	}
	if len(uniq) == n {
		return nil
	}
	return sortedKeys(uniq)
}

// keyOf identifies a secret in a repository's file for the new/known mark:
// rule, file and the secret's hash, not the line or commit, so a secret
// that moves or is committed again is still known.
func keyOf(f *finding.Finding) string {
	return strings.Join([]string{f.Repository, f.RuleID, f.File, secretHashOf(f)}, "\x00")
}

// secretHashOf is the finding's keyed secret hash as the scanner set it
// (the one place that names the field).
func secretHashOf(f *finding.Finding) string { return f.SecretHash }
