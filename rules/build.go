package rules

import (
	"fmt"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// Fragments of regular expressions shared by several rules.
const (
	// secretKey matches the name of a variable, key or property that holds
	// a secret: it must end with one of the secret words (so token_url or
	// password_file do not qualify). Use inside a (?i) expression.
	secretKey = `[\w.-]*?(?:pass(?:w(?:or)?d|phrase)?|pwd|secret|token|credentials?|(?:api|access|private|auth|signing|encryption|master|account|secret)[_.-]?key|secret[_.-]?key[_.-]?base|(?-i:[A-Z0-9]_KEY))(?:[_.-]?\d{1,2})?`
	// quotedValue captures a single- or double-quoted value of 8 to 200 characters.
	quotedValue = `"([^"\r\n]{8,})"|'([^'\r\n]{8,})'`
)

// secretKeywords are the keywords of rules whose match includes a
// secretKey: each secretKey, lower-cased, contains one of them. They are
// narrower than "key" alone, which would run the rules around every map key
// and keyboard in source code.
var secretKeywords = []string{"pass", "pwd", "secret", "token", "credential", "_key", "-key", ".key", "apikey", "accesskey", "privatekey", "authkey", "signingkey", "encryptionkey", "masterkey", "accountkey"}

// spec describes one rule; build compiles it.
type spec struct {
	id, description string
	regex           string
	secretGroup     int
	entropy         float64
	keywords        []string
	tags            []string
	// allow are extra allowlists; the shared placeholder filter is always added.
	allow    []*config.Allowlist
	tps, fps []string
}

type builtRule struct {
	rule     *config.Rule
	tps, fps []string
}

func (b builtRule) Rule() *config.Rule       { r := *b.rule; return &r }
func (b builtRule) TruePositives() []string  { return b.tps }
func (b builtRule) FalsePositives() []string { return b.fps }

// build compiles s into a Rule; an invalid spec is a programming error.
func build(s spec) Rule {
	r := &config.Rule{
		RuleID:      s.id,
		Description: s.description,
		Regex:       regexp.MustCompile(s.regex),
		SecretGroup: s.secretGroup,
		Entropy:     s.entropy,
		Keywords:    s.keywords,
		Tags:        append([]string{"secretsweep"}, s.tags...),
		Allowlists:  append([]*config.Allowlist{}, s.allow...),
	}
	if err := r.Validate(); err != nil {
		panic(fmt.Sprintf("rules: %s: %v", s.id, err))
	}
	return builtRule{rule: r, tps: s.tps, fps: s.fps}
}

// lineAllow is an allowlist on the whole line.
func lineAllow(desc string, exprs ...string) *config.Allowlist {
	return &config.Allowlist{Description: desc, RegexTarget: "line", Regexes: compileAll(exprs)}
}
