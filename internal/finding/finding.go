// Package finding is the finding model shared by the scanner, reports,
// verification, migrate and remediate. It imports nothing heavy.
package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Finding is one detected secret. Its exported fields and their JSON names
// match gitleaks' report format so tools that read gitleaks reports read ours;
// SecretSHA256 and the optional fields after it are secretsweep extensions.
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
	// SecretSHA256 is the hex SHA-256 of the raw secret; it survives redaction.
	SecretSHA256 string
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

// SecretHash returns the hex SHA-256 of s.
func SecretHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// ShortHash returns the first 12 hex digits of the secret's SHA-256: a
// handle for a secret that is safe to print in errors and logs.
func (f *Finding) ShortHash() string {
	if len(f.SecretSHA256) >= 12 {
		return f.SecretSHA256[:12]
	}
	return f.SecretSHA256
}

// Redacted reports whether Redact has been applied.
func (f *Finding) Redacted() bool { return f.redacted }

// Redact removes the secret from Secret, Match and Line. It is idempotent.
func (f *Finding) Redact() {
	if f.redacted {
		return
	}
	if f.Secret != "" {
		f.Match = strings.ReplaceAll(f.Match, f.Secret, RedactedValue)
		f.Line = strings.ReplaceAll(f.Line, f.Secret, RedactedValue)
	}
	f.Secret = RedactedValue
	f.redacted = true
}

// RedactAll redacts every finding in place.
func RedactAll(fs []Finding) {
	for i := range fs {
		fs[i].Redact()
	}
}

// Stats summarises what a scan covered.
type Stats struct {
	Mode           string        // dir, history, range, staged, actions-logs
	Files          int           // files (or blobs, for git modes) scanned
	Commits        int           // commits visited
	Bytes          int64         // bytes of content handed to the detector
	SkippedBinary  int           // files skipped as binary
	SkippedLarge   int           // files skipped for exceeding the size limit
	SkippedOther   int           // unreadable files, symlinks leaving the tree...
	MissingObjects int           // git objects that could not be read
	Duration       time.Duration // wall time of the scan
	Warnings       []string      // one line each, never holding a secret
}

// Result is the outcome of a scan.
type Result struct {
	Findings []Finding
	Stats    Stats
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
