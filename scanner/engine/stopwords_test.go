package engine

import (
	"context"
	"slices"
	"testing"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

func TestStopWordsIn(t *testing.T) {
	sw := &stopWords{by3: map[string][]string{}}
	sw.add([]string{"zq", "abstract", "ABSENT", "token"})
	for _, tc := range []struct {
		secret string
		want   bool
	}{
		{"", false},
		{"xxZQxx", true}, // short word
		{"q1Abstract9", true},
		{"q1absent9", true}, // words are lower-cased
		{"q1abs9", false},   // a shared prefix is not a word
		{"tokes", false},
		{"zzzzTOKEN", true},
		{"tok", false},
	} {
		if got := sw.in(tc.secret); got != tc.want {
			t.Errorf("in(%q) = %v, want %v", tc.secret, got, tc.want)
		}
	}
	var none *stopWords
	if none.in("abstract") {
		t.Error("a nil set matched")
	}
}

// Moving the generic rule's stop words out of gitleaks' trie must not change
// what is reported: gitleaks' own detector on the untouched config, gitleaks'
// detector on ours (its strings.Contains fallback) and both engines agree.
func TestGenericStopWordsStillAllowlist(t *testing.T) {
	const (
		stopped = "Qm7xAbstractZk29Lp4V" // holds the stop word "abstract"
		kept    = "Qm7xVb3tWz9Kd2Lp4VsH"
	)
	text := "api_key = \"" + stopped + "\"\nauth_token = \"" + kept + "\"\n"

	vc, err := parseViper([]byte(config.DefaultConfig))
	if err != nil {
		t.Fatal(err)
	}
	translateMu.Lock()
	pristine, err := vc.Translate()
	translateMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	ours, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	words := ours.Rules["generic-api-key"].Allowlists
	sw := &stopWords{by3: map[string][]string{}}
	for _, a := range words {
		sw.add(a.StopWords)
	}
	if !sw.in(stopped) || sw.in(kept) {
		t.Fatal("fixture: the first secret must hold a stop word and the second none")
	}

	generic := func(secrets []string) []string {
		slices.Sort(secrets)
		return secrets
	}
	viaGitleaks := func(cfg config.Config) []string {
		var out []string
		for _, f := range detect.NewDetector(cfg).DetectContext(context.Background(), detect.Fragment{Raw: text, FilePath: "app.py"}) {
			if f.RuleID == "generic-api-key" {
				out = append(out, f.Secret)
			}
		}
		return generic(out)
	}
	viaEngine := func(opts Options) []string {
		var out []string
		for _, f := range New(ours, opts).Scan(context.Background(), Fragment{Path: "app.py", Text: text, StartLine: 1}) {
			if f.RuleID == "generic-api-key" {
				out = append(out, f.Secret)
			}
		}
		return generic(out)
	}
	want := []string{kept}
	for name, got := range map[string][]string{
		"gitleaks, untouched config": viaGitleaks(pristine),
		"gitleaks, our config":       viaGitleaks(ours),
		"windowed engine":            viaEngine(Options{MaxDecodeDepth: 5}),
		"whole-fragment engine":      viaEngine(Options{NoWindows: true}),
	} {
		if !slices.Equal(got, want) {
			t.Errorf("%s: generic-api-key secrets %q, want %q", name, got, want)
		}
	}
}

// The engine takes the stop words out of its detectors' configs (so no trie
// holds them) only for generic rules outside composite rules.
func TestTakeStopWords(t *testing.T) {
	words := &config.Allowlist{MatchCondition: config.AllowlistMatchOr, StopWords: []string{"abstract"}}
	cfg := config.Config{Rules: map[string]config.Rule{
		"generic-a":  {RuleID: "generic-a", Allowlists: []*config.Allowlist{words}},
		"specific-b": {RuleID: "specific-b", Allowlists: []*config.Allowlist{words}},
		"generic-c":  {RuleID: "generic-c", Allowlists: []*config.Allowlist{words}},
	}}
	out, taken := takeStopWords(cfg, map[string]bool{"generic-c": true})
	if len(out.Rules["generic-a"].Allowlists) != 0 || !taken["generic-a"].in("xabstractx") {
		t.Error("generic-a: stop words not taken")
	}
	for _, id := range []string{"specific-b", "generic-c"} {
		if len(out.Rules[id].Allowlists) != 1 || taken[id] != nil {
			t.Errorf("%s: stop words taken", id)
		}
	}
	if len(cfg.Rules["generic-a"].Allowlists) != 1 {
		t.Error("the input config was modified")
	}
}

// lazyStopWords splits an OR allowlist into its other checks and its stop
// words, and leaves AND allowlists and specific rules alone.
func TestLazyStopWords(t *testing.T) {
	mixed := &config.Allowlist{MatchCondition: config.AllowlistMatchOr, Paths: []*regexp.Regexp{regexp.MustCompile(`^vendor/`)}, StopWords: []string{"abstract"}}
	and := &config.Allowlist{MatchCondition: config.AllowlistMatchAnd, Paths: []*regexp.Regexp{regexp.MustCompile(`^x/`)}, StopWords: []string{"abstract"}}
	for _, a := range []*config.Allowlist{mixed, and} {
		if err := a.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	cfg := config.Config{Rules: map[string]config.Rule{
		"generic-a":  {RuleID: "generic-a", Allowlists: []*config.Allowlist{mixed, and}},
		"specific-b": {RuleID: "specific-b", Allowlists: []*config.Allowlist{mixed}},
	}}
	if err := lazyStopWords(&cfg); err != nil {
		t.Fatal(err)
	}
	got := cfg.Rules["generic-a"].Allowlists
	if len(got) != 3 || got[0] == mixed || len(got[0].StopWords) != 0 || !got[0].PathAllowed("vendor/a.go") ||
		!stopWordsOnly(got[1]) || got[1].MatchCondition != config.AllowlistMatchOr || got[2] != and {
		t.Errorf("generic-a allowlists not split as expected: %+v", got)
	}
	if ok, _ := got[1].ContainsStopWord("xABSTRACTx"); !ok {
		t.Error("the stop-word allowlist no longer matches")
	}
	if a := cfg.Rules["specific-b"].Allowlists; len(a) != 1 || a[0] != mixed {
		t.Error("specific-b changed")
	}
}
