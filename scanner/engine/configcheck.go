package engine

import (
	"fmt"
	"regexp/syntax"

	"github.com/zricethezav/gitleaks/v8/config"
)

// checkRegexes parses every regex of a config file with Go's parser (the
// one gitleaks compiles with in its default build) before gitleaks hands
// them to RE2 in the gore2regex builds: RE2's C++ library logs a raw
// parse error to stderr before failing, where this names the rule and the
// field in one line.
func checkRegexes(vc *config.ViperConfig) error {
	for _, r := range vc.Rules {
		where := fmt.Sprintf("rule %q", r.ID)
		if err := checkRegex(where, "regex", r.Regex); err != nil {
			return err
		}
		if err := checkRegex(where, "path", r.Path); err != nil {
			return err
		}
		lists := r.Allowlists
		if r.AllowList != nil {
			lists = append(lists[:len(lists):len(lists)], r.AllowList)
		}
		for i, a := range lists {
			if a == nil {
				continue
			}
			if err := checkList(fmt.Sprintf("%s allowlist %d", where, i+1), a.Regexes, a.Paths); err != nil {
				return err
			}
		}
	}
	globals := vc.Allowlists
	if vc.AllowList != nil {
		globals = append(globals[:len(globals):len(globals)], vc.AllowList)
	}
	for i, a := range globals {
		if a == nil {
			continue
		}
		if err := checkList(fmt.Sprintf("allowlist %d", i+1), a.Regexes, a.Paths); err != nil {
			return err
		}
	}
	return nil
}

func checkList(where string, regexes, paths []string) error {
	for i, re := range regexes {
		if err := checkRegex(where, fmt.Sprintf("regexes[%d]", i), re); err != nil {
			return err
		}
	}
	for i, re := range paths {
		if err := checkRegex(where, fmt.Sprintf("paths[%d]", i), re); err != nil {
			return err
		}
	}
	return nil
}

// checkRegex parses expr as regexp.Compile does; the error quotes the
// pattern's offending part as Go's parser reports it.
func checkRegex(where, field, expr string) error {
	if expr == "" {
		return nil
	}
	if _, err := syntax.Parse(expr, syntax.Perl); err != nil {
		return fmt.Errorf("%s: invalid %s: %v", where, field, err)
	}
	return nil
}
