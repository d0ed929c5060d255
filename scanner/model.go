package scanner

import "github.com/secretsweep/secretsweep/internal/finding"

// The finding model lives in internal/finding; these aliases keep the
// engine's own code short.
type (
	// Finding is finding.Finding.
	Finding = finding.Finding
	// Verification is finding.Verification.
	Verification = finding.Verification
	// Stats is finding.Stats.
	Stats = finding.Stats
	// Result is finding.Result.
	Result = finding.Result
)
