package rules

import "github.com/zricethezav/gitleaks/v8/config"

// MarkerAllowlist returns the allowlist on lines that explicitly mark a
// value as a test fixture or an accepted finding (secretsweep:allow,
// pragma: allowlist secret, nosec ...), which secretsweep's rules share,
// for detectors that are not gitleaks rules (rules/parse).
func MarkerAllowlist() *config.Allowlist {
	a := lineAllow("explicitly marked test fixtures", markerRegexes...)
	if err := a.Validate(); err != nil {
		panic("rules: marker allowlist: " + err.Error())
	}
	return a
}
