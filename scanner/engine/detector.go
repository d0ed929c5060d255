package engine

import (
	"context"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"
)

// detector finds secrets in one piece of text, as one call of gitleaks'
// detector over a config's rules does.
type detector interface {
	DetectContext(ctx context.Context, f detect.Fragment) []report.Finding
}

// newDetector returns a detector for cfg's rules: the matcher (RE2) for
// the rules it can run, gitleaks' detector for the others (composite rules
// and the rules they require, rules that skip reports).
func newDetector(cfg config.Config, opts Options) detector {
	var ours, theirs []string
	required := requiredRules(cfg)
	for _, id := range cfg.OrderedRules {
		if matchable(cfg.Rules[id], required[id]) {
			ours = append(ours, id)
		} else {
			theirs = append(theirs, id)
		}
	}
	switch {
	case len(theirs) == 0:
		return newMatcher(cfg, opts.MaxDecodeDepth)
	case len(ours) == 0:
		return newGitleaks(cfg, opts)
	}
	return both{newMatcher(subset(cfg, ours), opts.MaxDecodeDepth), newGitleaks(subset(cfg, theirs), opts)}
}

// matchable reports whether the matcher can run rule r.
// (required: another rule requires it).
func matchable(r config.Rule, required bool) bool {
	return r.Regex != nil && len(r.RequiredRules) == 0 && !required && !r.SkipReport
}

func newGitleaks(cfg config.Config, opts Options) *detect.Detector {
	d := detect.NewDetector(cfg)
	d.MaxDecodeDepth = opts.MaxDecodeDepth
	return d
}

// both runs the matcher and gitleaks' detector over a config's two parts
// as one call: gitleaks' generic filter applies across both.
type both struct {
	m *matcher
	d *detect.Detector
}

func (b both) DetectContext(ctx context.Context, f detect.Fragment) []report.Finding {
	return filterGeneric(append(b.m.DetectContext(ctx, f), b.d.DetectContext(ctx, f)...))
}
