package scanner

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/viper"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/confidence"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// Scorer is the confidence scorer every scan uses: it knows gitleaks'
// default rules from the engine.
func Scorer() confidence.Scorer { return confidence.Scorer{Default: engine.IsDefaultRule} }

// ApplyConfidence scores res's findings and hides those below min (the
// default threshold when min is empty): they leave Findings for Withheld
// (their secrets are still redacted from the rest) and are counted in
// Stats.BelowConfidence. Sources other than Scan (Actions logs) call it;
// Scan does it itself.
func ApplyConfidence(res *finding.Result, min finding.Confidence) {
	Scorer().Apply(res.Findings)
	filterConfidence(res, min)
}

func filterConfidence(res *finding.Result, min finding.Confidence) {
	if !min.Valid() {
		min = finding.DefaultMinConfidence
	}
	var withheld []string
	var hidden int
	res.Findings, withheld, hidden = finding.FilterConfidence(res.Findings, min)
	res.Withheld = append(res.Withheld, withheld...)
	res.Stats.MinConfidence = min
	res.Stats.BelowConfidence += hidden
}

// minConfidenceSetting reads secretsweep's own setting from the config the
// scan uses (gitleaks ignores the table):
//
//	[scan]
//	minConfidence = "low"
//
// It returns "" when the config does not set it.
func (s *session) minConfidenceSetting(src engine.Settings) (finding.Confidence, error) {
	var data []byte
	label := s.opts.ConfigPath
	if label != "" {
		var err error
		if data, err = os.ReadFile(label); err != nil {
			return "", fmt.Errorf("config: %w", err)
		}
	} else {
		for _, name := range engine.ConfigFileNames() {
			d, ok, err := src.Read(name)
			if err != nil {
				return "", fmt.Errorf("config: %w", err)
			}
			if ok {
				data, label = d, src.Label(name)
				break
			}
		}
	}
	if data == nil {
		return "", nil
	}
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(string(data))); err != nil {
		return "", fmt.Errorf("config %s: invalid TOML: %w", label, err)
	}
	if !v.IsSet("scan.minconfidence") {
		return "", nil
	}
	c, err := finding.ParseConfidence(v.GetString("scan.minconfidence"))
	if err != nil {
		return "", fmt.Errorf("config %s: [scan] minConfidence: %w", label, err)
	}
	return c, nil
}
