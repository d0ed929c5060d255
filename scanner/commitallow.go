package scanner

import (
	"github.com/zricethezav/gitleaks/v8/config"
)

// commitAllowed reports whether an allowlist naming commits drops f, as
// gitleaks drops it. The engine scans each blob change once, before the
// change is attributed to a commit, so its detector never sees a commit:
// allowlists with `commits` are applied here, once f.Commit is known, to
// the global allowlists and to those of f's rule.
func commitAllowed(cfg *config.Config, f *Finding) bool {
	if f.Commit == "" {
		return false
	}
	for _, a := range cfg.Allowlists {
		if allowsCommit(a, f) {
			return true
		}
	}
	if r, ok := cfg.Rules[f.RuleID]; ok {
		for _, a := range r.Allowlists {
			if allowsCommit(a, f) {
				return true
			}
		}
	}
	return false
}

func allowsCommit(a *config.Allowlist, f *Finding) bool {
	if a == nil || len(a.Commits) == 0 {
		return false
	}
	if ok, _ := a.CommitAllowed(f.Commit); !ok {
		return false
	}
	if a.MatchCondition != config.AllowlistMatchAnd {
		return true
	}
	// AND: every other check the allowlist has must pass too.
	if len(a.Paths) > 0 && !a.PathAllowed(f.File) {
		return false
	}
	if len(a.Regexes) > 0 {
		target := f.Secret
		switch a.RegexTarget {
		case "match":
			target = f.Match
		case "line":
			target = f.Line
		}
		if !a.RegexAllowed(target) {
			return false
		}
	}
	if len(a.StopWords) > 0 {
		if ok, _ := a.ContainsStopWord(f.Secret); !ok {
			return false
		}
	}
	return true
}
