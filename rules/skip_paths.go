package rules

import "github.com/zricethezav/gitleaks/v8/config"

// SkipPaths are the only paths the default configuration skips by name;
// they replace the path entries of gitleaks' default allowlists (see
// scanner's DefaultConfig). They are the project's own configuration files
// at the repository root, which hold rule regexes and allowlisted samples
// that look like secrets.
//
// A name is chosen by whoever writes the tree, so a path allowlist is a
// place to hide a secret: gitleaks' default skipped "src/node_modules/x.py"
// and "mygitleaks.toml.py". Each of its entries was reviewed and dropped:
//   - gitleaks.toml anywhere in a path: only the exact names at the root
//     are kept (below).
//   - Images, fonts, documents, executables (.png, .svg, .woff, .pdf, .exe,
//     .bin ...): binary files are skipped by content (a NUL byte in the
//     first 8000 bytes, as git decides), whatever their name; what is text
//     (an SVG, an uncompressed PDF, a file merely named .png) is scanned.
//   - Lock files (package-lock.json, yarn.lock, poetry.lock, go.sum ...):
//     they record registry URLs, which carry credentials when a private
//     registry was used with basic auth, and any file can be given the
//     name. go.sum's checksum lines, which gitleaks' generic rule takes for
//     key assignments, are allowlisted by their shape
//     (GenericRuleAllowlists).
//   - Dependency directories (node_modules/, bower_components/, vendor/,
//     virtualenvs, site-packages, *.dist-info): committed, they are pushed
//     like any other file, and a hand-written file or a patched dependency
//     in them leaks the same way; nothing tells a real npm install from a
//     directory given that name, even at the root beside a package.json.
//     Mature scanners (trufflehog, GitHub secret scanning) scan them too.
//     A working-tree scan of a checkout with installed dependencies is
//     slower and may report test keys of third-party packages; a project
//     that wants them skipped says so in its own config, which range and
//     staged scans read from the trusted revision, not from the change.
//   - Wrapper scripts and generated files named by convention (gradlew,
//     mvnw, MavenWrapperDownloader.java, minified jquery/bootstrap,
//     javascript.json, verification-metadata.xml, Database.refactorlog,
//     *.gem, .git): scanned; a name proves nothing about the content.
//
// Rule allowlists of gitleaks' default rules that skip paths on their own
// (the github-pat and github-app-token rules skipped any file named
// @octokit/auth-token/README.md) are dropped for the same reason; an
// allowlist that combines a path with a line or secret pattern (condition
// AND) narrows what it allows and is kept.
func SkipPaths() []string {
	return []string{
		`^\.?gitleaks\.toml$`,
		`^\.secretsweep\.toml$`,
	}
}

// GenericRule is gitleaks' generic rule, which GenericRuleAllowlists
// are added to.
const GenericRule = "generic-api-key"

// GenericRuleAllowlists are values gitleaks' generic rule takes for key
// assignments that are, by their shape, checksums: go.sum's checksum lines
// and the SecretSHA256 field of secretsweep's own JSON reports (a committed
// baseline). What is allowed is the shape of a line or a match, never a
// file: any other line of those files is scanned, and a token a specific
// rule knows (ghp_..., AKIA...) is reported even on such a line.
func GenericRuleAllowlists() []*config.Allowlist {
	// gitleaks hands a line target over with the newline before it.
	return []*config.Allowlist{
		allowlist(&config.Allowlist{
			Description:    "go.sum checksum lines (<module> <version> h1:<base64 SHA-256>)",
			MatchCondition: config.AllowlistMatchAnd,
			Paths:          compileAll([]string{`(?:^|/)go\.(?:work\.)?sum$`}),
			RegexTarget:    "line",
			Regexes:        compileAll([]string{`^\n?[^\s]+ v[^\s]+ h1:[A-Za-z0-9+/]{43}=\r?\n?$`}),
		}),
		allowlist(&config.Allowlist{
			Description: "the SHA-256 of a secret in a secretsweep JSON report (a baseline)",
			RegexTarget: "match",
			Regexes:     compileAll([]string{`^SecretSHA256"?\s*:\s*"[0-9a-f]{64}"?$`}),
		}),
	}
}

func allowlist(a *config.Allowlist) *config.Allowlist {
	if err := a.Validate(); err != nil {
		panic("rules: allowlist " + a.Description + ": " + err.Error())
	}
	return a
}
