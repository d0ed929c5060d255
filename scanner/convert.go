package scanner

import (
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/zricethezav/gitleaks/v8/report"
)

// fromGitleaks converts a gitleaks finding and attaches the fragment's
// commit metadata and the secret's keyed hash.
func fromGitleaks(g report.Finding, frag Fragment, h finding.Hasher) Finding {
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
		Line:        strings.Clone(g.Line),
		Match:       strings.Clone(g.Match),
		Secret:      strings.Clone(g.Secret),
		File:        g.File,
		SymlinkFile: g.SymlinkFile,
		Entropy:     g.Entropy,
		Tags:        append([]string{}, g.Tags...),
		SecretHash:  h.Sum(g.Secret),
	}
	setCommit(&f, frag.Commit)
	return f
}

// setCommit attributes the finding to a commit (nil for working-tree scans)
// and recomputes its fingerprint.
func setCommit(f *Finding, c *CommitInfo) {
	if c != nil {
		f.Commit, f.Author, f.Email, f.Date, f.Message = c.SHA, c.Author, c.Email, c.Date, c.Message
	} else {
		f.Commit, f.Author, f.Email, f.Date, f.Message = "", "", "", "", ""
	}
	f.UpdateFingerprint()
}
