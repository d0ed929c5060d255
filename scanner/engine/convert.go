package engine

import (
	"slices"
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
	if slices.Contains(g.Tags, "secretsweep") && !slices.Contains(g.Tags, "key") {
		atSecretLine(&f) // a key file's finding starts at its header, as gitleaks' private-key does
	}
	SetCommit(&f, frag.Commit)
	return f
}

// atSecretLine moves the start of a finding whose match spans lines to the
// line and column where its secret starts: secretsweep's rules that read
// context before the value (session({ on one line, secret: '…' two lines
// down) report the line that holds the value, which is what a reader,
// the pre-push hook's added lines and migrate look at. gitleaks' own rules
// keep gitleaks' start, the match's, for parity.
func atSecretLine(f *finding.Finding) {
	i := strings.Index(f.Match, f.Secret)
	if i <= 0 || f.Secret == "" || strings.ContainsRune(f.Secret, '\n') {
		return // a value over several lines (a key file's block) keeps the match's start
	}
	before := f.Match[:i]
	if n := strings.Count(before, "\n"); n > 0 {
		f.StartLine += n
		// As locate counts columns on lines after the first (gitleaks'
		// convention): from the newline before the line, plus one.
		f.StartColumn = i - strings.LastIndexByte(before, '\n') + 1
	}
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
