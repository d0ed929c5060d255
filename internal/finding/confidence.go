package finding

import (
	"fmt"
	"strings"
)

// Confidence is how sure the scanner is that a finding is a real
// credential: ConfidenceHigh, ConfidenceMedium or ConfidenceLow. The empty
// value means not scored (a finding read from a report written before
// confidence existed).
type Confidence string

// Confidence levels, lowest first.
const (
	ConfidenceLow    Confidence = "low"
	ConfidenceMedium Confidence = "medium"
	ConfidenceHigh   Confidence = "high"
)

// DefaultMinConfidence is the threshold a scan reports and fails at unless
// told otherwise (--min-confidence, [scan] minConfidence).
const DefaultMinConfidence = ConfidenceMedium

// ConfidenceLevels returns the levels, lowest first.
func ConfidenceLevels() []Confidence {
	return []Confidence{ConfidenceLow, ConfidenceMedium, ConfidenceHigh}
}

// ParseConfidence reads a level name, case-insensitively and trimmed. The
// error names the accepted values.
func ParseConfidence(s string) (Confidence, error) {
	c := Confidence(strings.ToLower(strings.TrimSpace(s)))
	if c.Valid() {
		return c, nil
	}
	return "", fmt.Errorf("invalid confidence %q (want high, medium or low)", s)
}

// Valid reports whether c is one of the three levels.
func (c Confidence) Valid() bool { return c.Rank() > 0 }

// Rank orders levels: low 1, medium 2, high 3; 0 for anything else.
func (c Confidence) Rank() int {
	switch c {
	case ConfidenceLow:
		return 1
	case ConfidenceMedium:
		return 2
	case ConfidenceHigh:
		return 3
	}
	return 0
}

// AtLeast reports whether c is min or above. A finding that was never
// scored (c not Valid) passes every threshold: nothing is hidden for want
// of a score.
func (c Confidence) AtLeast(min Confidence) bool {
	if !c.Valid() {
		return true
	}
	return c.Rank() >= min.Rank()
}

// Compare returns -1, 0 or +1 as c ranks below, equal to or above d.
func (c Confidence) Compare(d Confidence) int {
	switch a, b := c.Rank(), d.Rank(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// FilterConfidence keeps the findings at min or above, in order, and
// returns the secrets of those it drops (to be withheld for redaction) and
// how many it dropped. An invalid min keeps everything.
func FilterConfidence(fs []Finding, min Confidence) (kept []Finding, withheld []string, hidden int) {
	if !min.Valid() {
		return fs, nil, 0
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Confidence.AtLeast(min) {
			out = append(out, f)
			continue
		}
		withheld = append(withheld, f.Secret)
		hidden++
	}
	return out, withheld, hidden
}
