package confidence

import (
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// defaultWord is the word many stacks ship as their database password
// (Homestead's DB_PASSWORD=secret, the PHP configs of their docs) and
// that tests and API examples use as a throwaway one (user.password =
// "secret", http_basic_authenticate_with password: "secret").
const defaultWord = "secret"

// configured collects the values of the findings in configuration,
// dotenv and credential files outside tests: what the repository's stack
// runs with.
func configured(fs []finding.Finding) map[string]bool {
	out := map[string]bool{}
	for i := range fs {
		if k := kindOf(fs[i].File); (k == kindEnv || k == kindConfig || k == kindCredFile) && !isTestPath(fs[i].File) {
			out[fs[i].Secret] = true
		}
	}
	return out
}

// unbackedDefault reports the default word under a generic assignment in
// code or docs (not under a JWT key) that no configuration file of the scan holds (set, nil when
// unknown): there it is an example or a test's throwaway password. Where
// the stack's env or config files set it, the docs and code that repeat it
// show the password the stack runs with.
func unbackedDefault(f *finding.Finding, set map[string]bool) bool {
	if set == nil || f.Secret != defaultWord || !strings.HasPrefix(f.RuleID, "generic-secret") {
		return false
	}
	if _, jwt := jwtKeyOf(f.Match, f.Secret); jwt {
		return false // jwt_secret: 'secret' in a config module signs the app's tokens
	}
	switch kindOf(f.File) {
	case kindEnv, kindConfig, kindCredFile:
		return false
	}
	return !set[defaultWord]
}
