package engine

import (
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/zricethezav/gitleaks/v8/report"
)

// fromGitleaks converts a gitleaks finding and attaches the fragment's
// commit metadata and the secret's keyed hash. line is the quote of the scanned
// text the finding keeps as Line; when exact, the match is in it at byte
// at. One copy holds Line, Match and Secret whenever they overlap, and it
// must be a copy: these are substrings of the scanned content, and history
// scans reuse the buffer of a blob for the next one (blobReader).
func fromGitleaks(g report.Finding, frag Fragment, h finding.Hasher, line string, at int, exact bool) finding.Finding {
	line = strings.Clone(line)
	match := ""
	if exact && at+len(g.Match) <= len(line) {
		match = line[at : at+len(g.Match)]
	} else {
		match = strings.Clone(g.Match) // decoded text, not in the line
	}
	secret := ""
	if i := strings.Index(match, g.Secret); i >= 0 {
		secret = match[i : i+len(g.Secret)]
	} else {
		secret = strings.Clone(g.Secret)
	}
	f := finding.Finding{
		RuleID:      g.RuleID,
		Description: g.Description,
		StartLine:   g.StartLine,
		EndLine:     g.EndLine,
		StartColumn: g.StartColumn,
		EndColumn:   g.EndColumn,
		Line:        line,
		Match:       match,
		Secret:      secret,
		File:        g.File,
		SymlinkFile: g.SymlinkFile,
		Entropy:     g.Entropy,
		Tags:        append([]string{}, g.Tags...),
		SecretHash:  h.Sum(g.Secret),
	}
	SetCommit(&f, frag.Commit)
	return f
}

// SetCommit attributes the finding to a commit (nil for working-tree scans)
// and recomputes its fingerprint.
func SetCommit(f *finding.Finding, c *CommitInfo) {
	if c != nil {
		f.Commit, f.Author, f.Email, f.Date, f.Message = c.SHA, c.Author, c.Email, c.Date, c.Message
	} else {
		f.Commit, f.Author, f.Email, f.Date, f.Message = "", "", "", "", ""
	}
	f.UpdateFingerprint()
}
