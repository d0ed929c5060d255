package engine

import (
	"slices"
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

func ruleIDs(cfg config.Config) []string {
	ids := make([]string, 0, len(cfg.Rules))
	for id := range cfg.Rules {
		ids = append(ids, id)
	}
	return ids
}

func ruleIDsOf(cfgs ...config.Config) []string {
	var ids []string
	for _, c := range cfgs {
		ids = append(ids, ruleIDs(c)...)
	}
	return ids
}

// splitConfig divides the rules into window groups (by newline span), a
// whole-fragment set and a path-only set; spans holds each content rule's
// maxNewlines.
func splitConfig(cfg config.Config) (groups []config.Config, full, paths config.Config, spans map[string]int) {
	var fullIDs, pathIDs []string
	spans = map[string]int{}
	// Each span bound has two groups, gitleaks' rules and secretsweep's:
	// gitleaks drops a generic finding when another rule in the same call
	// reports the secret, and our rules must not hide gitleaks' findings.
	groupIDs := make([][]string, 2*len(windowGroupBounds))
	required := requiredRules(cfg)
	for id, r := range cfg.Rules {
		if r.Regex == nil {
			pathIDs = append(pathIDs, id)
			continue
		}
		k := maxNewlines(r.Regex.String())
		spans[id] = k
		if len(r.Keywords) == 0 || len(r.RequiredRules) > 0 || required[id] ||
			r.SkipReport || k < 0 || k > maxWindowNewlines {
			fullIDs = append(fullIDs, id)
			continue
		}
		for g, bound := range windowGroupBounds {
			if k <= bound {
				if slices.Contains(r.Tags, "secretsweep") {
					g += len(windowGroupBounds)
				}
				groupIDs[g] = append(groupIDs[g], id)
				break
			}
		}
	}
	for _, ids := range groupIDs {
		groups = append(groups, subset(cfg, ids))
	}
	return groups, subset(cfg, fullIDs), subset(cfg, pathIDs), spans
}

// requiredRules returns the IDs of the rules other rules require.
func requiredRules(cfg config.Config) map[string]bool {
	required := map[string]bool{}
	for _, r := range cfg.Rules {
		for _, rr := range r.RequiredRules {
			required[rr.RuleID] = true
		}
	}
	return required
}

func subset(cfg config.Config, ids []string) config.Config {
	out := cfg
	out.Rules = map[string]config.Rule{}
	out.Keywords = map[string]struct{}{}
	out.OrderedRules = nil
	for _, id := range ids {
		r := cfg.Rules[id]
		out.Rules[id] = r
		out.OrderedRules = append(out.OrderedRules, id)
		for _, k := range r.Keywords {
			out.Keywords[strings.ToLower(k)] = struct{}{}
		}
	}
	return out
}

// pathAllows reports whether any of the rules' path filters (nil: any path)
// admits path, so whole-fragment rules restricted to, say, YAML files are
// not run on every file that mentions their keyword.
func pathAllows(filters []*regexp.Regexp, path string) bool {
	for _, re := range filters {
		if re == nil || re.MatchString(path) {
			return true
		}
	}
	return false
}
