package engine

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"

	"github.com/secretsweep/secretsweep/rules"
)

// configFileNames are looked up, in order, at the repository root when no
// --config is given.
var configFileNames = []string{".secretsweep.toml", ".gitleaks.toml"}

// ConfigFileNames returns the names a config is looked up by at a root,
// in order.
func ConfigFileNames() []string { return slices.Clone(configFileNames) }

// gitleaks' Translate compiles regexes with MustCompile and keeps package
// state for extends; we never let it extend (we merge ourselves, below) and
// serialise calls so one process can load many configs.
var translateMu sync.Mutex

// LoadConfig loads the detection config. With path empty it looks for
// .secretsweep.toml or .gitleaks.toml in root and falls back to the default
// rule set: gitleaks' default rules plus secretsweep's own rules. A file in
// gitleaks' TOML format replaces the default set unless it says
// [extend] useDefault = true.
func LoadConfig(path, root string) (config.Config, error) {
	if path != "" {
		return LoadConfigFile(path)
	}
	return LoadConfigFrom(DirSettings{Root: root})
}

// LoadConfigFile loads an explicit config file; what it extends is read
// from the file system.
func LoadConfigFile(path string) (config.Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return config.Config{}, fmt.Errorf("config: %w", err)
	}
	cfg, err := parseConfig(data, filepath.Dir(path), DirSettings{})
	if err != nil {
		return config.Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	cfg.Path = path
	return cfg, nil
}

// LoadConfigFrom loads the first of the ConfigFileNames that src has, and
// what it extends from src too; without one, the default config.
func LoadConfigFrom(src Settings) (config.Config, error) {
	for _, name := range configFileNames {
		data, ok, err := src.Read(name)
		if err != nil {
			return config.Config{}, fmt.Errorf("config: %w", err)
		}
		if !ok {
			continue
		}
		cfg, err := parseConfig(data, src.Dir(name), src)
		if err != nil {
			return config.Config{}, fmt.Errorf("config %s: %w", src.Label(name), err)
		}
		cfg.Path = src.Label(name)
		return cfg, nil
	}
	return DefaultConfig()
}

// DefaultConfig returns gitleaks' default rules plus secretsweep's rules.
func DefaultConfig() (config.Config, error) {
	vc, err := defaultViper()
	if err != nil {
		return config.Config{}, fmt.Errorf("default config: %w", err)
	}
	return translate(vc, true)
}

// defaultViper parses gitleaks' default config and replaces what its
// allowlists skip by path alone with rules.SkipPaths: a name is chosen by
// whoever writes the tree, so it must not hide a file (rules/skip_paths.go
// lists each inherited entry and why it went). Allowlists that combine a
// path with a content pattern (condition AND) only narrow and are kept.
func defaultViper() (config.ViperConfig, error) {
	vc, err := parseViper([]byte(config.DefaultConfig))
	if err != nil {
		return vc, err
	}
	if len(vc.Allowlists) == 0 {
		return vc, errors.New("gitleaks' default config has no global allowlist")
	}
	for _, a := range vc.Allowlists {
		if !isAnd(a.Condition) {
			a.Paths = nil
		}
	}
	vc.Allowlists[0].Paths = rules.SkipPaths()
	for i := range vc.Rules {
		r := &vc.Rules[i]
		if r.AllowList != nil {
			r.Allowlists = append(r.Allowlists, r.AllowList)
			r.AllowList = nil
		}
		kept := r.Allowlists[:0]
		for _, a := range r.Allowlists {
			if !isAnd(a.Condition) {
				a.Paths = nil
			}
			if len(a.Paths)+len(a.Regexes)+len(a.StopWords)+len(a.Commits) > 0 {
				kept = append(kept, a)
			}
		}
		r.Allowlists = kept
	}
	return vc, nil
}

// isAnd reports whether an allowlist condition, as gitleaks reads it,
// requires every check to match.
func isAnd(cond string) bool {
	c := strings.ToUpper(strings.TrimSpace(cond))
	return c == "AND" || c == "&&"
}

// ParseConfig parses a gitleaks-format TOML config; dir resolves a relative
// [extend] path.
func ParseConfig(data []byte, dir string) (config.Config, error) {
	return parseConfig(data, dir, DirSettings{})
}

// parseConfig parses a config in dir of src; what it extends is read from
// src.
func parseConfig(data []byte, dir string, src Settings) (config.Config, error) {
	vc, useDefault, err := resolve(data, dir, src, 0)
	if err != nil {
		return config.Config{}, err
	}
	return translate(vc, useDefault)
}

// resolve parses data and merges what it extends (a path in dir of src),
// returning whether the default rules (and so secretsweep's rules) are part
// of the result.
func resolve(data []byte, dir string, src Settings, depth int) (config.ViperConfig, bool, error) {
	vc, err := parseViper(data)
	if err != nil {
		return vc, false, err
	}
	if err := checkRegexes(&vc); err != nil {
		return vc, false, err
	}
	ext := vc.Extend
	vc.Extend = config.Extend{}
	switch {
	case ext.UseDefault && ext.Path != "":
		return vc, false, errors.New("[extend] cannot set both path and useDefault")
	case ext.URL != "":
		return vc, false, errors.New("[extend] url is not supported")
	case ext.UseDefault:
		base, err := defaultViper()
		if err != nil {
			return vc, false, err
		}
		return merge(vc, base, ext.DisabledRules), true, nil
	case ext.Path != "":
		if depth >= 2 {
			return vc, false, errors.New("[extend] nested too deeply")
		}
		name, err := src.ExtendPath(dir, ext.Path)
		if err != nil {
			return vc, false, fmt.Errorf("[extend] %w", err)
		}
		bdata, ok, err := src.Read(name)
		if err != nil {
			return vc, false, fmt.Errorf("[extend] %w", err)
		}
		if !ok {
			return vc, false, fmt.Errorf("[extend] %s: no such file", src.Label(name))
		}
		base, useDefault, err := resolve(bdata, src.Dir(name), src, depth+1)
		if err != nil {
			return vc, false, fmt.Errorf("[extend] %s: %w", src.Label(name), err)
		}
		return merge(vc, base, ext.DisabledRules), useDefault, nil
	}
	return vc, false, nil
}

func parseViper(data []byte) (config.ViperConfig, error) {
	var vc config.ViperConfig
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return vc, fmt.Errorf("invalid TOML: %w", err)
	}
	if err := v.Unmarshal(&vc); err != nil {
		return vc, fmt.Errorf("invalid config: %w", err)
	}
	// Fold the deprecated single [allowlist] into [[allowlists]] so that
	// configs written either way can be merged.
	if vc.AllowList != nil {
		vc.Allowlists = append(vc.Allowlists, vc.AllowList)
		vc.AllowList = nil
	}
	return vc, nil
}

// merge applies gitleaks' extend semantics: rules of top override fields of
// base rules with the same id; other base rules are added unless disabled;
// allowlists are concatenated.
func merge(top, base config.ViperConfig, disabled []string) config.ViperConfig {
	off := map[string]bool{}
	for _, id := range disabled {
		off[id] = true
	}
	index := map[string]int{}
	for i, r := range top.Rules {
		index[r.ID] = i
	}
	for _, br := range base.Rules {
		if off[br.ID] {
			continue
		}
		i, ok := index[br.ID]
		if !ok {
			top.Rules = append(top.Rules, br)
			continue
		}
		tr := top.Rules[i]
		m := br
		if tr.Description != "" {
			m.Description = tr.Description
		}
		if tr.Entropy != 0 {
			m.Entropy = tr.Entropy
		}
		if tr.SecretGroup != 0 {
			m.SecretGroup = tr.SecretGroup
		}
		if tr.Regex != "" {
			m.Regex = tr.Regex
		}
		if tr.Path != "" {
			m.Path = tr.Path
		}
		m.Tags = append(append([]string{}, br.Tags...), tr.Tags...)
		m.Keywords = append(append([]string{}, br.Keywords...), tr.Keywords...)
		m.Allowlists = append(append(m.Allowlists[:0:0], br.Allowlists...), tr.Allowlists...)
		if m.AllowList != nil {
			m.Allowlists = append(m.Allowlists, m.AllowList)
		}
		if tr.AllowList != nil {
			m.Allowlists = append(m.Allowlists, tr.AllowList)
		}
		m.AllowList = nil
		top.Rules[i] = m
	}
	top.Allowlists = append(top.Allowlists, base.Allowlists...)
	return top
}

// translate compiles a ViperConfig. gitleaks panics on invalid regexes; that
// becomes an error here.
func translate(vc config.ViperConfig, withOwnRules bool) (cfg config.Config, err error) {
	translateMu.Lock()
	defer translateMu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("invalid config: %v", r)
		}
	}()
	cfg, err = vc.Translate()
	if err != nil {
		return cfg, err
	}
	cfg.Path = ""
	if err := lazyStopWords(&cfg); err != nil {
		return cfg, err
	}
	if withOwnRules {
		for _, r := range rules.All() {
			addRule(&cfg, r)
		}
		if r, ok := cfg.Rules[rules.GenericRule]; ok {
			r.Allowlists = append(slices.Clip(r.Allowlists), rules.GenericRuleAllowlists()...)
			cfg.Rules[rules.GenericRule] = r
		}
	}
	sort.Strings(cfg.OrderedRules)
	return cfg, nil
}

// addRule adds (or replaces) a compiled rule.
func addRule(cfg *config.Config, r *config.Rule) {
	if _, ok := cfg.Rules[r.RuleID]; !ok {
		cfg.OrderedRules = append(cfg.OrderedRules, r.RuleID)
	}
	cfg.Rules[r.RuleID] = *r
	for _, k := range r.Keywords {
		cfg.Keywords[k] = struct{}{}
	}
}

// defaultRuleIDs are the ids of gitleaks' default rules, parsed once.
var defaultRuleIDs = sync.OnceValue(func() map[string]bool {
	ids := map[string]bool{}
	vc, err := parseViper([]byte(config.DefaultConfig))
	if err != nil {
		return ids // gitleaks' own config; TestIsDefaultRule catches a failure
	}
	for _, r := range vc.Rules {
		ids[r.ID] = true
	}
	return ids
})

// IsDefaultRule reports whether id is one of gitleaks' default rules
// (generic-api-key included): scanner/confidence keeps their findings at
// medium or above, for gitleaks parity at the default threshold.
func IsDefaultRule(id string) bool { return defaultRuleIDs()[id] }
