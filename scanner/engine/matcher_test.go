package engine

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/rules"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"
)

// TestMatcherMatchesGitleaksDetector is the parity check of the matcher:
// for every rule set the engine builds from the default config (the window
// groups and the whole-fragment rules without decoding, all content rules
// decoding five times), the matcher and gitleaks' detector over the same
// rules give identical findings (every field the engine reads) on the
// accuracy corpus, every sample of rules/, a text generated from every
// rule's regex (gitleaks' rules have no reachable samples) in random
// context, all of these encoded (base64, hex, percent, unicode escapes),
// and crafted edge cases; under several paths, with and without a commit.
func TestMatcherMatchesGitleaksDetector(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ = takeStopWords(cfg, requiredRules(cfg))
	groups, full, _, _ := splitConfig(cfg)
	content := subset(cfg, append(ruleIDsOf(groups...), ruleIDs(full)...))
	sets := []struct {
		cfg   config.Config
		depth int
	}{{full, 0}, {content, 5}}
	for _, gc := range groups {
		sets = append(sets, struct {
			cfg   config.Config
			depth int
		}{gc, 0})
	}
	texts := parityCorpus(t, cfg)
	paths := []string{"app/config.py", "deploy/values.yaml", ".env", ""}
	ctx := context.Background()
	total, rulesFound := 0, map[string]bool{}
	for g, set := range sets {
		if len(set.cfg.Rules) == 0 {
			continue
		}
		m, d := newMatcher(set.cfg, set.depth), newGitleaks(set.cfg, Options{MaxDecodeDepth: set.depth})
		for name, text := range texts {
			for i, path := range paths {
				// Decoding with Go's regexp is slow: encoded texts and
				// two paths only.
				if set.depth > 0 && (i%2 == 1 || !strings.Contains(name, "encoded")) {
					continue
				}
				f := detect.Fragment{Raw: text, FilePath: path, StartLine: 1 + i*7}
				if i%2 == 1 {
					f.CommitSHA = "0123456789abcdef0123456789abcdef01234567"
				}
				got, want := reportKeys(m.DetectContext(ctx, f)), reportKeys(d.DetectContext(ctx, f))
				if !slices.Equal(got, want) {
					t.Errorf("group %d, %s, path %q:\nmatcher  %v\ngitleaks %v", g, name, path, got, want)
				}
				total += len(want)
				for _, k := range want {
					rulesFound[strings.SplitN(k, "|", 2)[0]] = true
				}
			}
		}
	}
	// Not a vacuous comparison: most rules of the config find something.
	if total < 1000 || len(rulesFound) < len(cfg.Rules)/2 {
		t.Fatalf("only %d findings of %d rules (of %d) compared", total, len(rulesFound), len(cfg.Rules))
	}
	t.Logf("%d texts, %d findings of %d rules compared", len(texts), total, len(rulesFound))
}

// reportKeys renders every field of gitleaks findings the engine reads.
func reportKeys(fs []report.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s|%d:%d-%d:%d|%q|%q|%q|%.5f|%v|%s|%s", f.RuleID, f.StartLine, f.StartColumn,
			f.EndLine, f.EndColumn, f.Line, f.Match, f.Secret, f.Entropy, f.Tags, f.File, f.Commit))
	}
	slices.Sort(out)
	return out
}

// parityCorpus returns texts named by origin.
func parityCorpus(t *testing.T, cfg config.Config) map[string]string {
	t.Helper()
	texts := map[string]string{
		"no newline":      "api_key=" + fakeGitHubPAT,
		"leading newline": "\n\ntoken = \"" + fakeSlackBot + "\"",
		"allow signature": "password = \"" + fakeToken(1) + "\" # gitleaks:allow\nsecret=" + fakeToken(2) + "\n",
		"crlf":            "a\r\napi_key = \"" + fakeSlackBot + "\"\r\naws_key=" + fakeAWSKeyID + "\r\n",
		"same line":       "t1=" + fakeGitHubPAT + " t2=" + fakeAWSKeyID + " key=" + fakeToken(3) + "\n",
		"unicode":         "ключ 日本 password=\"FAKEpw12345678\" Ｋey=" + fakeToken(4) + "\n",
		// Long lines dense with the same candidates, some marked: the
		// matcher remembers line verdicts and submatches per line.
		"dense lines": denseLines(),
	}
	root := filepath.Join("..", "..", "testdata", "accuracy")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(p); err == nil && bytes.IndexByte(b[:min(len(b), 8000)], 0) < 0 {
				texts[p] = string(b)
			}
		}
		return nil
	})
	if len(texts) < 20 {
		t.Fatalf("accuracy corpus not found under %s", root)
	}
	rnd := rand.New(rand.NewPCG(17, 4))
	for _, r := range rules.Registry() {
		id := r.Rule().RuleID
		for i, s := range r.TruePositives() {
			texts[fmt.Sprintf("%s tp %d", id, i)] = inContext(rnd, s)
		}
		for i, s := range r.FalsePositives() {
			texts[fmt.Sprintf("%s fp %d", id, i)] = inContext(rnd, s)
		}
	}
	for id, r := range cfg.Rules {
		if r.Regex == nil {
			continue
		}
		re, err := syntax.Parse(r.Regex.String(), syntax.Perl)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		for i := 0; i < 3; i++ {
			var b strings.Builder
			generate(rnd, re, &b)
			kw := ""
			if len(r.Keywords) > 0 {
				kw = r.Keywords[rnd.IntN(len(r.Keywords))] + " "
			}
			texts[fmt.Sprintf("%s generated %d", id, i)] = inContext(rnd, kw+b.String())
		}
	}
	// Encoded copies of some samples, for the decoding passes.
	encoders := []func(string) string{b64, func(s string) string { return hex.EncodeToString([]byte(s)) }, percentEncode, unicodeEscape, func(s string) string { return b64(b64(s)) }}
	n := 0
	for _, name := range slices.Sorted(maps.Keys(texts)) {
		if n++; n%3 == 0 && !strings.Contains(name, "/") {
			i := n / 3 % len(encoders)
			texts[fmt.Sprintf("%s encoded %d", name, i)] = inContext(rnd, "data: "+encoders[i](strings.TrimSpace(texts[name])))
		}
	}
	return texts
}

// denseLines is long lines that repeat the same assignments, with and
// without the markers that allowlist a whole line, next to each other.
func denseLines() string {
	unit := `db_password = "zorkQuux4711"; mysql://app:zorkBlorb9@db.local/x secret='` + fakeToken(5) + `'; `
	dense := strings.Repeat(unit, 12)
	return dense + "\n" + dense + " # gitleaks:allow\n" + dense + "\n" + dense + " // secretsweep:allow\n" +
		dense + "\n" + "token = \"" + fakeToken(6) + "\" " + dense + "\n"
}

func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

func unicodeEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "\\u%04x", r)
	}
	return b.String()
}

// inContext puts s among random lines, sometimes on a line of its own,
// sometimes after other text, with or without a final newline.
func inContext(rnd *rand.Rand, s string) string {
	words := []string{"x := 1", "# comment", "  return nil", "\tkey: value", "foo(bar)", "", "}"}
	var b strings.Builder
	for range rnd.IntN(4) {
		b.WriteString(words[rnd.IntN(len(words))] + "\n")
	}
	if rnd.IntN(2) == 0 {
		b.WriteString(words[rnd.IntN(len(words))] + " ")
	}
	b.WriteString(s)
	for range rnd.IntN(3) {
		b.WriteString("\n" + words[rnd.IntN(len(words))])
	}
	if rnd.IntN(2) == 0 {
		b.WriteString("\n")
	}
	return b.String()
}

// generate writes a random string that (anchors and word boundaries
// aside) matches re: small repetition counts, letters and digits preferred
// within character classes.
func generate(rnd *rand.Rand, re *syntax.Regexp, b *strings.Builder) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && rnd.IntN(2) == 0 {
				r = []rune(strings.ToUpper(string(r)))[0]
			}
			b.WriteRune(r)
		}
	case syntax.OpCharClass:
		b.WriteRune(pickRune(rnd, re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte("abcXYZ019_-="[rnd.IntN(12)])
	case syntax.OpCapture:
		generate(rnd, re.Sub[0], b)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			generate(rnd, s, b)
		}
	case syntax.OpAlternate:
		generate(rnd, re.Sub[rnd.IntN(len(re.Sub))], b)
	case syntax.OpQuest, syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		lo, hi := 0, 3
		switch re.Op {
		case syntax.OpQuest:
			hi = 1
		case syntax.OpPlus:
			lo = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 || hi > lo+8 {
				hi = lo + rnd.IntN(9)
			}
		}
		for range lo + rnd.IntN(hi-lo+1) {
			generate(rnd, re.Sub[0], b)
		}
	}
}

// pickRune picks a rune of a class (ranges lo-hi), an ASCII letter or digit
// when the class has one.
func pickRune(rnd *rand.Rand, ranges []rune) rune {
	var ascii []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1] && r < 128; r++ {
			if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				ascii = append(ascii, r)
			}
		}
	}
	if len(ascii) > 0 {
		return ascii[rnd.IntN(len(ascii))]
	}
	if len(ranges) == 0 {
		return 'x'
	}
	i := rnd.IntN(len(ranges)/2) * 2
	return ranges[i] + rune(rnd.IntN(int(min(ranges[i+1]-ranges[i], 64))+1))
}

// TestRulesCompileOnFirstKeywordHit checks what keeps start-up fast: a new
// engine has compiled no RE2 regex, and a scan compiles only the rules
// whose keywords it met.
func TestRulesCompileOnFirstKeywordHit(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	e := New(cfg, Options{MaxDecodeDepth: 5}).(*gitleaksEngine)
	compiled := func() (n int, ids []string) {
		for _, d := range append(append([]detector{e.full}, e.groups...), e.decoders...) {
			m, ok := d.(*matcher)
			if !ok {
				t.Fatalf("detector %T, want *matcher for the default config", d)
			}
			for i := range m.rules {
				if r := &m.rules[i]; r.re.re != nil {
					n++
					ids = append(ids, r.RuleID)
				}
			}
		}
		return n, ids
	}
	if n, ids := compiled(); n != 0 {
		t.Fatalf("new engine compiled %d regexes: %v", n, ids)
	}
	e.Scan(context.Background(), Fragment{Path: "a.go", Text: "x := 1\n// nothing to see\n", StartLine: 1})
	if n, ids := compiled(); n != 0 {
		t.Fatalf("a text without keywords compiled %d regexes: %v", n, ids)
	}
	e.Scan(context.Background(), Fragment{Path: "a.go", Text: "gh := \"" + fakeGitHubPAT + "\"\n", StartLine: 1})
	n, ids := compiled()
	if n == 0 || !slices.Contains(ids, "github-pat") {
		t.Fatalf("a GitHub token compiled %v, want github-pat among them", ids)
	}
	if n > len(cfg.Rules)/4 {
		t.Fatalf("one token compiled %d regexes of %d rules: %v", n, len(cfg.Rules), ids)
	}
}
