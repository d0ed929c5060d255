// Package finding is the finding model shared by the scanner, reports,
// verification, migrate and remediate. It imports nothing heavy.
package finding

import (
	"fmt"
	"time"
)

// Finding is one detected secret. Its exported fields and their JSON names
// match gitleaks' report format so tools that read gitleaks reports read ours;
// SecretHash and the optional fields after it are secretsweep extensions.
type Finding struct {
	RuleID      string
	Description string
	StartLine   int
	EndLine     int
	StartColumn int
	EndColumn   int
	// Line is the full source line; it holds the secret and is never serialised.
	Line        string `json:"-"`
	Match       string
	Secret      string
	File        string
	SymlinkFile string
	Commit      string
	Link        string `json:",omitempty"`
	Entropy     float32
	Author      string
	Email       string
	Date        string
	Message     string
	Tags        []string
	Fingerprint string
	// SecretHash is the keyed hash of the raw secret (Hasher.Sum,
	// "hmac-sha256:<key id>:<hex>"); it survives redaction.
	SecretHash string
	// Confidence is how likely the finding is a real credential (high,
	// medium, low), set by scanner/confidence after detection; empty in
	// reports written before it existed.
	Confidence Confidence `json:",omitempty"`
	// ConfidenceScore is the score behind Confidence, 0 to 100 (SARIF rank).
	ConfidenceScore int `json:",omitempty"`
	// SecretSHA256 is the plain SHA-256 of the secret as reports written
	// before keyed hashes carry it. It is only ever read from such a report
	// (to match it in memory) and never written.
	SecretSHA256 string `json:",omitempty"`
	// Source names where the content came from when it is not a plain file or
	// commit (for example "actions-log"); empty for files and commits.
	Source string `json:",omitempty"`
	// Extra holds source-specific attributes (run id, job, step, URL ...).
	Extra map[string]string `json:",omitempty"`
	// Verification is the result of --verify: verified, invalid or unknown.
	Verification *Verification `json:",omitempty"`
	// Repository is owner/name when a report covers several repositories
	// (audit org).
	Repository string `json:",omitempty"`
	redacted   bool
}

// Verification records the outcome of a live check of a secret.
type Verification struct {
	Status string // verified, invalid or unknown
	Reason string `json:",omitempty"`
}

// RedactedValue is what replaces a secret in redacted output.
const RedactedValue = "REDACTED"

// TagSignup is the tag the engine gives a finding of secretsweep's own
// rules when its line or the eight lines before it speak of registering or
// signing up a user (an API guide's sign-up request); the confidence
// scorer weighs it.
const TagSignup = "signup-context"

// ShortHash returns the first ShortHashLen hex digits of the secret's keyed
// hash: a handle for a secret that is safe to print in errors and logs ("" when
// the finding has no keyed hash).
func (f *Finding) ShortHash() string { return ShortHash(f.SecretHash) }

// Redacted reports whether Redact has been applied.
func (f *Finding) Redacted() bool { return f.redacted }

// Redact removes the finding's own secret from every field that quotes
// scanned text (see RedactWith). It is idempotent. Output of several
// findings must use RedactAll, which removes every secret of the set.
func (f *Finding) Redact() {
	if f.redacted {
		return
	}
	f.RedactWith(nil)
}

// Stats summarises what a scan covered.
type Stats struct {
	Mode           string        // dir, history, range, staged, actions-logs
	Files          int           // files (or blobs, for git modes) scanned
	Commits        int           // commits visited
	Bytes          int64         // bytes of content handed to the detector
	SkippedBinary  int           // files skipped as binary
	SkippedLarge   int           // files skipped for exceeding the size limit
	SkippedOther   int           // files skipped: symlinks leaving the tree, unreadable ones allowed by AllowMissing
	MissingObjects int           // git objects absent from the repository, skipped as AllowMissing allows
	Duration       time.Duration // wall time of the scan
	Warnings       []string      // one line each, never holding a secret
	// Unreadable counts content the scan was asked to cover and could not
	// read (corrupt git objects, refs that lead nowhere, unreadable files):
	// when it is not zero the scan is incomplete, and Errors names what
	// could not be read (object id, ref or path), one line each, never a
	// secret. An incomplete scan is an error (exit 2) even without findings.
	Unreadable int
	Errors     []string
	// MinConfidence is the threshold the findings were filtered at
	// (--min-confidence); BelowConfidence counts the findings it hid, which
	// neither appear in the report nor fail the scan.
	MinConfidence   Confidence
	BelowConfidence int
}

// Incomplete reports whether content the scan was asked to cover could not
// be read: its findings are only those of the part that was read.
func (s *Stats) Incomplete() bool { return s.Unreadable > 0 }

// Result is the outcome of a scan.
type Result struct {
	Findings []Finding
	Stats    Stats
	// Withheld holds the secrets of findings the scan made but does not
	// report (.gitleaksignore, baseline): they remain secrets, and Redact
	// removes them from the reported findings too. Never serialised.
	Withheld []string `json:"-"`
}

// Redact redacts the findings with every secret of the result, withheld
// ones included (RedactAll).
func (r *Result) Redact() {
	RedactAll(r.Findings, r.Withheld...)
	r.Withheld = nil
}

// UpdateFingerprint recomputes Fingerprint in gitleaks' format, so
// .gitleaksignore files carry over: commit:file:rule:line for git scans,
// file:rule:line otherwise.
func (f *Finding) UpdateFingerprint() {
	if f.Commit != "" {
		f.Fingerprint = fmt.Sprintf("%s:%s:%s:%d", f.Commit, f.File, f.RuleID, f.StartLine)
		return
	}
	f.Fingerprint = fmt.Sprintf("%s:%s:%d", f.File, f.RuleID, f.StartLine)
}
