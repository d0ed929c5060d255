package report

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// sarifRegion converts gitleaks' 1-based positions; its EndColumn is the
// last column of the match, SARIF's is the column after it. Every value is
// at least 1 and the region never ends before it starts.
func sarifRegion(f *finding.Finding) *sarif.Region {
	startLine := max(f.StartLine, 1)
	endLine := max(f.EndLine, startLine)
	startCol := max(f.StartColumn, 1)
	endCol := max(f.EndColumn+1, 1)
	if endLine == startLine && endCol <= startCol {
		endCol = startCol + 1
	}
	return sarif.NewRegion().WithStartLine(startLine).WithStartColumn(startCol).
		WithEndLine(endLine).WithEndColumn(endCol)
}

// sarifFingerprint identifies a secret in a file independently of where it
// sits in the file: SHA-256 of rule, path and the secret's keyed hash (never
// the secret, nor its plain hash, which would let anyone test guessed values
// offline). A finding without a keyed hash falls back to its line, so it
// still gets a secret-free value.
func sarifFingerprint(f *finding.Finding) string {
	h := f.SecretHash
	if h == "" {
		h = "line:" + strconv.Itoa(f.StartLine)
	}
	key := f.RuleID + "\x00" + f.File + "\x00" + h
	if f.Repository != "" { // several repositories in one log (audit org)
		key = f.Repository + "\x00" + key
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// fileURI makes a relative URI reference from a repository path: forward
// slashes, each segment percent-encoded (spaces, non-ASCII, '#', '?').
func fileURI(file string) string {
	file = path.Clean(strings.TrimPrefix(strings.ReplaceAll(file, "\\", "/"), "./"))
	file = strings.TrimLeft(file, "/")
	segs := strings.Split(file, "/")
	for i, s := range segs {
		// ':' too, or a first segment such as "c:x" would read as a scheme.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}
