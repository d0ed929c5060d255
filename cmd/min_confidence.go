package cmd

import (
	"github.com/spf13/pflag"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// minConfidenceUsage is the help of every --min-confidence flag.
const minConfidenceUsage = "report (and fail on) findings of this confidence or above: `high`, medium or low (default: [scan] minConfidence of the config, else medium)"

// addMinConfidenceFlag adds --min-confidence to a command's flags.
func addMinConfidenceFlag(fl *pflag.FlagSet, p *string) {
	fl.StringVar(p, "min-confidence", "", minConfidenceUsage)
}

// parseMinConfidence reads --min-confidence: "" (not given) stays "", for
// the config or the default to decide.
func parseMinConfidence(s string) (finding.Confidence, error) {
	if s == "" {
		return "", nil
	}
	return finding.ParseConfidence(s)
}
