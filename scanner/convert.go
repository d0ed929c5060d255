package scanner

import (
	"fmt"
	"strings"

	"github.com/zricethezav/gitleaks/v8/report"
)

// fromGitleaks converts a gitleaks finding and attaches the fragment's
// commit metadata and the secret's hash.
func fromGitleaks(g report.Finding, frag Fragment) Finding {
	f := Finding{
		RuleID:      g.RuleID,
		Description: g.Description,
		StartLine:   g.StartLine,
		EndLine:     g.EndLine,
		StartColumn: g.StartColumn,
		EndColumn:   g.EndColumn,
		// Copies, and they must stay copies: these are substrings of
		// the scanned content, and history scans reuse the buffer of a
		// blob for the next one (blobReader).
		Line:         strings.Clone(g.Line),
		Match:        strings.Clone(g.Match),
		Secret:       strings.Clone(g.Secret),
		File:         g.File,
		SymlinkFile:  g.SymlinkFile,
		Entropy:      g.Entropy,
		Tags:         append([]string{}, g.Tags...),
		SecretSHA256: SecretHash(g.Secret),
	}
	f.SetCommit(frag.Commit)
	return f
}

// SetCommit attributes the finding to a commit (nil for working-tree scans)
// and recomputes its fingerprint.
func (f *Finding) SetCommit(c *CommitInfo) {
	if c != nil {
		f.Commit, f.Author, f.Email, f.Date, f.Message = c.SHA, c.Author, c.Email, c.Date, c.Message
	} else {
		f.Commit, f.Author, f.Email, f.Date, f.Message = "", "", "", "", ""
	}
	f.Fingerprint = fingerprint(f)
}

// fingerprint is gitleaks' format, so .gitleaksignore files carry over:
// commit:file:rule:line for git scans, file:rule:line otherwise.
func fingerprint(f *Finding) string {
	if f.Commit != "" {
		return fmt.Sprintf("%s:%s:%s:%d", f.Commit, f.File, f.RuleID, f.StartLine)
	}
	return fmt.Sprintf("%s:%s:%d", f.File, f.RuleID, f.StartLine)
}
