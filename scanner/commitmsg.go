package scanner

import (
	"context"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// scanMessage scans a commit's message, once per commit (the walks send
// each commit once). Its findings carry the commit and its metadata, the
// pseudo-path finding.CommitMessageFile and Source
// finding.SourceCommitMessage; lines are counted in the message.
func (s *session) scanMessage(ctx context.Context, c *commit) []Finding {
	if strings.TrimSpace(c.message) == "" {
		return nil
	}
	// The hash alone is enough for detection (allowlists by commit); the
	// rest of the metadata is read only for a commit with findings.
	found := s.engine.Scan(ctx, engine.Fragment{Path: finding.CommitMessageFile, Text: c.message, StartLine: 1,
		Commit: &engine.CommitInfo{SHA: c.hash.String()}})
	if len(found) == 0 {
		return nil
	}
	info := c.info()
	for i := range found {
		found[i].Source = finding.SourceCommitMessage
		engine.SetCommit(&found[i], info)
	}
	return found
}
