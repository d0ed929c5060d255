package engine

import (
	"context"
	"math"
	"slices"
	"strings"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/detect/codec"
	"github.com/zricethezav/gitleaks/v8/report"
)

// matcher does what gitleaks' detector does for rules that have a regex
// and neither require nor are required by other rules, nor skip reports,
// but runs each rule's regex with RE2 (re2.go), compiled on the rule's
// first keyword hit, in every build. With Go's regexp (gitleaks' default
// build) the same scan is three times slower. The detector's steps,
// reproduced in order (gitleaks v8.30.1 detect/detect.go):
//   - skip the config's own path; skip a fragment whose path or commit a
//     global allowlist admits (OR, or AND without regexes or stop words);
//   - per decoding pass (codec: depth 0 is the raw text), per rule without
//     keywords or whose keyword occurs in the lower-cased text: the rule's
//     path and commit allowlists, its path filter, then for every match:
//     trim newlines, map a decoded match back to the raw text, locate it
//     (detect/location.go), skip lines holding "gitleaks:allow", take the
//     secret group (or the first non-empty group), check entropy, then the
//     global and the rule's allowlists on their target (secret, match or
//     line) with their condition;
//   - drop generic findings that another rule's finding on the line holds
//     (detect/utils.go filter).
//
// matcher_test.go checks it against gitleaks' detector.
type matcher struct {
	depth  int // MaxDecodeDepth
	cfg    config.Config
	rules  []matchRule
	trie   *ahocorasick.Trie
	nkw    int
	allow  *allowlists // allow.go
	global []*allowlist
}

type matchRule struct {
	config.Rule
	re    *lazyRE
	kws   []int // indices of the rule's keywords in the trie
	allow []*allowlist
}

// newMatcher builds a matcher for cfg's rules, decoding depth times
// (matchable says which rules it can run).
func newMatcher(cfg config.Config, depth int) *matcher {
	m := &matcher{depth: depth, cfg: cfg, allow: &allowlists{byPtr: map[*config.Allowlist]*allowlist{}, cache: map[string][]bool{}}}
	m.global = m.allow.wrap(cfg.Allowlists)
	index := map[string]int{}
	for _, id := range cfg.OrderedRules {
		r := cfg.Rules[id]
		mr := matchRule{Rule: r, re: newLazyRE(r.Regex.String()), allow: m.allow.wrap(r.Allowlists)}
		for _, k := range r.Keywords {
			k = strings.ToLower(k)
			i, ok := index[k]
			if !ok {
				i = len(index)
				index[k] = i
			}
			mr.kws = append(mr.kws, i)
		}
		m.rules = append(m.rules, mr)
	}
	kws := make([]string, len(index))
	for k, i := range index {
		kws[i] = k
	}
	m.nkw = len(kws)
	m.trie = ahocorasick.NewTrieBuilder().AddStrings(kws).Build()
	return m
}

// DetectContext finds the rules' secrets in f, as gitleaks' detector does.
func (m *matcher) DetectContext(ctx context.Context, f detect.Fragment) []report.Finding {
	if f.FilePath != "" && f.FilePath == m.cfg.Path {
		return nil
	}
	paths := m.allow.verdicts(f.FilePath)
	if commitOrPathAllowed(f, paths, m.global) {
		return nil
	}
	var (
		found    []report.Finding
		nl       []int
		raw      = f.Raw
		segments []*codec.EncodedSegment
		decoder  *codec.Decoder
		hit      = make([]bool, m.nkw)
	)
	for depth := 0; ; depth++ {
		clear(hit)
		m.trie.Walk([]byte(strings.ToLower(raw)), func(_, _, p int64) bool {
			hit[p] = true
			return true
		})
		for i := range m.rules {
			if ctx.Err() != nil {
				return filterGeneric(found)
			}
			r := &m.rules[i]
			run := len(r.kws) == 0
			for _, k := range r.kws {
				run = run || hit[k]
			}
			if run {
				found = append(found, m.detectRule(f, raw, r, segments, paths, &nl)...)
			}
		}
		if depth+1 > m.depth {
			break
		}
		if decoder == nil {
			decoder = codec.NewDecoder()
		}
		if raw, segments = decoder.Decode(raw, segments); len(segments) == 0 {
			break
		}
	}
	return filterGeneric(found)
}

// detectRule is gitleaks' detectRule for one rule over raw, the text of f
// after the decoding passes that found segments.
func (m *matcher) detectRule(f detect.Fragment, raw string, r *matchRule, segments []*codec.EncodedSegment, paths []bool, nl *[]int) []report.Finding {
	if commitOrPathAllowed(f, paths, r.allow) {
		return nil
	}
	if r.Path != nil && !r.Path.MatchString(f.FilePath) {
		return nil
	}
	re := r.re.get()
	var matches [][]int
	if re != nil {
		matches = re.FindAllStringIndex(raw, -1)
	} else {
		matches = r.Regex.FindAllStringIndex(raw, -1)
	}
	if len(matches) == 0 {
		return nil
	}
	if *nl == nil {
		*nl = newlineOffsets(f.Raw)
	}
	var (
		found  []report.Finding
		memo   lineMemo
		marked = [2]int{-1, -1} // the lines whose gitleaks:allow verdict is markOK
		markOK bool
		subs   map[string][]string // a match's submatches: dense lines repeat matches
	)
	for _, mi := range matches {
		secret := strings.Trim(raw[mi[0]:mi[1]], "\n")
		var (
			meta []string
			line string
		)
		if len(segments) > 0 {
			segs := codec.SegmentsWithDecodedOverlap(segments, mi[0], mi[1])
			if len(segs) == 0 {
				continue // reported by an earlier pass
			}
			mi = codec.AdjustMatchIndex(segs, mi)
			meta = append(meta, codec.Tags(segs)...)
			line = codec.CurrentLine(segs, raw)
		} else {
			mi[1] = mi[0] + len(secret)
		}
		loc := locate(*nl, f.Raw, mi[0], mi[1])
		if mi[1] > loc.endLineIndex {
			loc.endLineIndex = mi[1]
		}
		g := report.Finding{
			Commit:      f.CommitSHA,
			RuleID:      r.RuleID,
			Description: r.Description,
			StartLine:   f.StartLine + loc.startLine,
			EndLine:     f.StartLine + loc.endLine,
			StartColumn: loc.startColumn,
			EndColumn:   loc.endColumn,
			Line:        f.Raw[loc.startLineIndex:loc.endLineIndex],
			Match:       secret,
			Secret:      secret,
			File:        f.FilePath,
			SymlinkFile: f.SymlinkFile,
			Tags:        r.Tags,
		}
		if len(meta) > 0 {
			// gitleaks appends to the rule's slice, which concurrent
			// scans share: a new slice, the same tags.
			g.Tags = slices.Concat(r.Tags, meta)
		}
		if span := [2]int{loc.startLineIndex, loc.endLineIndex}; span != marked {
			marked, markOK = span, strings.Contains(g.Line, "gitleaks:allow")
		}
		if markOK {
			continue
		}
		groups, ok := subs[g.Secret]
		if !ok {
			if re != nil {
				groups = re.FindStringSubmatch(g.Secret)
			} else {
				groups = r.Regex.FindStringSubmatch(g.Secret)
			}
			if subs == nil || len(subs) >= maxMemoMatches {
				subs = make(map[string][]string)
			}
			subs[g.Secret] = groups
		}
		if len(groups) >= 2 {
			if r.SecretGroup > 0 {
				if len(groups) <= r.SecretGroup {
					continue
				}
				g.Secret = groups[r.SecretGroup]
			} else {
				for _, s := range groups[1:] {
					if len(s) > 0 {
						g.Secret = s
						break
					}
				}
			}
		}
		entropy := shannonEntropy(g.Secret)
		g.Entropy = float32(entropy)
		if r.Entropy != 0 && entropy <= r.Entropy {
			continue
		}
		if line == "" {
			line = g.Line
		}
		if findingAllowed(&g, f, line, paths, m.global, &memo) || findingAllowed(&g, f, line, paths, r.allow, &memo) {
			continue
		}
		found = append(found, g)
	}
	return found
}

// maxMemoMatches bounds the submatches a rule remembers in one fragment.
const maxMemoMatches = 1 << 12

// filterGeneric is gitleaks' filter: a generic finding gives way to
// another, non-generic rule's finding on its line that contains its secret.
func filterGeneric(fs []report.Finding) []report.Finding {
	type at struct {
		line   int
		commit string
	}
	// Non-generic findings by line: a line dense with generic candidates
	// would otherwise compare every pair.
	var others map[at][]int
	for i := range fs {
		if !isGeneric(fs[i].RuleID) {
			if others == nil {
				others = make(map[at][]int)
			}
			k := at{fs[i].StartLine, fs[i].Commit}
			others[k] = append(others[k], i)
		}
	}
	var out []report.Finding
	for i := range fs {
		f := &fs[i]
		keep := true
		if isGeneric(f.RuleID) {
			for _, j := range others[at{f.StartLine, f.Commit}] {
				o := &fs[j]
				if f.RuleID != o.RuleID && strings.Contains(o.Secret, f.Secret) {
					keep = false
					break
				}
			}
		}
		if keep {
			out = append(out, *f)
		}
	}
	return out
}

// shannonEntropy is the Shannon entropy of s's runes, in bits.
func shannonEntropy(s string) float64 {
	if s == "" {
		return 0
	}
	counts := map[rune]int{}
	for _, c := range s {
		counts[c]++
	}
	inv := 1.0 / float64(len(s))
	e := 0.0
	for _, n := range counts {
		p := float64(n) * inv
		e -= p * math.Log2(p)
	}
	return e
}
