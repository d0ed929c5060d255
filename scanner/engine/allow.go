package engine

import (
	"strings"
	"sync"
	"unsafe"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"
)

// allowlist is a gitleaks allowlist whose regexes and paths RE2 runs, as
// the alternations gitleaks matches them with once validated.
type allowlist struct {
	*config.Allowlist
	regex, path *lazyRE // nil: the allowlist has none
	slot        int     // its path verdict in pathVerdicts; -1: no paths
}

func (a *allowlist) regexAllowed(s string) bool {
	if a.regex == nil || s == "" {
		return false
	}
	if re := a.regex.get(); re != nil {
		return re.MatchString(s)
	}
	return a.RegexAllowed(s)
}

func (a *allowlist) pathAllowed(path string) bool {
	if re := a.path.get(); re != nil {
		return re.MatchString(path)
	}
	return a.PathAllowed(path)
}

// maxCachedPaths bounds the path verdict cache of a long-lived engine.
const maxCachedPaths = 1 << 16

// allowlists wraps gitleaks allowlists, one wrapper per allowlist, and
// caches which of them admit a path: every piece of a file and every rule
// its keywords trigger asks again.
type allowlists struct {
	byPtr map[*config.Allowlist]*allowlist
	paths []*allowlist // those with paths, by slot
	mu    sync.RWMutex
	cache map[string][]bool
}

func (s *allowlists) wrap(as []*config.Allowlist) []*allowlist {
	var out []*allowlist
	for _, a := range as {
		w, ok := s.byPtr[a]
		if !ok {
			_ = a.Validate() // idempotent; joins the patterns as gitleaks matches them
			w = &allowlist{Allowlist: a, slot: -1}
			if len(a.Regexes) > 0 {
				w.regex = newLazyRE(joinOr(a.Regexes))
			}
			if len(a.Paths) > 0 {
				w.path = newLazyRE(joinOr(a.Paths))
				w.slot = len(s.paths)
				s.paths = append(s.paths, w)
			}
			s.byPtr[a] = w
		}
		out = append(out, w)
	}
	return out
}

// verdicts returns, per slot, whether that allowlist's paths admit path.
func (s *allowlists) verdicts(path string) []bool {
	if path == "" || len(s.paths) == 0 {
		return nil
	}
	s.mu.RLock()
	v, ok := s.cache[path]
	s.mu.RUnlock()
	if ok {
		return v
	}
	v = make([]bool, len(s.paths))
	for i, a := range s.paths {
		v[i] = a.pathAllowed(path)
	}
	s.mu.Lock()
	if len(s.cache) >= maxCachedPaths {
		clear(s.cache)
	}
	s.cache[strings.Clone(path)] = v
	s.mu.Unlock()
	return v
}

// commitOrPathAllowed is gitleaks' checkCommitOrPathAllowed; paths holds
// the fragment's path verdicts.
func commitOrPathAllowed(f detect.Fragment, paths []bool, as []*allowlist) bool {
	if f.FilePath == "" && f.CommitSHA == "" {
		return false
	}
	for _, a := range as {
		commit, _ := a.CommitAllowed(f.CommitSHA)
		path := a.slot >= 0 && paths != nil && paths[a.slot]
		if a.MatchCondition != config.AllowlistMatchAnd {
			if commit || path {
				return true
			}
			continue
		}
		if len(a.Regexes) > 0 || len(a.StopWords) > 0 {
			continue // checked on each finding
		}
		if (len(a.Commits) == 0 || commit) && (len(a.Paths) == 0 || path) {
			return true
		}
	}
	return false
}

// findingAllowed is gitleaks' checkFindingAllowed; line is the allowlists'
// "line" target (the decoded line for a decoded match).
func findingAllowed(g *report.Finding, f detect.Fragment, line string, paths []bool, as []*allowlist, memo *lineMemo) bool {
	for _, a := range as {
		var regex bool
		switch a.RegexTarget {
		case "match":
			regex = a.regexAllowed(g.Match)
		case "line":
			regex = memo.regexAllowed(a, line)
		default:
			regex = a.regexAllowed(g.Secret)
		}
		stop, _ := a.ContainsStopWord(g.Secret)
		if a.MatchCondition != config.AllowlistMatchAnd {
			if regex || stop {
				return true
			}
			continue
		}
		commit := func() bool { c, _ := a.CommitAllowed(f.CommitSHA); return c }
		path := func() bool { return a.slot >= 0 && paths != nil && paths[a.slot] }
		if allowedAnd(a.Allowlist, commit, path, regex, stop) {
			return true
		}
	}
	return false
}

// allowedAnd is gitleaks' verdict of an allowlist with condition AND:
// every kind of check it has (commits, paths, regexes, stop words) must
// pass. The matcher and the parsers both use it.
func allowedAnd(a *config.Allowlist, commit, path func() bool, regex, stop bool) bool {
	return (len(a.Commits) == 0 || commit()) && (len(a.Paths) == 0 || path()) &&
		(len(a.Regexes) == 0 || regex) && (len(a.StopWords) == 0 || stop)
}

// lineMemo keeps the verdicts of line allowlists on the last line a rule's
// candidates sat on. A line dense with candidates (a minified file, a
// generated config on one line) is then searched once per allowlist, not
// once per candidate, which made such lines take seconds per megabyte.
// Lines are the same when they are the same substring of the fragment.
type lineMemo struct {
	p        *byte
	n        int
	verdicts map[*allowlist]bool
}

// regexAllowed is a.regexAllowed(line), remembered for line.
func (m *lineMemo) regexAllowed(a *allowlist, line string) bool {
	if m == nil || len(line) < minMemoLine {
		return a.regexAllowed(line)
	}
	if p := unsafe.StringData(line); p != m.p || len(line) != m.n || m.verdicts == nil {
		m.p, m.n = p, len(line)
		if m.verdicts == nil {
			m.verdicts = make(map[*allowlist]bool, 4)
		} else {
			clear(m.verdicts)
		}
	}
	v, ok := m.verdicts[a]
	if !ok {
		v = a.regexAllowed(line)
		m.verdicts[a] = v
	}
	return v
}

// minMemoLine is the shortest line whose verdicts are remembered: shorter
// ones cost less to search again than to look up.
const minMemoLine = 256
