package engine

import (
	"math"
	"slices"
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/rules"
	"github.com/secretsweep/secretsweep/rules/parse"
)

// LoginKey is the Finding.Extra key of what a credential-file parser's
// finding opens, when the file says: user@host, a database, a section.
const LoginKey = "login"

// parsers runs the credential-file parsers (rules/parse) beside the regex
// rules: on the files whose path a parser matches, whole, and only there.
// Their findings go through the config's global allowlists and the
// fixture markers, as rule findings do; .gitleaksignore and the baseline
// apply later, in the session.
type parsers struct {
	list   []parse.Parser
	allow  []*config.Allowlist // global allowlists, then the line markers
	hasher finding.Hasher
}

// newParsers returns the parsers for cfg: all of them when cfg holds
// secretsweep's own rules (the default config, or one that extends it),
// none for a config that replaces the rule set.
func newParsers(cfg config.Config, h finding.Hasher) *parsers {
	withOwn := false
	for _, r := range cfg.Rules {
		if slices.Contains(r.Tags, "secretsweep") {
			withOwn = true
			break
		}
	}
	if !withOwn {
		return nil
	}
	var list []parse.Parser
	for _, p := range parse.Registry() {
		if s, ok := p.(parse.Superseding); ok && s.Supersedes() {
			if _, ok := cfg.Rules[p.ID()]; !ok {
				continue // the config disables the rule, and so the parser
			}
		}
		list = append(list, p)
	}
	return &parsers{
		list:   list,
		allow:  append(slices.Clip(cfg.Allowlists), rules.MarkerAllowlist()),
		hasher: h,
	}
}

// matches reports whether a parser reads files at path.
func (ps *parsers) matches(path string) bool {
	if ps == nil {
		return false
	}
	for _, p := range ps.list {
		if !pathOnly(p) && p.Match(path) {
			return true
		}
	}
	return false
}

func pathOnly(p parse.Parser) bool {
	po, ok := p.(parse.PathOnly)
	return ok && po.PathOnly()
}

// scanPath returns the findings of the path-only parsers that match path,
// shaped as gitleaks shapes its path-only rules' findings.
func (ps *parsers) scanPath(path string) []finding.Finding {
	if ps == nil {
		return nil
	}
	var out []finding.Finding
	for _, p := range ps.list {
		if !pathOnly(p) || !p.Match(path) || ps.pathAllowed(Fragment{Path: path}) {
			continue
		}
		f := finding.Finding{
			RuleID:      p.ID(),
			Description: p.Description(),
			Match:       "file detected: " + path,
			File:        path,
			Tags:        []string{"secretsweep", "parser", parse.TagCredFile},
		}
		f.UpdateFingerprint()
		out = append(out, f)
	}
	return out
}

// scan returns the findings of the parsers that match frag's path, on the
// fragment's focused lines only.
func (ps *parsers) scan(frag Fragment, q int) []finding.Finding {
	if ps == nil {
		return nil
	}
	var out []finding.Finding
	var ix *lineIndex
	for _, p := range ps.list {
		if pathOnly(p) || !p.Match(frag.Path) || ps.pathAllowed(frag) {
			continue
		}
		if ix == nil {
			ix = newLineIndex(frag.Text)
		}
		for _, c := range parse.Run(p, frag.Path, []byte(frag.Text), frag.focused) {
			f := ps.finding(p, c, frag, ix, q)
			if !ps.allowed(frag, &f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// finding turns a candidate into a finding: Match is the candidate's line
// (cut to q bytes either side of the value on a long one), the columns
// those of the value as written.
func (ps *parsers) finding(p parse.Parser, c parse.Candidate, frag Fragment, ix *lineIndex, q int) finding.Finding {
	text := frag.Text
	ls := ix.lineStart(c.Line)
	le := ix.lineEnd(c.Line)
	sb := min(ls+c.Col, len(text))
	eb := min(sb+c.Len, le)
	qs, qe := quote(text, ls, sb, eb, q)
	line := strings.TrimSuffix(strings.Clone(text[qs:qe]), "\r")
	f := finding.Finding{
		RuleID:      c.RuleID,
		Description: p.Description(),
		StartLine:   frag.StartLine + c.Line,
		EndLine:     frag.StartLine + c.Line,
		StartColumn: sb - ls + 1,
		EndColumn:   max(eb-ls, sb-ls+1),
		Line:        line,
		Match:       line,
		Secret:      strings.Clone(c.Secret),
		File:        frag.Path,
		SymlinkFile: frag.SymlinkFile,
		Entropy:     entropy(c.Secret),
		Tags:        append([]string{"secretsweep", "parser"}, c.Tags...),
		SecretHash:  ps.hasher.Sum(c.Secret),
	}
	if c.Context != "" {
		f.Extra = map[string]string{LoginKey: c.Context}
	}
	SetCommit(&f, frag.Commit)
	return f
}

// pathAllowed applies the global allowlists that skip a whole file (by
// path or commit), as gitleaks does before running a rule.
func (ps *parsers) pathAllowed(frag Fragment) bool {
	sha := ""
	if frag.Commit != nil {
		sha = frag.Commit.SHA
	}
	for _, a := range ps.allow {
		commit, _ := a.CommitAllowed(sha)
		path := a.PathAllowed(frag.Path)
		if a.MatchCondition == config.AllowlistMatchAnd {
			if len(a.Regexes)+len(a.StopWords) > 0 || len(a.Commits)+len(a.Paths) == 0 {
				continue
			}
			if (len(a.Commits) == 0 || commit) && (len(a.Paths) == 0 || path) {
				return true
			}
		} else if commit || path {
			return true
		}
	}
	return false
}

// allowed applies the allowlists' checks of a finding (regexes on the
// secret, match or line, stop words), with gitleaks' AND and OR semantics.
func (ps *parsers) allowed(frag Fragment, f *finding.Finding) bool {
	for _, a := range ps.allow {
		target := f.Secret
		switch a.RegexTarget {
		case "match":
			target = f.Match
		case "line":
			target = f.Line
		}
		regex := a.RegexAllowed(target)
		stop, _ := a.ContainsStopWord(f.Secret)
		if a.MatchCondition != config.AllowlistMatchAnd {
			if regex || stop {
				return true
			}
			continue
		}
		commit := func() bool {
			sha := ""
			if frag.Commit != nil {
				sha = frag.Commit.SHA
			}
			c, _ := a.CommitAllowed(sha)
			return c
		}
		path := func() bool { return a.PathAllowed(frag.Path) }
		if len(a.Commits)+len(a.Paths)+len(a.Regexes)+len(a.StopWords) > 0 && allowedAnd(a, commit, path, regex, stop) {
			return true
		}
	}
	return false
}

// entropy is the Shannon entropy of s in bits per byte, as gitleaks
// reports it.
func entropy(s string) float32 {
	if s == "" {
		return 0
	}
	var n [256]int
	for i := 0; i < len(s); i++ {
		n[s[i]]++
	}
	h := 0.0
	l := float64(len(s))
	for _, c := range n {
		if c > 0 {
			p := float64(c) / l
			h -= p * math.Log2(p)
		}
	}
	return float32(h)
}

// isParsed reports whether f comes from a parser.
func isParsed(f *finding.Finding) bool { return slices.Contains(f.Tags, "parser") }

// mergeParsed makes one finding of a parser's finding and the rule
// findings of the same credential: a rule finding whose match covers the
// parser's value, or whose secret is the parser's on a line it spans. The
// parser knows the file, so it is the more specific: secretsweep's own
// rules give way to it. A gitleaks finding stays (every finding gitleaks
// reports is reported), and the parser's finding gives way to it, handing
// it its tags (credfile: the judgement that every password in the file is
// a credential).
func mergeParsed(fs []finding.Finding) []finding.Finding {
	var parsed []int
	for i := range fs {
		if isParsed(&fs[i]) {
			parsed = append(parsed, i)
		}
	}
	if len(parsed) == 0 || len(parsed) == len(fs) {
		return fs
	}
	byLine := map[int][]int{} // rule findings by the lines they span
	for i := range fs {
		if f := &fs[i]; !isParsed(f) {
			for l := f.StartLine; l <= min(max(f.EndLine, f.StartLine), f.StartLine+maxWindowNewlines); l++ {
				byLine[l] = append(byLine[l], i)
			}
		}
	}
	drop := make([]bool, len(fs))
	for _, i := range parsed {
		p := &fs[i]
		for _, j := range byLine[p.StartLine] {
			o := &fs[j]
			if drop[j] || !sameCredential(p, o) {
				continue
			}
			if own(o) {
				drop[j] = true
				continue
			}
			if !drop[i] { // the first gitleaks finding takes the tags
				for _, t := range p.Tags {
					if t != "secretsweep" && t != "parser" && !slices.Contains(o.Tags, t) {
						o.Tags = append(o.Tags, t)
					}
				}
				drop[i] = true
			}
		}
	}
	out := fs[:0]
	for i := range fs {
		if !drop[i] {
			out = append(out, fs[i])
		}
	}
	return out
}

// sameCredential reports whether rule finding o, which spans parser
// finding p's line, reports p's credential: the same secret, or a match
// over p's value.
func sameCredential(p, o *finding.Finding) bool {
	if o.Secret == p.Secret {
		return true
	}
	after := p.StartLine > o.StartLine || p.EndColumn >= o.StartColumn
	before := p.StartLine < o.EndLine || p.StartColumn <= o.EndColumn
	return after && before
}
