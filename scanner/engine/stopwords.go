package engine

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// gitleaks' generic-api-key rule allowlists secrets that contain any of
// 1,446 stop words, and gitleaks builds an Aho-Corasick trie of them at
// 2 KiB per state: 8.7 MB, 40% of the scanner's live heap after start-up.
// The stop words are only consulted for the few candidate secrets that get
// that far, so a trie buys nothing. For generic rules, stop words in an
// allowlist whose checks are OR-ed are therefore moved to an allowlist of
// their own that is never validated (gitleaks then falls back to
// strings.Contains, with the same result), and the engine takes those out
// of its detectors and checks them itself with the small index below.
//
// Only generic rules qualify: gitleaks' filter drops a generic finding in
// favour of a specific one, never the reverse, so checking a generic
// finding's stop words after that filter instead of before it changes
// nothing.

// lazyStopWords rewrites cfg's generic rules as described above.
func lazyStopWords(cfg *config.Config) error {
	for id, r := range cfg.Rules {
		if !isGeneric(id) {
			continue
		}
		var out []*config.Allowlist
		changed := false
		for _, a := range r.Allowlists {
			if a.MatchCondition != config.AllowlistMatchOr || len(a.StopWords) == 0 || stopWordsOnly(a) {
				out = append(out, a)
				continue
			}
			changed = true
			if len(a.Commits)+len(a.Paths)+len(a.Regexes) > 0 {
				rest := &config.Allowlist{
					Description:    a.Description,
					MatchCondition: a.MatchCondition,
					Commits:        a.Commits,
					Paths:          a.Paths,
					RegexTarget:    a.RegexTarget,
					Regexes:        a.Regexes,
				}
				if err := rest.Validate(); err != nil {
					return err
				}
				out = append(out, rest)
			}
			// Not validated: no trie. Validate lower-cased and deduplicated
			// the words already.
			out = append(out, &config.Allowlist{
				Description:    a.Description,
				MatchCondition: config.AllowlistMatchOr,
				StopWords:      a.StopWords,
			})
		}
		if changed {
			r.Allowlists = out
			cfg.Rules[id] = r
		}
	}
	return nil
}

// stopWordsOnly reports whether a checks nothing but stop words.
func stopWordsOnly(a *config.Allowlist) bool {
	return len(a.StopWords) > 0 && len(a.Commits)+len(a.Paths)+len(a.Regexes) == 0
}

// takeStopWords removes the stop-word-only allowlists of generic rules that
// take part in no composite rule from cfg's rules and returns their words
// by rule ID, for the engine to check after detection.
func takeStopWords(cfg config.Config, required map[string]bool) (config.Config, map[string]*stopWords) {
	out := cfg
	out.Rules = make(map[string]config.Rule, len(cfg.Rules))
	taken := map[string]*stopWords{}
	for id, r := range cfg.Rules {
		if isGeneric(id) && len(r.RequiredRules) == 0 && !required[id] {
			var keep []*config.Allowlist
			for _, a := range r.Allowlists {
				if a.MatchCondition == config.AllowlistMatchOr && stopWordsOnly(a) {
					if taken[id] == nil {
						taken[id] = &stopWords{by3: map[string][]string{}}
					}
					taken[id].add(a.StopWords)
					continue
				}
				keep = append(keep, a)
			}
			r.Allowlists = keep
		}
		out.Rules[id] = r
	}
	return out, taken
}

// stopWords tells whether a secret contains one of a set of lower-case
// words, looking words up by the three bytes they start with.
type stopWords struct {
	short []string            // words of fewer than three bytes
	by3   map[string][]string // the other words by their first three bytes
}

func (s *stopWords) add(words []string) {
	for _, w := range words {
		w = strings.ToLower(w)
		if len(w) < 3 {
			s.short = append(s.short, w)
			continue
		}
		s.by3[w[:3]] = append(s.by3[w[:3]], w)
	}
}

// in reports whether secret, lower-cased as gitleaks does, contains a word.
func (s *stopWords) in(secret string) bool {
	if s == nil || secret == "" {
		return false
	}
	l := strings.ToLower(secret)
	for _, w := range s.short {
		if strings.Contains(l, w) {
			return true
		}
	}
	for i := 0; i+3 <= len(l); i++ {
		for _, w := range s.by3[l[i:i+3]] {
			if strings.HasPrefix(l[i:], w) {
				return true
			}
		}
	}
	return false
}
